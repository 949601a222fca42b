/**
 * The steps of the map's period slider: every period of one grain (months, quarters, halves,
 * January–September, years) from {@link FIRST_YEAR} to the last month with data, oldest first,
 * and the period of another grain that a change of step lands on. Pure.
 */
import {
	addMonths,
	monthCode,
	parsePeriod,
	periodContaining,
	type Grain
} from '$lib/domain/periods';
import { FIRST_YEAR } from './period-menu';

export const GRAINS: readonly Grain[] = ['month', 'quarter', 'half', 'nine_months', 'year'];

/** The periods of a grain that have begun by `lastMonth` (or the month before `today`). */
export function periodSteps(grain: Grain, lastMonth: string | null, today: string): string[] {
	const last = lastMonth ?? addMonths(today.slice(0, 7), -1);
	const lastYear = Number(last.slice(0, 4));
	const steps: string[] = [];
	for (let year = Math.min(FIRST_YEAR, lastYear); year <= lastYear; year++) {
		const codes =
			grain === 'month'
				? Array.from({ length: 12 }, (_, i) => monthCode(year, i + 1))
				: grain === 'quarter'
					? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
					: grain === 'half'
						? [`${year}-H1`, `${year}-H2`]
						: grain === 'nine_months'
							? [`${year}-9M`]
							: [String(year)];
		for (const code of codes) if (parsePeriod(code)!.start <= last) steps.push(code);
	}
	return steps;
}

/** The period of `grain` that holds the last month of `period` (the slider's change of step). */
export function regrain(period: string, grain: Grain): string {
	const p = parsePeriod(period);
	if (!p) return period;
	if (grain === 'nine_months') return `${p.year}-9M`;
	return periodContaining(p.end, grain);
}

/** Where `period` stands among the steps (-1 when it is not one of them). */
export const stepIndex = (steps: readonly string[], period: string): number =>
	steps.indexOf(period);
