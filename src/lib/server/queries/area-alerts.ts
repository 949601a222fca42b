/**
 * The alerts of an area overview: each commune's figures in the three periods before this one,
 * re-aggregated onto this period's communes, and its overdue backlog before and now, handed to
 * the pure rule in domain/alerts.ts.
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { lastDay, type Period } from '../../domain/periods.ts';
import { periodsEndingWith } from '../../domain/period-shift.ts';
import { alertsFor, type Alert } from '../../domain/alerts.ts';
import type { AggregateRow } from './aggregate.ts';
import { periodFigures } from './period-figures.ts';
import type { UnitRow } from './units.ts';
import { evaluate, inputsOf, type ValueRow } from './values.ts';

/** The earlier of a day and an optional end of validity. */
export const minDate = (day: string, end: string | null) => (end && end < day ? end : day);

export interface AreaAlerts {
	/** Most serious first. */
	alerts: Alert[];
	/** The communes' figures in the previous period, on this period's units (the brief's changes). */
	previous: Record<string, number | null>;
}

/**
 * The alerts the area's communes raise in the period, and their previous figures. The communes'
 * own figures may still be on their way: the earlier periods are read without waiting for them.
 */
export async function alertsOf(
	db: Executor,
	area: UnitRow,
	indicator: Indicator,
	period: Period,
	communesOfPeriod: ValueRow[] | PromiseLike<ValueRow[]>
): Promise<AreaAlerts> {
	// Earlier periods are re-aggregated onto the communes of this one, so that a code reused
	// after the merger is never compared with the commune that bore it before.
	const asOf =
		lastDay(period.end) < (area.valid_to ?? '9999-12-31') ? lastDay(period.end) : area.valid_to!;
	const overdue = findIndicator('overdue_backlog')!;
	// One statement for the four periods (period-figures.ts), each on the communes valid on `asOf`.
	const inputs = [indicator, overdue].flatMap(inputsOf);
	const figures = await periodFigures(db, {
		indicators: [...new Map(inputs.map((i) => [i.code, i])).values()],
		level: 'commune',
		asOf,
		parentIds: [area.id],
		spans: periodsEndingWith(period, 4)
	});
	const byCode = (rows: AggregateRow[], of: Indicator) =>
		new Map(rows.map((r) => [r.code, evaluate(of, r).value]));
	const history = figures.slice(0, 3).map((rows) => byCode(rows, indicator));
	const overdueBefore = byCode(figures[2], overdue);
	const overdueNow = byCode(figures[3], overdue);
	const communes = await communesOfPeriod;
	const alerts = alertsFor(
		communes.map((c) => ({
			code: c.unit_code,
			name: c.unit_name,
			values: [...history.map((h) => h.get(c.unit_code) ?? null), c.value],
			target: c.target,
			meetsTarget: c.meets_target,
			overdue: [overdueBefore.get(c.unit_code) ?? null, overdueNow.get(c.unit_code) ?? null],
			monthsReported: c.months_reported,
			monthsExpected: c.months_expected
		})),
		indicator.better
	);
	const previous = history[history.length - 1];
	return {
		alerts,
		previous: Object.fromEntries(
			communes.map((c) => [c.unit_code, previous.get(c.unit_code) ?? null])
		)
	};
}
