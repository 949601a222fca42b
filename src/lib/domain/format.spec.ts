import { describe, expect, it } from 'vitest';
import {
	formatMonth,
	formatNumber,
	formatPeriod,
	formatValue,
	NO_DATA,
	noDataLabel,
	type Locale
} from './format.ts';
import type { IndicatorUnit } from './indicators.ts';

describe('formatNumber', () => {
	const cases: [number | null, Locale, number | undefined, string][] = [
		[12122, 'vi', undefined, '12.122'],
		[12122, 'en', undefined, '12,122'],
		[1234567.5, 'vi', 1, '1.234.567,5'],
		[1234567.5, 'en', 1, '1,234,567.5'],
		[0.5, 'vi', 2, '0,50'],
		[2.456, 'vi', undefined, '2,456'],
		[2.4567, 'vi', undefined, '2,457'],
		[-3.25, 'vi', 1, '-3,3'],
		[-0.01, 'vi', 1, '0,0'],
		[0, 'en', 0, '0'],
		[null, 'vi', undefined, NO_DATA],
		[Number.NaN, 'en', 1, NO_DATA],
		[Infinity, 'vi', 1, NO_DATA]
	];
	it.each(cases)('%s (%s, %s digits) → %s', (x, locale, digits, expected) => {
		expect(formatNumber(x, locale, digits)).toBe(expected);
	});

	it('defaults to Vietnamese', () => {
		expect(formatNumber(12122)).toBe('12.122');
	});

	it('writes what Intl.NumberFormat writes, for thousands of values in both languages', () => {
		// Values of every kind the pages format: rates, counts, ratios, halves at each decimal,
		// tiny and negative ones; a fixed pseudo-random sequence besides the hand-picked ones.
		const values = [0, -0, 0.5, 1.005, 2.675, 1.45, -1.45, 0.0005, 0.00049, 9.9995, 99.95, 1e-7];
		values.push(1234.5, 999999.9996, 1e15 + 0.5, 123456789012, -0.0004, 5e-7, 0.125, 0.375);
		let seed = 20251;
		const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let i = 0; i < 3000; i++) {
			const scale = 10 ** Math.floor(next() * 9 - 3);
			const x = (next() - 0.2) * scale;
			values.push(x, Math.round(x * 1000) / 1000, Math.round(x * 20) / 20 + 0.005);
		}
		const tags = { vi: 'vi-VN', en: 'en-US' } as const;
		for (const locale of ['vi', 'en'] as const) {
			for (const digits of [undefined, 0, 1, 2, 3]) {
				const intl = new Intl.NumberFormat(tags[locale], {
					...(digits === undefined
						? {}
						: { minimumFractionDigits: digits, maximumFractionDigits: digits }),
					signDisplay: 'negative'
				});
				const wrong = values.filter((x) => formatNumber(x, locale, digits) !== intl.format(x));
				expect(wrong.map((x) => [x, formatNumber(x, locale, digits), intl.format(x)])).toEqual([]);
			}
		}
	});
});

describe('formatValue', () => {
	const cases: [number | null, IndicatorUnit, Locale, string][] = [
		[12122, 'count', 'vi', '12.122'],
		[12122, 'count', 'en', '12,122'],
		[99.9, '%', 'vi', '99,9%'],
		[99.9, '%', 'en', '99.9%'],
		[2.449, 'ratio', 'vi', '2,45'],
		[2.449, 'ratio', 'en', '2.45'],
		[1, 'ratio', 'vi', '1,00'],
		[18.26, 'per 1,000', 'vi', '18,3'],
		[18.26, 'per 1,000', 'en', '18.3'],
		[72.44, '0–100', 'vi', '72,4'],
		[72.44, '0–100', 'en', '72.4'],
		[50, '%', 'vi', '50,0%'],
		// The ends are never overstated.
		[100, '%', 'vi', '100,0%'],
		[99.96, '%', 'vi', '99,9%'],
		[99.95, '%', 'en', '99.9%'],
		[99.94, '%', 'vi', '99,9%'],
		[0, '%', 'vi', '0,0%'],
		[0.04, '%', 'vi', '<0,1%'],
		[0.04, '%', 'en', '<0.1%'],
		[0.05, '%', 'vi', '0,1%'],
		[99.99, '0–100', 'vi', '99,9'],
		[0.01, '0–100', 'en', '<0.1'],
		// Floating-point noise on an exact 100 or 0 is not "below 100" or "above 0".
		[100 - 1e-12, '%', 'vi', '100,0%'],
		[1e-12, '%', 'vi', '0,0%'],
		[null, '%', 'vi', '–'],
		[null, 'count', 'en', '–'],
		[Number.NaN, 'ratio', 'vi', '–']
	];
	it.each(cases)('%s %s (%s) → %s', (x, unit, locale, expected) => {
		expect(formatValue(x, unit, locale)).toBe(expected);
	});
});

describe('noDataLabel', () => {
	it('says it in words', () => {
		expect(noDataLabel('vi')).toBe('không có số liệu');
		expect(noDataLabel('en')).toBe('no data');
	});
});

/** Each input with what it reads in Vietnamese and in English: a case for each language. */
const inBothLanguages = (cases: Record<string, Record<Locale, string>>) =>
	Object.entries(cases).flatMap(([input, text]) =>
		(['vi', 'en'] as const).map((locale) => [input, locale, text[locale]] as const)
	);

describe('formatMonth and formatPeriod', () => {
	const months: Record<string, Record<Locale, string>> = {
		'2024-03': { vi: 'Tháng 3/2024', en: 'Mar 2024' },
		'2024-12': { vi: 'Tháng 12/2024', en: 'Dec 2024' },
		'2024-09': { vi: 'Tháng 9/2024', en: 'Sep 2024' },
		'2025-07-01': { vi: 'Tháng 7/2025', en: 'Jul 2025' }
	};
	const periods: Record<string, Record<Locale, string>> = {
		'2024-03': { vi: 'Tháng 3/2024', en: 'Mar 2024' },
		'2024-Q3': { vi: 'Quý 3/2024', en: 'Q3 2024' },
		'2024-H1': { vi: '6 tháng đầu năm 2024', en: 'H1 2024' },
		'2024-H2': { vi: '6 tháng cuối năm 2024', en: 'H2 2024' },
		'2024-9M': { vi: '9 tháng 2024', en: '9 months 2024' },
		'2024': { vi: 'Năm 2024', en: '2024' },
		// Not a period: shown as given.
		'2024-13': { vi: '2024-13', en: '2024-13' },
		abc: { vi: 'abc', en: 'abc' }
	};
	it.each(inBothLanguages(months))('formatMonth %s (%s) → %s', (month, locale, expected) => {
		expect(formatMonth(month, locale)).toBe(expected);
	});
	it.each(inBothLanguages(periods))('formatPeriod %s (%s) → %s', (code, locale, expected) => {
		expect(formatPeriod(code, locale)).toBe(expected);
	});
});
