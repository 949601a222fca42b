/**
 * `areaOverview`: what a leader of a province or (before 2025-07) a district sees of their area
 * in a period: KPI tiles of the main indicators (value, change on the previous period and on the
 * same period last year, a monthly sparkline, the target), the communes under it for one
 * indicator, the alerts they raise, the districts under a province while districts existed, and
 * the communes' shapes for a small map. Counts are summed in SQL (aggregate.ts) as everywhere.
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { addMonths, firstDay, lastDay, parsePeriod, type Period } from '../../domain/periods.ts';
import {
	previousPeriod,
	periodsEndingWith,
	samePeriodLastYear
} from '../../domain/period-shift.ts';
import { alertsFor, type Alert } from '../../domain/alerts.ts';
import { meetsTarget } from '../../domain/trend.ts';
import { aggregate, type AggregateRow } from './aggregate.ts';
import { QueryError, notFound } from './errors.ts';
import { resolveUnit, unitsInSpan, type UnitRow } from './units.ts';
import { targetsFor } from './targets.ts';
import {
	evaluate,
	inputsOf,
	requireIndicator,
	requirePeriod,
	valuesFor,
	type ValueRow
} from './values.ts';
import { shapesOf } from './geometry.ts';
import { svgMap, type ShapeInput, type SvgMap } from '../../geo/svg-map.ts';
import { KPI_INDICATORS } from '../../domain/kpis.ts';

const SPARK_MONTHS = 12;

export interface KpiTile {
	indicator: string;
	value: number | null;
	lowConfidence: boolean;
	previous: { period: string; value: number | null };
	lastYear: { period: string; value: number | null };
	target: number | null;
	meetsTarget: boolean | null;
	/** Monthly values of the last twelve months to the period's end, oldest first. */
	spark: { month: string; value: number | null }[];
}

export interface AreaUnit {
	code: string;
	name: string;
	level: 'province' | 'district';
	validFrom: string | null;
	validTo: string | null;
	parentCode: string | null;
	parentName: string | null;
}

export interface AreaOverview {
	area: AreaUnit;
	period: string;
	indicator: string;
	tiles: KpiTile[];
	communes: ValueRow[];
	/** Districts under the province while they existed (empty otherwise). */
	districts: ValueRow[];
	alerts: Alert[];
	/** The communes drawn as SVG paths for the small map (360 × 300). */
	map: SvgMap;
}

export interface AreaRequest {
	code: string;
	period: string;
	indicator?: string | null;
}

/** The earlier of a day and an optional end of validity. */
const minDate = (day: string, end: string | null) => (end && end < day ? end : day);

/** The province or district bearing `code` during the period; 404 for anything else. */
export async function resolveArea(db: Executor, code: string, period: Period): Promise<UnitRow> {
	const found = await unitsInSpan(db, code, firstDay(period.start), lastDay(period.end));
	const area = found.filter((u) => u.level !== 'commune').at(-1);
	if (!area)
		notFound(
			found.length
				? `"${code}" is a commune: its page is /units/${code}`
				: `No province or district bore code "${code}" during ${period.code}`
		);
	return area;
}

/** The area's own figures of several indicators in one period (one SQL query). */
async function figuresOf(
	db: Executor,
	area: UnitRow,
	indicators: Indicator[],
	period: Period,
	bucket?: 'month'
): Promise<AggregateRow[]> {
	const inputs = [...new Map(indicators.flatMap(inputsOf).map((i) => [i.code, i])).values()];
	return aggregate(db, {
		indicators: inputs,
		level: area.level,
		start: period.start,
		end: period.end,
		startDay: firstDay(period.start),
		endDay: lastDay(period.end),
		targetIds: [area.id],
		bucket
	});
}

const valueIn = (rows: AggregateRow[], indicator: Indicator) =>
	rows[0] ? evaluate(indicator, rows[0]).value : null;

async function tilesOf(db: Executor, area: UnitRow, period: Period): Promise<KpiTile[]> {
	const indicators = KPI_INDICATORS.map((code) => findIndicator(code)!);
	const previous = parsePeriod(previousPeriod(period))!;
	const lastYear = parsePeriod(samePeriodLastYear(period))!;
	const sparkStart = addMonths(period.end, -(SPARK_MONTHS - 1));
	const sparkSpan = { ...period, start: sparkStart };
	const [now, before, yearAgo, months] = await Promise.all([
		figuresOf(db, area, indicators, period),
		figuresOf(db, area, indicators, previous),
		figuresOf(db, area, indicators, lastYear),
		figuresOf(db, area, indicators, sparkSpan, 'month')
	]);
	const tiles: KpiTile[] = [];
	for (const indicator of indicators) {
		const figure = now[0] ? evaluate(indicator, now[0]) : null;
		const value = figure?.value ?? null;
		const target =
			(await targetsFor(db, indicator.code, period.year, [area.id])).get(area.id) ?? null;
		const byMonth = new Map(months.map((r) => [r.bucket, r]));
		const spark: KpiTile['spark'] = [];
		for (let k = 0; k < SPARK_MONTHS; k++) {
			const month = addMonths(sparkStart, k);
			const row = byMonth.get(month);
			spark.push({ month, value: row ? evaluate(indicator, row).value : null });
		}
		tiles.push({
			indicator: indicator.code,
			value,
			lowConfidence: figure?.low_confidence ?? false,
			previous: { period: previous.code, value: valueIn(before, indicator) },
			lastYear: { period: lastYear.code, value: valueIn(yearAgo, indicator) },
			target,
			meetsTarget: meetsTarget(value, target, indicator.better),
			spark
		});
	}
	return tiles;
}

/** Commune figures of an earlier period on the units of this one; none when it has no data. */
async function earlier(
	db: Executor,
	request: { indicator: string; period: string; parent: string; asOf: string }
): Promise<Map<string, ValueRow>> {
	try {
		const result = await valuesFor(db, { ...request, level: 'commune' });
		return new Map(result.rows.map((r) => [r.unit_code, r]));
	} catch (e) {
		if (e instanceof QueryError) return new Map();
		throw e;
	}
}

async function alertsOf(
	db: Executor,
	area: UnitRow,
	indicator: Indicator,
	period: Period,
	communes: ValueRow[]
): Promise<Alert[]> {
	// Earlier periods are re-aggregated onto the communes of this one, so that a code reused
	// after the merger is never compared with the commune that bore it before.
	const asOf =
		lastDay(period.end) < (area.valid_to ?? '9999-12-31') ? lastDay(period.end) : area.valid_to!;
	const base = { parent: area.code, asOf };
	const periods = periodsEndingWith(period, 4).slice(0, 3);
	const [history, overdueNow, overdueBefore] = await Promise.all([
		Promise.all(
			periods.map((p) => earlier(db, { ...base, indicator: indicator.code, period: p.code }))
		),
		earlier(db, { ...base, indicator: 'overdue_backlog', period: period.code }),
		earlier(db, { ...base, indicator: 'overdue_backlog', period: previousPeriod(period) })
	]);
	return alertsFor(
		communes.map((c) => ({
			code: c.unit_code,
			name: c.unit_name,
			values: [...history.map((h) => h.get(c.unit_code)?.value ?? null), c.value],
			target: c.target,
			meetsTarget: c.meets_target,
			overdue: [
				overdueBefore.get(c.unit_code)?.value ?? null,
				overdueNow.get(c.unit_code)?.value ?? null
			],
			monthsReported: c.months_reported,
			monthsExpected: c.months_expected
		})),
		indicator.better
	);
}

/** Everything the area page shows; 404 for an unknown area, 400 for a bad period or indicator. */
export async function areaOverview(db: Executor, request: AreaRequest): Promise<AreaOverview> {
	const period = requirePeriod(request.period);
	const indicator = requireIndicator(request.indicator || 'service_index');
	const area = await resolveArea(db, request.code, period);
	const values = await valuesFor(db, {
		indicator: indicator.code,
		period: period.code,
		level: 'commune',
		parent: area.code
	});
	const districtsExisted = area.level === 'province' && firstDay(period.start) < '2025-07-01';
	const lastDayShown = minDate(lastDay(period.end), area.valid_to);
	const parent = area.parent_code ? await resolveUnit(db, area.parent_code, lastDayShown) : null;
	const [tiles, alerts, districts, shapes] = await Promise.all([
		tilesOf(db, area, period),
		alertsOf(db, area, indicator, period, values.rows),
		districtsExisted
			? valuesFor(db, {
					indicator: indicator.code,
					period: period.code,
					level: 'district',
					parent: area.code
				})
					.then((r) => r.rows)
					.catch((e) => (e instanceof QueryError ? [] : Promise.reject(e)))
			: Promise.resolve([] as ValueRow[]),
		shapesOf(db, values.unitIds)
	]);
	return {
		area: {
			code: area.code,
			name: area.name,
			level: area.level as 'province' | 'district',
			validFrom: area.valid_from,
			validTo: area.valid_to,
			parentCode: area.parent_code,
			parentName: parent?.name ?? null
		},
		period: period.code,
		indicator: indicator.code,
		tiles,
		communes: values.rows.map(({ components: _components, ...row }) => row),
		districts,
		alerts,
		map: svgMap(
			values.unitIds.map((id, k) => ({
				code: values.rows[k].unit_code,
				geometry: (shapes.get(id)?.geometry ?? null) as ShapeInput['geometry']
			})),
			360,
			300,
			{ minStep: 1 }
		)
	};
}
