/**
 * What the compare page (routes/compare) shows, from the verbs the API answers with, so its
 * figures are the API's: `compareUnits` — several units' series of the main indicators, each
 * with `seriesFor`'s figures (harmonised through the 2025 merger, as `/api/v1/series`); `comparePeriods`
 * — one indicator in two periods from `valuesFor` on the same units (`as_of`, as
 * `/api/v1/values?as_of=`), joined by unit code, with the change and the shapes for the maps.
 */
import type { Executor } from '../db/index.ts';
import { KPI_INDICATORS } from '../../domain/kpis.ts';
import { changeOf } from '../../domain/compare.ts';
import { svgMap, type ShapeInput, type SvgMap } from '../../geo/svg-map.ts';
import { badRequest } from './errors.ts';
import { seriesOfMany, type PlainSeries } from './series-many.ts';
import { requireIndicator, valuesFor, type ValueRow } from './values.ts';
import { shapesOf } from './geometry.ts';
import type { Level } from './units.ts';

/** The indicators compared between units: the ones a leader reads first (the area's tiles). */
export const COMPARED_INDICATORS = KPI_INDICATORS;

export type CompareGrain = 'month' | 'quarter' | 'year';
export const COMPARE_GRAINS: readonly CompareGrain[] = ['quarter', 'year', 'month'];

export interface UnitsRequest {
	/** 2–6 unit codes. */
	units: string[];
	grain: CompareGrain;
	/** Last month that may hold data (the API's: the last complete month). */
	lastMonth: string;
	/** The day naming the version of a reused code (the API's `at`, default today). */
	at: string;
}

export interface UnitsComparison {
	grain: CompareGrain;
	/** The units, in the order asked, as the series name them (with their lineage). */
	units: Pick<PlainSeries, 'unit' | 'successors' | 'predecessors'>[];
	/** One entry per indicator: each unit's series, in the units' order. */
	indicators: { indicator: string; series: PlainSeries[] }[];
}

/**
 * The series of every compared indicator for each unit, in a few queries ({@link seriesOfMany}:
 * the figures of `seriesFor`, without the target and trend the page does not show); 404 for an
 * unknown unit code.
 */
export async function compareUnits(db: Executor, request: UnitsRequest): Promise<UnitsComparison> {
	const indicators = await seriesOfMany(db, {
		indicators: COMPARED_INDICATORS,
		units: request.units,
		grain: request.grain,
		at: request.at,
		lastMonth: request.lastMonth
	});
	return {
		grain: request.grain,
		units: indicators[0].series.map(({ unit, successors, predecessors }) => ({
			unit,
			successors,
			predecessors
		})),
		indicators
	};
}

export interface PeriodsRequest {
	indicator: string;
	period: string;
	with: string;
	level: Level;
	parent: string | null;
	/** The units both periods are drawn on (today's). */
	asOf: string;
}

export type PeriodFigure = Pick<
	ValueRow,
	'value' | 'numerator' | 'denominator' | 'months_reported' | 'low_confidence' | 'harmonised'
>;

export interface PeriodsRow {
	unit_code: string;
	unit_name: string;
	earlier: PeriodFigure | null;
	later: PeriodFigure | null;
	/** `later − earlier`, in the indicator's unit (percentage points for a rate). */
	change: number | null;
}

export interface PeriodsComparison {
	indicator: string;
	period: string;
	with: string;
	level: Level;
	parent: string | null;
	as_of: string;
	rows: PeriodsRow[];
	/** The units drawn as SVG paths, for three maps side by side (320 × 280). */
	map: SvgMap;
}

const figure = (r: ValueRow | undefined): PeriodFigure | null =>
	r
		? {
				value: r.value,
				numerator: r.numerator,
				denominator: r.denominator,
				months_reported: r.months_reported,
				low_confidence: r.low_confidence,
				harmonised: r.harmonised
			}
		: null;

/** One indicator in two periods on the same units; 400 for a bad period, 404 for no units. */
export async function comparePeriods(
	db: Executor,
	request: PeriodsRequest
): Promise<PeriodsComparison> {
	const indicator = requireIndicator(request.indicator);
	if (request.period === request.with)
		badRequest(`"period" and "with" are the same (${request.period}): choose two periods`);
	const ask = (period: string) =>
		valuesFor(db, {
			indicator: indicator.code,
			period,
			level: request.level,
			parent: request.parent,
			asOf: request.asOf
		});
	const [earlier, later] = await Promise.all([ask(request.period), ask(request.with)]);
	const before = new Map(earlier.rows.map((r) => [r.unit_code, r]));
	const after = new Map(later.rows.map((r) => [r.unit_code, r]));
	const ids = new Map<string, number>();
	earlier.rows.forEach((r, k) => ids.set(r.unit_code, earlier.unitIds[k]));
	later.rows.forEach((r, k) => ids.set(r.unit_code, later.unitIds[k]));
	const names = new Map([...earlier.rows, ...later.rows].map((r) => [r.unit_code, r.unit_name]));
	const codes = [...names.keys()].sort((a, b) => a.localeCompare(b));
	const rows: PeriodsRow[] = codes.map((code) => {
		const a = figure(before.get(code));
		const b = figure(after.get(code));
		return {
			unit_code: code,
			unit_name: names.get(code)!,
			earlier: a,
			later: b,
			change: changeOf(a?.value ?? null, b?.value ?? null)
		};
	});
	const shapes = await shapesOf(db, [...ids.values()]);
	return {
		indicator: indicator.code,
		period: earlier.period,
		with: later.period,
		level: request.level,
		parent: request.parent,
		as_of: request.asOf,
		rows,
		map: svgMap(
			codes.map((code) => ({
				code,
				geometry: (shapes.get(ids.get(code)!)?.geometry ?? null) as ShapeInput['geometry']
			})),
			320,
			280,
			{ minStep: 1 }
		)
	};
}
