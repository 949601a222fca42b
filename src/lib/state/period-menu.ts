/**
 * The periods offered by the map's period select: years, quarters and months from
 * {@link FIRST_YEAR} to the last month with data, newest first, and the default period (the
 * latest complete quarter with data). Periods still running are offered and say so.
 */
import { addMonths, monthCode, parsePeriod, periodContaining } from '$lib/domain/periods';

export const FIRST_YEAR = 2021;

export interface PeriodOption {
	code: string;
	/** The last month with data inside the period, when the period runs past it. */
	partialTo: string | null;
}

export interface PeriodGroup {
	year: number;
	options: PeriodOption[];
}

/**
 * The latest quarter that ends on or before `lastMonth` (the last month with data); without
 * data, the last quarter completed before `today` (YYYY-MM-DD).
 */
export function defaultPeriod(lastMonth: string | null, today: string): string {
	const last = lastMonth ?? addMonths(today.slice(0, 7), -1);
	const month = Number(last.slice(5, 7));
	const end = month % 3 === 0 ? last : addMonths(last, -(month % 3));
	return periodContaining(end, 'quarter');
}

/** Year, quarters and months of each year from {@link FIRST_YEAR} to `lastMonth`, newest first. */
export function periodMenu(lastMonth: string | null, today: string): PeriodGroup[] {
	const last = lastMonth ?? addMonths(today.slice(0, 7), -1);
	const lastYear = Number(last.slice(0, 4));
	const groups: PeriodGroup[] = [];
	const option = (code: string): PeriodOption => {
		const p = parsePeriod(code)!;
		return { code, partialTo: p.end > last ? last : null };
	};
	for (let year = lastYear; year >= Math.min(FIRST_YEAR, lastYear); year--) {
		const options: PeriodOption[] = [option(String(year))];
		for (let q = 4; q >= 1; q--) {
			if (monthCode(year, (q - 1) * 3 + 1) <= last) options.push(option(`${year}-Q${q}`));
		}
		for (let m = 12; m >= 1; m--) {
			if (monthCode(year, m) <= last) options.push(option(monthCode(year, m)));
		}
		groups.push({ year, options });
	}
	return groups;
}
