/**
 * Numbers and periods for people: Vietnamese first (`12.122`, `99,9%`, `Quý 3/2024`), English
 * too (`12,122`, `99.9%`, `Q3 2024`). Pure; the same text on the server and in the browser.
 */
import type { IndicatorUnit } from './indicators.ts';
import { parsePeriod } from './periods.ts';

export type Locale = 'vi' | 'en';

/** Shown in place of a missing value (an en dash); {@link noDataLabel} says it in words. */
export const NO_DATA = '–';

const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };

// Intl.NumberFormat is costly to build; a map of a few hundred communes formats thousands of values.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, digits: number | undefined): Intl.NumberFormat {
	const key = `${locale}:${digits ?? ''}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.NumberFormat(TAGS[locale], {
			...(digits === undefined
				? {}
				: { minimumFractionDigits: digits, maximumFractionDigits: digits }),
			// No "-0,0" for a tiny negative rounding error.
			signDisplay: 'negative'
		});
		formatters.set(key, f);
	}
	return f;
}

/**
 * A number with the locale's separators (vi: `1.234,5`; en: `1,234.5`).
 * @param digits fixed number of decimals; omitted, up to three as needed.
 * @returns {@link NO_DATA} for null or a non-finite number.
 */
export function formatNumber(x: number | null, locale: Locale = 'vi', digits?: number): string {
	if (x === null || !Number.isFinite(x)) return NO_DATA;
	return formatter(locale, digits).format(x);
}

// Rates come from integer counts, so a genuine rate is never within this of 0 or 100; anything
// closer is floating-point noise from arithmetic that is exactly 0 or 100 on paper.
const NOISE = 1e-9;

/**
 * A value on a 0–100 scale with one decimal that never overstates the ends: below 100 is never
 * shown as `100,0` (it becomes `99,9`) and above 0 never as `0,0` (it becomes `<0,1`).
 */
function formatBounded(x: number, locale: Locale): string {
	const digits = 1;
	const step = 10 ** -digits;
	const text = formatNumber(x, locale, digits);
	if (x < 100 - NOISE && text === formatNumber(100, locale, digits)) {
		return formatNumber(100 - step, locale, digits);
	}
	if (x > NOISE && text === formatNumber(0, locale, digits)) {
		return `<${formatNumber(step, locale, digits)}`;
	}
	return text;
}

/**
 * A figure in its indicator's unit: `%` one decimal with a percent sign, `count` whole,
 * `ratio` two decimals, `per 1,000` one decimal, `0–100` one decimal.
 * @returns {@link NO_DATA} for null.
 */
export function formatValue(x: number | null, unit: IndicatorUnit, locale: Locale = 'vi'): string {
	if (x === null || !Number.isFinite(x)) return NO_DATA;
	switch (unit) {
		case '%':
			return `${formatBounded(x, locale)}%`;
		case '0–100':
			return formatBounded(x, locale);
		case 'count':
			return formatNumber(x, locale, 0);
		case 'ratio':
			return formatNumber(x, locale, 2);
		case 'per 1,000':
			return formatNumber(x, locale, 1);
	}
}

/** "No data" in words, for legends, tooltips and screen readers. */
export function noDataLabel(locale: Locale = 'vi'): string {
	return locale === 'vi' ? 'không có số liệu' : 'no data';
}

const EN_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;

/** A month (`YYYY-MM`, or a `YYYY-MM-DD` date): `Tháng 3/2024` / `Mar 2024`. */
export function formatMonth(month: string, locale: Locale = 'vi'): string {
	const year = Number(month.slice(0, 4));
	const m = Number(month.slice(5, 7));
	return locale === 'vi' ? `Tháng ${m}/${year}` : `${EN_MONTHS[m - 1]} ${year}`;
}

/** A month (`YYYY-MM`) inside a sentence: `tháng 11/2026` / `November 2026`. */
export function monthInWords(month: string, locale: Locale = 'vi'): string {
	const year = Number(month.slice(0, 4));
	const m = Number(month.slice(5, 7));
	if (locale === 'vi') return `tháng ${m}/${year}`;
	const name = new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-GB', {
		month: 'long',
		timeZone: 'UTC'
	});
	return `${name} ${year}`;
}

/**
 * Any period code of CONTRACT.md in words: `Quý 3/2024` / `Q3 2024`, `6 tháng đầu năm 2024` /
 * `H1 2024`, `9 tháng 2024` / `9 months 2024`, `Năm 2024` / `2024`, months as {@link formatMonth}.
 * @returns the code unchanged when it is not a period.
 */
export function formatPeriod(code: string, locale: Locale = 'vi'): string {
	const p = parsePeriod(code);
	if (!p) return code;
	const vi = locale === 'vi';
	switch (p.grain) {
		case 'month':
			return formatMonth(p.start, locale);
		case 'quarter': {
			const q = code.slice(-1);
			return vi ? `Quý ${q}/${p.year}` : `Q${q} ${p.year}`;
		}
		case 'half': {
			const first = code.endsWith('1');
			if (vi) return `6 tháng ${first ? 'đầu' : 'cuối'} năm ${p.year}`;
			return `H${first ? 1 : 2} ${p.year}`;
		}
		case 'nine_months':
			return vi ? `9 tháng ${p.year}` : `9 months ${p.year}`;
		case 'year':
			return vi ? `Năm ${p.year}` : `${p.year}`;
	}
}
