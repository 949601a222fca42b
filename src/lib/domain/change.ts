/**
 * A change between two figures as a reader wants it: signed, in the indicator's own terms
 * (percentage points for rates, points for a 0–100 index, a count for counts), and whether it
 * is an improvement given which direction is better.
 */
import type { Better, IndicatorUnit } from './indicators.ts';
import { formatNumber, type Locale } from './format.ts';

export type Direction = 'better' | 'worse' | 'same' | 'neutral';

export interface Change {
	delta: number;
	text: string;
	direction: Direction;
}

const SUFFIX: Record<IndicatorUnit, { vi: string; en: string }> = {
	'%': { vi: ' điểm %', en: ' pp' },
	'0–100': { vi: ' điểm', en: ' pts' },
	count: { vi: '', en: '' },
	ratio: { vi: '', en: '' },
	'per 1,000': { vi: '', en: '' }
};

const DIGITS: Record<IndicatorUnit, number> = {
	'%': 1,
	'0–100': 1,
	count: 0,
	ratio: 2,
	'per 1,000': 1
};

/** The change from `before` to `now`; null when either is missing. */
export function changeOf(
	now: number | null,
	before: number | null,
	unit: IndicatorUnit,
	better: Better,
	locale: Locale
): Change | null {
	if (now === null || before === null) return null;
	const digits = DIGITS[unit];
	const delta = Number((now - before).toFixed(digits));
	const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
	const text = `${sign}${formatNumber(Math.abs(delta), locale, digits)}${SUFFIX[unit][locale]}`;
	const direction: Direction =
		delta === 0
			? 'same'
			: better === null
				? 'neutral'
				: delta > 0 === (better === 'higher')
					? 'better'
					: 'worse';
	return { delta, text, direction };
}
