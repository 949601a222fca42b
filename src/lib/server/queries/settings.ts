/** Installation facts kept in the settings table. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

/** True when the figures in the store are (or include) generated demo data. */
export async function isDemo(db: Executor): Promise<boolean> {
	const rows = await db.rows<{ demo: boolean }>(
		sql`select exists (select 1 from import_batches where source = 'demo') as demo`
	);
	return Boolean(rows[0]?.demo);
}

/** First and last month (YYYY-MM) holding any figure, or nulls on an empty store. */
export async function dataSpan(
	db: Executor
): Promise<{ first: string | null; last: string | null }> {
	const rows = await db.rows<{ first: string | null; last: string | null }>(
		sql`select to_char(min(month), 'YYYY-MM') as first, to_char(max(month), 'YYYY-MM') as last from monthly_facts`
	);
	return rows[0] ?? { first: null, last: null };
}

/**
 * The text setting `key`, stored as `candidate` the first time it is asked for (a concurrent
 * first ask by another process keeps whichever was stored first).
 */
export async function settingOnce(db: Executor, key: string, candidate: string): Promise<string> {
	await db.run(sql`insert into settings (key, value) values (${key}, ${JSON.stringify(candidate)}::jsonb)
		on conflict (key) do nothing`);
	const [row] = await db.rows<{ value: string }>(
		sql`select value #>> '{}' as value from settings where key = ${key}`
	);
	return row.value;
}

/** True when the store holds any unit. */
export async function hasUnits(db: Executor): Promise<boolean> {
	const [row] = await db.rows<{ any: boolean }>(sql`select exists (select 1 from units) as any`);
	return Boolean(row?.any);
}

/** True when the store holds any figure. */
export async function hasFigures(db: Executor): Promise<boolean> {
	const [row] = await db.rows<{ any: boolean }>(
		sql`select exists (select 1 from observations) as any`
	);
	return Boolean(row?.any);
}

/** Stores a JSON setting, replacing what was there. */
export async function saveSetting(db: Executor, key: string, value: unknown): Promise<void> {
	await db.run(sql`insert into settings (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
		on conflict (key) do update set value = excluded.value`);
}
