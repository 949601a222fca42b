/**
 * Reads of the approved figures: of the unit-months a file or a form touches (from
 * monthly_facts, one row per unit-month), of one report, and their recent medians, which the
 * report form shows beside each field and an upload checks its jumps against. The one writer of
 * these figures is observations.ts.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { isMeasureCode, MEASURE_CODES, type MeasureCode } from '../../domain/measures.ts';

/** Stored figures by unit-month (`${unitId}|${YYYY-MM}`), each a map measure → value. */
export type StoredFigures = Map<string, Map<MeasureCode, number>>;

const factColumns = sql.raw(MEASURE_CODES.map((c) => `"${c}"::float8 as "${c}"`).join(', '));

/** The stored figures of the given unit-months (read from monthly_facts, their pivot). */
export function storedFigures(
	db: Executor,
	keys: readonly { unitId: number; month: string }[]
): Promise<StoredFigures> {
	return storedFiguresIn(
		db,
		keys.map((k) => k.unitId),
		keys.map((k) => k.month)
	);
}

/** The stored figures of every unit-month of these units in these months (YYYY-MM). */
export async function storedFiguresIn(
	db: Executor,
	unitIds: readonly number[],
	months: readonly string[]
): Promise<StoredFigures> {
	const out: StoredFigures = new Map();
	if (unitIds.length === 0 || months.length === 0) return out;
	const days = [...new Set(months)].map((m) => `${m}-01`);
	const ids = [...new Set(unitIds.map(Number))];
	const rows = await db.rows<Record<string, number | string | null>>(sql`
		select unit_id, to_char(month, 'YYYY-MM') as month, ${factColumns} from monthly_facts
		where month = any(${`{${days.join(',')}}`}::date[]) and unit_id = any(${`{${ids.join(',')}}`}::int[])`);
	for (const r of rows) {
		const values = new Map<MeasureCode, number>();
		for (const code of MEASURE_CODES) if (r[code] !== null) values.set(code, Number(r[code]));
		out.set(`${r.unit_id}|${r.month}`, values);
	}
	return out;
}

/** The approved figures of a unit-month (from observations). */
export async function approvedValues(
	db: Executor,
	unitId: number,
	month: string
): Promise<Map<MeasureCode, number>> {
	const rows = await db.rows<{ measure_code: string; value: number }>(sql`
		select measure_code, value::float8 as value from observations
		where unit_id = ${unitId} and month = ${`${month}-01`}::date`);
	return new Map(
		rows
			.filter((r) => isMeasureCode(r.measure_code))
			.map((r) => [r.measure_code as MeasureCode, Number(r.value)])
	);
}

// (measure code, its column) pairs of a monthly_facts row, to unpivot it.
const factValues = sql.raw(MEASURE_CODES.map((c) => `('${c}', f."${c}")`).join(', '));

export interface RecentMedian {
	median: number;
	months: number;
}

/** Per measure, the median of the unit's approved figures over the 12 months before `month`. */
export async function recentMedians(
	db: Executor,
	unitId: number,
	month: string
): Promise<Map<MeasureCode, RecentMedian>> {
	const all = await recentMediansOf(db, [{ unitId, month }]);
	return all.get(`${unitId}|${month}`) ?? new Map();
}

/**
 * `recentMedians` of many unit-months in one query (an upload of a district's year), keyed
 * `${unitId}|${YYYY-MM}`; unit-months without approved history are absent.
 */
export async function recentMediansOf(
	db: Executor,
	keys: readonly { unitId: number; month: string }[]
): Promise<Map<string, Map<MeasureCode, RecentMedian>>> {
	const out = new Map<string, Map<MeasureCode, RecentMedian>>();
	const unique = [...new Map(keys.map((k) => [`${k.unitId}|${k.month}`, k])).values()];
	if (unique.length === 0) return out;
	const ids = unique.map((k) => Number(k.unitId));
	const days = unique.map((k) => `${k.month}-01`);
	// From monthly_facts (keyed by unit, then month) rather than observations (keyed by month):
	// a unit's year is one short index range there.
	const rows = await db.rows<{
		unit_id: number;
		month: string;
		measure_code: string;
		median: number;
		months: number;
	}>(sql`
		select k.unit_id, to_char(k.month, 'YYYY-MM') as month, m.code as measure_code,
			percentile_cont(0.5) within group (order by m.v)::float8 as median, count(*)::int as months
		from unnest(${`{${ids.join(',')}}`}::int[], ${`{${days.join(',')}}`}::date[]) as k(unit_id, month)
			join monthly_facts f on f.unit_id = k.unit_id and f.month < k.month
				and f.month >= k.month - interval '12 months'
			cross join lateral (values ${factValues}) as m(code, v)
		where m.v is not null
		group by k.unit_id, k.month, m.code`);
	for (const r of rows) {
		if (!isMeasureCode(r.measure_code)) continue;
		const key = `${r.unit_id}|${r.month}`;
		let medians = out.get(key);
		if (!medians) out.set(key, (medians = new Map()));
		medians.set(r.measure_code as MeasureCode, {
			median: Number(r.median),
			months: Number(r.months)
		});
	}
	return out;
}
