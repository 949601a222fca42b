/**
 * Numbers and periods for people: Vietnamese first (`12.122`, `99,9%`, `Quý 3/2024`), English
 * too (`12,122`, `99.9%`, `Q3 2024`). Pure; the same text on the server and in the browser.
 */
import type { IndicatorUnit } from './indicators.ts';
import { parsePeriod } from './periods.ts';

export type Locale = 'vi' | 'en';

/** Shown in place of a missing value (an en dash); {@link noDataLabel} says it in words. */
export const NO_DATA = '–';

/** Separators of the two languages: vi-VN `1.234,5`, en-US `1,234.5` (as Intl writes them). */
const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
	vi: { group: '.', decimal: ',' },
	en: { group: ',', decimal: '.' }
};

/** Decimals when none are asked for: up to three, as Intl.NumberFormat's default. */
const DEFAULT_MAX_DIGITS = 3;

/**
 * `x` rounded to `digits` decimals, half away from zero, on its shortest decimal form (as ICU
 * rounds: 1.005 → 1,01, where `toFixed` says 1,00): the whole and fraction digits, unsigned.
 */
function roundDecimal(x: number, digits: number): { whole: string; fraction: string } {
	const abs = Math.abs(x);
	// Below 1e-6 the shortest form is written with an exponent; it rounds to 0 at ≤ 5 decimals.
	const text = abs < 1e-6 ? '0' : String(abs);
	const dot = text.indexOf('.');
	const whole = dot < 0 ? text : text.slice(0, dot);
	const rest = dot < 0 ? '' : text.slice(dot + 1);
	const kept = rest.slice(0, digits).padEnd(digits, '0');
	const up = rest.length > digits && rest.charCodeAt(digits) >= 53; /* '5' */
	const scaled = (BigInt(whole + kept) + (up ? 1n : 0n)).toString().padStart(digits + 1, '0');
	return {
		whole: scaled.slice(0, scaled.length - digits),
		fraction: scaled.slice(scaled.length - digits)
	};
}

/**
 * A number with the locale's separators (vi: `1.234,5`; en: `1,234.5`).
 *
 * Written out rather than with Intl.NumberFormat, whose result it equals (format.spec.ts checks
 * thousands of values against it): building a formatter loads ICU's locale data, ~10 ms of a
 * phone's main thread for each of the four the map page needs, all of it while the page hydrates
 * (issue 15: total blocking time).
 * @param digits fixed number of decimals; omitted, up to three as needed.
 * @returns {@link NO_DATA} for null or a non-finite number.
 */
export function formatNumber(x: number | null, locale: Locale = 'vi', digits?: number): string {
	if (x === null || !Number.isFinite(x)) return NO_DATA;
	// 1e21 and beyond are written with an exponent; no figure of ours comes near.
	if (
		Math.abs(x) >= 1e21 ||
		(digits !== undefined && (digits < 0 || digits > 5 || !Number.isInteger(digits)))
	) {
		return x.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-US');
	}
	const { whole, fraction: fixed } = roundDecimal(x, digits ?? DEFAULT_MAX_DIGITS);
	const fraction = digits === undefined ? fixed.replace(/0+$/, '') : fixed;
	const { group, decimal } = SEPARATORS[locale];
	const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
	// No "-0,0" for a tiny negative rounding error (signDisplay: 'negative').
	const negative = x < 0 && /[1-9]/.test(whole + fraction);
	return `${negative ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
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
