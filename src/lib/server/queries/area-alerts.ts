/**
 * The alerts of an area overview: each commune's figures in the three periods before this one,
 * re-aggregated onto this period's communes, and its overdue backlog before and now, handed to
 * the pure rule in domain/alerts.ts.
 */
import type { Executor } from '../db/index.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { lastDay, type Period } from '../../domain/periods.ts';
import { previousPeriod, periodsEndingWith } from '../../domain/period-shift.ts';
import { alertsFor, type Alert } from '../../domain/alerts.ts';
import { QueryError } from './errors.ts';
import type { UnitRow } from './units.ts';
import { valuesFor, type ValueRow } from './values.ts';

/** The earlier of a day and an optional end of validity. */
export const minDate = (day: string, end: string | null) => (end && end < day ? end : day);

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
	const base = { parent: area.code, asOf };
	const periods = periodsEndingWith(period, 4).slice(0, 3);
	const [history, overdueNow, overdueBefore] = await Promise.all([
		Promise.all(
			periods.map((p) => earlier(db, { ...base, indicator: indicator.code, period: p.code }))
		),
		earlier(db, { ...base, indicator: 'overdue_backlog', period: period.code }),
		earlier(db, { ...base, indicator: 'overdue_backlog', period: previousPeriod(period) })
	]);
	const alerts = alertsFor(
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
	const previous = history[history.length - 1];
	return {
		alerts,
		previous: Object.fromEntries(
			communes.map((c) => [c.unit_code, previous.get(c.unit_code)?.value ?? null])
		)
	};
}
