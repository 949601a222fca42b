/**
 * Reporting completeness of a unit month by month: the strip of the twelve months up to the end
 * of the page's period (as far as figures go), each month reported, partial or missing.
 */
import { formatMonth, type Locale } from '$lib/domain/format';
import { addMonths, lastDay } from '$lib/domain/periods';

export type MonthStatus = 'reported' | 'partial' | 'missing' | 'none';

/** What a month of the strip is built from (see `reportingByMonth`). */
export interface MonthReport {
	month: string;
	communes: number;
	reported: number;
	groups: number;
}

export const STRIP_MONTHS = 12;

/**
 * The strip's first and last month: twelve months ending with the period, not past the last
 * month with figures nor past the unit's last whole month, not before the first month with
 * figures; null when nothing is left. (Before a merged unit existed, its predecessors report
 * for it, so its start does not cut the strip.)
 */
export function stripSpan(
	periodEnd: string,
	data: { first: string | null; last: string | null },
	unit: { valid_to: string | null }
): { from: string; to: string } | null {
	if (!data.first || !data.last) return null;
	let to = periodEnd < data.last ? periodEnd : data.last;
	if (unit.valid_to) {
		const lastWhole =
			unit.valid_to === lastDay(unit.valid_to)
				? unit.valid_to.slice(0, 7)
				: addMonths(unit.valid_to.slice(0, 7), -1);
		if (lastWhole < to) to = lastWhole;
	}
	const earliest = addMonths(to, -(STRIP_MONTHS - 1));
	const from = earliest > data.first ? earliest : data.first;
	return from <= to ? { from, to } : null;
}

/** Reported: every group of every commune; missing: none; none: no commune was in force. */
export function monthStatus(m: MonthReport): MonthStatus {
	if (m.communes === 0) return 'none';
	if (m.reported === 0) return 'missing';
	return m.reported >= m.communes * m.groups ? 'reported' : 'partial';
}

/** How many months of the strip are in each state. */
export function tally(months: readonly MonthReport[]): Record<MonthStatus, number> {
	const out: Record<MonthStatus, number> = { reported: 0, partial: 0, missing: 0, none: 0 };
	for (const m of months) out[monthStatus(m)]++;
	return out;
}

/** A month's label in the strip: `T3` / `Mar`; its year stands beside the first and January. */
export function shortMonth(month: string, locale: Locale): string {
	return locale === 'vi' ? `T${Number(month.slice(5, 7))}` : formatMonth(month, 'en').slice(0, 3);
}
