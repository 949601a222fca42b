/**
 * The alerts of an area overview: each commune's figures in the three periods before this one,
 * re-aggregated onto this period's communes, and its overdue backlog before and now, handed to
 * the pure rule in domain/alerts.ts.
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { firstDay, lastDay, type Period } from '../../domain/periods.ts';
import { periodsEndingWith } from '../../domain/period-shift.ts';
import { alertsFor, type Alert } from '../../domain/alerts.ts';
import { aggregate } from './aggregate.ts';
import type { UnitRow } from './units.ts';
import { evaluate, inputsOf, type ValueRow } from './values.ts';

/** The earlier of a day and an optional end of validity. */
export const minDate = (day: string, end: string | null) => (end && end < day ? end : day);

/**
 * The area's communes' figures of some indicators in an earlier period, on the units valid on
 * `asOf` (one aggregate query: what `valuesFor` with `as_of` and `parent` computes, without its
 * ranking, targets and checks, which the alerts do not use), by indicator and commune code.
 */
async function earlier(
	db: Executor,
	area: UnitRow,
	indicators: Indicator[],
	period: Period,
	asOf: string
): Promise<Map<string, Map<string, number | null>>> {
	const inputs = [...new Map(indicators.flatMap(inputsOf).map((i) => [i.code, i])).values()];
	const rows = await aggregate(db, {
		indicators: inputs,
		level: 'commune',
		start: period.start,
		end: period.end,
		startDay: firstDay(period.start),
		endDay: lastDay(period.end),
		asOf,
		parentIds: [area.id]
	});
	return new Map(
		indicators.map((indicator) => [
			indicator.code,
			new Map(rows.map((r) => [r.code, evaluate(indicator, r).value]))
		])
	);
}

export interface AreaAlerts {
	/** Most serious first. */
	alerts: Alert[];
	/** The communes' figures in the previous period, on this period's units (the brief's changes). */
	previous: Record<string, number | null>;
}

/** The alerts the area's communes raise in the period, and their previous figures. */
export async function alertsOf(
	db: Executor,
	area: UnitRow,
	indicator: Indicator,
	period: Period,
	communes: ValueRow[]
): Promise<AreaAlerts> {
	// Earlier periods are re-aggregated onto the communes of this one, so that a code reused
	// after the merger is never compared with the commune that bore it before.
	const asOf =
		lastDay(period.end) < (area.valid_to ?? '9999-12-31') ? lastDay(period.end) : area.valid_to!;
	const overdue = findIndicator('overdue_backlog')!;
	const [before3, before2, before1] = periodsEndingWith(period, 4).slice(0, 3);
	// Four queries: the previous period carries both the indicator and the overdue backlog.
	const [h3, h2, h1, now] = await Promise.all([
		earlier(db, area, [indicator], before3, asOf),
		earlier(db, area, [indicator], before2, asOf),
		earlier(db, area, [indicator, overdue], before1, asOf),
		earlier(db, area, [overdue], period, asOf)
	]);
	const history = [h3, h2, h1].map((h) => h.get(indicator.code)!);
	const overdueBefore = h1.get(overdue.code)!;
	const overdueNow = now.get(overdue.code)!;
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
