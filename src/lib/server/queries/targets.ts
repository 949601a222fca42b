/** Targets per indicator and year: a unit's own target where set, else the one for all units. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { INDICATORS } from '../../domain/indicators.ts';
import { thisYear } from '../../domain/clock.ts';

/**
 * The targets of an indicator and year: a unit's own where set, else the one for all units;
 * null where there is none. One query for every unit, so it needs no list of them and can run
 * beside the figures' own.
 */
export async function yearTargets(
	db: Executor,
	indicator: string,
	year: number
): Promise<(unitId: number) => number | null> {
	const rows = await db.rows<{ unit_id: number | null; value: number }>(sql`
		select unit_id, value::float8 as value from targets
		where indicator_code = ${indicator} and year = ${year}`);
	let general: number | null = null;
	const own = new Map<number, number>();
	for (const r of rows) {
		if (r.unit_id === null) general = Number(r.value);
		else own.set(Number(r.unit_id), Number(r.value));
	}
	return (unitId) => own.get(unitId) ?? general;
}

/**
 * The target of each given unit for an indicator and year; units without one of their own get the
 * general target; none at all → absent from the map.
 */
export async function targetsFor(
	db: Executor,
	indicator: string,
	year: number,
	unitIds: number[]
): Promise<Map<number, number>> {
	const targetOf = await yearTargets(db, indicator, year);
	const out = new Map<number, number>();
	for (const id of unitIds) {
		const t = targetOf(id);
		if (t !== null) out.set(id, t);
	}
	return out;
}

/**
 * Default targets: every scored indicator's Decision 766 threshold, for every year from 2021 to
 * `lastYear`, for all units (unit null). Existing targets are never overwritten.
 */
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

/** One unit's targets of several indicators in a year (one query), by indicator code. */
export async function unitTargets(
	db: Executor,
	indicators: string[],
	year: number,
	unitId: number
): Promise<Map<string, number>> {
	if (!indicators.length) return new Map();
	const rows = await db.rows<{ indicator_code: string; unit_id: number | null; value: number }>(sql`
		select indicator_code, unit_id, value::float8 as value from targets
		where year = ${year} and indicator_code in (${sql.join(
			indicators.map((i) => sql`${i}`),
			sql`, `
		)})
			and (unit_id is null or unit_id = ${unitId})`);
	const out = new Map<string, number>();
	// The unit's own target wins over the general one.
	for (const r of rows.filter((r) => r.unit_id === null))
		out.set(r.indicator_code, Number(r.value));
	for (const r of rows.filter((r) => r.unit_id !== null))
		out.set(r.indicator_code, Number(r.value));
	return out;
}
