/**
 * Keeps `monthly_facts` (one row per unit-month, a column per measure) equal to the pivot of
 * `observations`. Every write of observations calls `refreshFacts` in the same transaction.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { MEASURE_CODES } from '../../domain/measures.ts';
import { bumpDataVersion } from './data-version.ts';

const columns = sql.raw(MEASURE_CODES.map((c) => `"${c}"`).join(', '));
const pivots = sql.raw(
	MEASURE_CODES.map((c) => `max(value) filter (where measure_code = '${c}')`).join(', ')
);
const updates = sql.raw(MEASURE_CODES.map((c) => `"${c}" = excluded."${c}"`).join(', '));

/**
 * Recomputes the facts of the unit-months selected by `keys` (a query returning unit_id, month),
 * or of every unit-month when omitted. Unit-months with no observation left are removed.
 */
export async function refreshFacts(tx: Executor, keys?: SQL): Promise<void> {
	await bumpDataVersion(tx);
	if (!keys) {
		await tx.run(sql`delete from monthly_facts`);
		await tx.run(sql`insert into monthly_facts (unit_id, month, ${columns})
			select unit_id, month, ${pivots} from observations group by unit_id, month`);
		return;
	}
	await tx.run(sql`delete from monthly_facts f using (${keys}) k
		where f.unit_id = k.unit_id and f.month = k.month
			and not exists (select 1 from observations o where o.unit_id = k.unit_id and o.month = k.month)`);
	await tx.run(sql`insert into monthly_facts (unit_id, month, ${columns})
		select o.unit_id, o.month, ${pivots} from observations o
		where (o.unit_id, o.month) in (select unit_id, month from (${keys}) k)
		group by o.unit_id, o.month
		on conflict (unit_id, month) do update set ${updates}`);
}
