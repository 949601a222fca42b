/**
 * The value check: a cell holds a whole, non-negative, plausible number (thousands may be grouped
 * as 12.122), and a flag (a measure with a maximum) no more than its maximum.
 */
import { MEASURES } from '../../../../domain/measures.ts';

const MAX_VALUE = 1e12;

/** The largest value of the measures that have one (flags: 1). */
export const MAX_OF: Partial<Record<string, number>> = Object.fromEntries(
	MEASURES.filter((m) => m.max !== undefined).map((m) => [m.code, m.max])
);

/** Parses a whole number, accepting thousands grouped by '.', ',' or spaces (12.122). */
export function parseCount(raw: string): { value: number } | { error: string; code: string } {
	const s = raw.trim();
	if (/^-\s*\d/.test(s))
		return { code: 'negative', error: `"${s}" is negative; counts are 0 or more` };
	const digits = /^\d+$/.test(s)
		? s
		: /^\d{1,3}([., \u00a0]\d{3})+$/.test(s)
			? s.replace(/[., \u00a0]/g, '')
			: null;
	if (digits === null) {
		if (/^\d+[.,]\d+$/.test(s))
			return { code: 'not_integer', error: `"${s}" is not a whole number` };
		return { code: 'not_a_number', error: `"${s}" is not a number` };
	}
	const value = Number(digits);
	if (value > MAX_VALUE) return { code: 'too_large', error: `${s} is implausibly large` };
	return { value };
}

/** Up to 12 digits and nothing else: the common cell, read without a regular expression. */
export function isPlainCount(raw: string): boolean {
	const n = raw.length;
	if (n === 0 || n > 12) return false;
	for (let i = 0; i < n; i++) {
		const d = raw.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return false;
	}
	return true;
}
