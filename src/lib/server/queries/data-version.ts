/**
 * A counter that changes whenever public figures or shapes change (figures approved or imported,
 * demo figures generated, boundaries attached). Cached public answers are keyed on it, so an
 * approval is visible on the next request, from any process sharing the database.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

/** Increments the data version; call in the transaction that changes public data. */
export async function bumpDataVersion(tx: Executor): Promise<void> {
	await tx.run(sql`insert into settings (key, value) values ('data_version', '1'::jsonb)
		on conflict (key) do update set value = to_jsonb((settings.value #>> '{}')::bigint + 1)`);
}

/** The current data version (0 before the first write). */
export async function dataVersion(db: Executor): Promise<number> {
	const rows = await db.rows<{ v: string | null }>(
		sql`select value #>> '{}' as v from settings where key = 'data_version'`
	);
	return Number(rows[0]?.v ?? 0);
}
