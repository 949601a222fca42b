/**
 * The periods the planners' page offers: the map's menu (years, quarters, months) with the
 * half-years and nine months that reports are also made for (CONTRACT.md periods).
 */
import { addMonths, parsePeriod } from '$lib/domain/periods';
import { periodMenu, type PeriodGroup } from '$lib/state/period-menu';

/** Each year's options: the year, H2, 9M, H1 (those that have started), then quarters and months. */
export function prioritiesPeriodMenu(lastMonth: string | null, today: string): PeriodGroup[] {
	const last = lastMonth ?? addMonths(today.slice(0, 7), -1);
	return periodMenu(lastMonth, today).map(({ year, options }) => {
		const longer = [`${year}-H2`, `${year}-9M`, `${year}-H1`]
			.map((code) => parsePeriod(code)!)
			.filter((p) => p.start <= last)
			.map((p) => ({ code: p.code, partialTo: p.end > last ? last : null }));
		return { year, options: [options[0], ...longer, ...options.slice(1)] };
	});
}
