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
