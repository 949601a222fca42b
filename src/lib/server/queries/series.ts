/**
 * `seriesFor`: one indicator for one unit over time. Before a merged unit existed, its figures are
 * the sums of its predecessors' raw counts through the lineage (`harmonised: true`), so the series
 * runs unbroken across the 2025 reorganisation. A unit that was abolished ends at its last month
 * and names its successor.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { addMonths, lastDay, monthsBetween, periodContaining } from '../../domain/periods.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { today } from '../../domain/clock.ts';
import { textArray } from './arrays.ts';
import { aggregate, type AggregateRow, type Bucket } from './aggregate.ts';
import { badRequest, notFound } from './errors.ts';
import { evaluate, inputsOf, optionalDate, requireIndicator, requirePeriod } from './values.ts';
import type { UnitRow } from './units.ts';
import { targetsFor } from './targets.ts';
import { lineageOfUnit, type LinkedUnit } from './lineage.ts';
import { trendToTarget, type Trend } from '../../domain/trend.ts';

export interface SeriesRow {
	period: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	harmonised: boolean;
	months_reported: number;
	low_confidence: boolean;
}

export interface SeriesResult {
	indicator: string;
	unit: Omit<LinkedUnit, 'share'> & { level: string };
	grain: Bucket;
	from: string;
	to: string;
	successors: LinkedUnit[];
	predecessors: LinkedUnit[];
	rows: SeriesRow[];
	/** The target for the year of the last month, and the last six months' trend towards it. */
	target: { year: number; value: number } | null;
	trend: Trend | null;
}

export interface SeriesRequest {
	indicator: string;
	unit: string;
	from?: string | null;
	to?: string | null;
	grain?: string | null;
	at?: string | null;
	/** Last month that may hold data (default: last complete month). */
	lastMonth: string;
	firstMonth?: string;
}

export const GRAINS: Bucket[] = ['month', 'quarter', 'year'];

type SeriesUnit = UnitRow & { id: number };

/** The unit as a series names it. */
export const seriesUnit = (u: SeriesUnit): SeriesResult['unit'] => ({
	code: u.code,
	name: u.name,
	level: u.level,
	valid_from: u.valid_from,
	valid_to: u.valid_to
});

/** The unit bearing `code` on `at`, or else the latest unit that bore it. */
async function resolveForSeries(db: Executor, code: string, at: string): Promise<SeriesUnit> {
	return (await resolveManyForSeries(db, [code], at))[0];
}

/** {@link resolveForSeries} for several codes in one query, in the order asked; 404 if unknown. */
export async function resolveManyForSeries(
	db: Executor,
	codes: string[],
	at: string
): Promise<SeriesUnit[]> {
	const rows =
		await db.rows<SeriesUnit>(sql`select u.id, u.code, u.name, u.short_name, u.type, u.level,
			p.code as parent_code, u.valid_from::text as valid_from, u.valid_to::text as valid_to,
			null::float8 as lon, null::float8 as lat, u.geometry_source
		from units u left join units p on p.id = u.parent_id
		where u.code = any(${textArray(codes)}) order by u.valid_from desc nulls last`);
	return codes.map((code) => {
		const bearing = rows.filter((u) => u.code === code);
		if (bearing.length === 0) notFound(`Unknown unit code "${code}"`);
		return (
			bearing.find(
				(u) => (u.valid_from ?? '0001-01-01') <= at && (u.valid_to ?? '9999-12-31') >= at
			) ?? bearing[0]
		);
	});
}

/** The months a unit's series spans and the day whose units it is drawn on. */
export function seriesWindow(
	unit: Pick<UnitRow, 'valid_from' | 'valid_to'>,
	request: Pick<SeriesRequest, 'from' | 'to' | 'lastMonth' | 'firstMonth'>,
	at: string
): { start: string; end: string; asOf: string } {
	const firstMonth = request.firstMonth ?? '2021-01';
	let start = request.from ? requirePeriod(request.from).start : firstMonth;
	let end = request.to ? requirePeriod(request.to).end : request.lastMonth;
	if (end > request.lastMonth) end = request.lastMonth;
	if (start > end) badRequest(`"from" (${request.from}) is after "to" (${request.to})`);
	// An abolished unit's series stops at its last whole month.
	if (unit.valid_to && unit.valid_to.slice(0, 7) < end) {
		const lastWhole =
			unit.valid_to === lastDay(unit.valid_to)
				? unit.valid_to.slice(0, 7)
				: addMonths(unit.valid_to, -1);
		end = lastWhole < end ? lastWhole : end;
	}
	if (start > end) start = end;
	const asOf =
		unit.valid_to && unit.valid_to < at
			? unit.valid_to
			: at < (unit.valid_from ?? at)
				? unit.valid_from!
				: at;
	return { start, end, asOf };
}

/** Every bucket code from month `start` to month `end`. */
export function bucketsBetween(start: string, end: string, grain: Bucket): string[] {
	const out: string[] = [];
	for (const m of monthsBetween(start, end)) {
		const b = periodContaining(m, grain);
		if (out[out.length - 1] !== b) out.push(b);
	}
	return out;
}

/** One row per bucket from `start` to `end`, from a target's aggregate rows (empty where none). */
export function seriesRowsOf(
	indicator: Indicator,
	rows: AggregateRow[],
	start: string,
	end: string,
	grain: Bucket
): SeriesRow[] {
	const byBucket = new Map(rows.filter((r) => r.bucket).map((r) => [r.bucket as string, r]));
	return bucketsBetween(start, end, grain).map((period) => {
		const r = byBucket.get(period);
		if (!r)
			return {
				period,
				value: null,
				numerator: null,
				denominator: null,
				harmonised: false,
				months_reported: 0,
				low_confidence: false
			};
		const e = evaluate(indicator, r);
		return {
			period,
			value: e.value,
			numerator: e.numerator,
			denominator: e.denominator,
			harmonised: r.harmonised,
			months_reported: e.months_reported,
			low_confidence: e.low_confidence
		};
	});
}

/** The series of one indicator for one unit. */
export async function seriesFor(db: Executor, request: SeriesRequest): Promise<SeriesResult> {
	const indicator: Indicator = requireIndicator(request.indicator);
	const grain = (request.grain ?? 'month') as Bucket;
	if (!GRAINS.includes(grain))
		badRequest(`Unknown grain "${request.grain}": use month, quarter or year`);
	const at = optionalDate('at', request.at) ?? today();
	const unit = await resolveForSeries(db, request.unit, at);
	const { start, end, asOf } = seriesWindow(unit, request, at);
	const rows = await aggregate(db, {
		indicators: inputsOf(indicator),
		level: unit.level,
		start,
		end,
		startDay: `${start}-01`,
		endDay: lastDay(end),
		asOf,
		targetIds: [unit.id],
		bucket: grain
	});
	const seriesRows = seriesRowsOf(indicator, rows, start, end, grain);
	const year = Number(end.slice(0, 4));
	const target = (await targetsFor(db, indicator.code, year, [unit.id])).get(unit.id) ?? null;
	let trend: Trend | null = null;
	if (target !== null && indicator.better !== null) {
		const lastSix = monthsBetween(addMonths(end, -5), end);
		let monthly: (number | null)[];
		if (grain === 'month') {
			const byPeriod = new Map(seriesRows.map((r) => [r.period, r.value]));
			monthly = lastSix.map((m) => byPeriod.get(m) ?? null);
		} else {
			const recent = await aggregate(db, {
				indicators: inputsOf(indicator),
				level: unit.level,
				start: lastSix[0],
				end,
				startDay: `${lastSix[0]}-01`,
				endDay: lastDay(end),
				asOf,
				targetIds: [unit.id],
				bucket: 'month'
			});
			const byPeriod = new Map(recent.map((r) => [r.bucket, evaluate(indicator, r).value]));
			monthly = lastSix.map((m) => byPeriod.get(m) ?? null);
		}
		trend = trendToTarget(monthly, Number(end.slice(5, 7)), target, indicator.better);
	}
	return {
		target: target === null ? null : { year, value: target },
		trend,
		indicator: indicator.code,
		unit: seriesUnit(unit),
		grain,
		from: start,
		to: end,
		...(await lineageOfUnit(db, unit.id)),
		rows: seriesRows
	};
}
