/**
 * Periods next to a period, for comparisons: the one just before it (same grain) and the same
 * period a year earlier. A January–September period has no "previous" of its own grain inside a
 * year, so its previous period is last year's January–September.
 */
import { addMonths, parsePeriod, periodContaining, type Period } from './periods.ts';

/** The period of the same grain that ends just before `period` starts. */
export function previousPeriod(period: Period): string {
	switch (period.grain) {
		case 'month':
			return addMonths(period.start, -1);
		case 'quarter':
			return periodContaining(addMonths(period.start, -3), 'quarter');
		case 'half':
			return periodContaining(addMonths(period.start, -6), 'half');
		case 'year':
			return String(period.year - 1);
		case 'nine_months':
			return `${period.year - 1}-9M`;
	}
}

/** The same period one year earlier: `2025-Q3` → `2024-Q3`. */
export function samePeriodLastYear(period: Period): string {
	return String(period.year - 1) + period.code.slice(4);
}

/** `count` periods ending with `period`, oldest first (each the previous of the next). */
export function periodsEndingWith(period: Period, count: number): Period[] {
	const out = [period];
	while (out.length < count) out.unshift(parsePeriod(previousPeriod(out[0]))!);
	return out;
}
