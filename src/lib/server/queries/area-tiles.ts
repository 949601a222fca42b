/**
 * The KPI tiles of an area overview: the area's own figures of the main indicators in a period,
 * the previous period and the same period a year earlier (one aggregate query each), a monthly
 * sparkline (one more), and the indicators' targets (one more, all eight together).
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { addMonths, firstDay, lastDay, parsePeriod, type Period } from '../../domain/periods.ts';
import { previousPeriod, samePeriodLastYear } from '../../domain/period-shift.ts';
import { meetsTarget } from '../../domain/trend.ts';
import { KPI_INDICATORS } from '../../domain/kpis.ts';
import { aggregate, type AggregateRow } from './aggregate.ts';
import type { UnitRow } from './units.ts';
import { unitTargets } from './targets.ts';
import { evaluate, inputsOf } from './values.ts';

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

/** The tiles of the area in the period, in the order of KPI_INDICATORS. */
export async function tilesOf(db: Executor, area: UnitRow, period: Period): Promise<KpiTile[]> {
	const indicators = KPI_INDICATORS.map((code) => findIndicator(code)!);
	const previous = parsePeriod(previousPeriod(period))!;
	const lastYear = parsePeriod(samePeriodLastYear(period))!;
	const sparkStart = addMonths(period.end, -(SPARK_MONTHS - 1));
	const sparkSpan = { ...period, start: sparkStart };
	const [now, before, yearAgo, months, targets] = await Promise.all([
		figuresOf(db, area, indicators, period),
		figuresOf(db, area, indicators, previous),
		figuresOf(db, area, indicators, lastYear),
		figuresOf(db, area, indicators, sparkSpan, 'month'),
		unitTargets(
			db,
			indicators.map((i) => i.code),
			period.year,
			area.id
		)
	]);
	const tiles: KpiTile[] = [];
	for (const indicator of indicators) {
		const figure = now[0] ? evaluate(indicator, now[0]) : null;
		const value = figure?.value ?? null;
		const target = targets.get(indicator.code) ?? null;
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
