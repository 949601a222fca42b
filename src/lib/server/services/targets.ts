/**
 * Default targets: every scored indicator's Decision 766 threshold, for every year from 2021 to
 * five years ahead, for all units (unit null). Administrators may later override per year or unit;
 * existing targets are never overwritten.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { INDICATORS } from '../../domain/indicators.ts';
import { thisYear } from '../../domain/clock.ts';

/** Inserts the default targets that are missing; returns how many were added. */
export async function seedDefaultTargets(tx: Executor, lastYear = thisYear() + 5): Promise<number> {
	let added = 0;
	for (const i of INDICATORS) {
		if (!i.scoring) continue;
		added += await tx.run(sql`insert into targets (indicator_code, year, unit_id, value)
			select ${i.code}, y, null, ${i.scoring.threshold} from generate_series(2021, ${lastYear}) as y
			on conflict do nothing`);
	}
	return added;
}
