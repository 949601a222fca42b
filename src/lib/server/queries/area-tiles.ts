/**
 * The KPI tiles of an area overview: the area's own figures of the main indicators in a period,
 * the previous period, the same period a year earlier and each month of a sparkline (one
 * statement: period-figures.ts), and the indicators' targets (one more, all eight together).
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { addMonths, parsePeriod, type Period } from '../../domain/periods.ts';
import { previousPeriod, samePeriodLastYear } from '../../domain/period-shift.ts';
import { meetsTarget } from '../../domain/trend.ts';
import { KPI_INDICATORS } from '../../domain/kpis.ts';
import type { AggregateRow } from './aggregate.ts';
import { periodFigures } from './period-figures.ts';
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

const valueIn = (rows: AggregateRow[], indicator: Indicator) =>
	rows[0] ? evaluate(indicator, rows[0]).value : null;

/** The tiles of the area in the period, in the order of KPI_INDICATORS. */
export async function tilesOf(db: Executor, area: UnitRow, period: Period): Promise<KpiTile[]> {
	const indicators = KPI_INDICATORS.map((code) => findIndicator(code)!);
	const previous = parsePeriod(previousPeriod(period))!;
	const lastYear = parsePeriod(samePeriodLastYear(period))!;
	const sparkStart = addMonths(period.end, -(SPARK_MONTHS - 1));
	const months = Array.from({ length: SPARK_MONTHS }, (_, k) => addMonths(sparkStart, k));
	const inputs = [...new Map(indicators.flatMap(inputsOf).map((i) => [i.code, i])).values()];
	const [[now, before, yearAgo, ...spark], targets] = await Promise.all([
		periodFigures(db, {
			indicators: inputs,
			level: area.level,
			targetIds: [area.id],
			spans: [period, previous, lastYear, ...months.map((m) => ({ start: m, end: m }))]
		}),
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
		tiles.push({
			indicator: indicator.code,
			value,
			lowConfidence: figure?.low_confidence ?? false,
			previous: { period: previous.code, value: valueIn(before, indicator) },
			lastYear: { period: lastYear.code, value: valueIn(yearAgo, indicator) },
			target,
			meetsTarget: meetsTarget(value, target, indicator.better),
			spark: months.map((month, k) => ({ month, value: valueIn(spark[k], indicator) }))
		});
	}
	return tiles;
}
