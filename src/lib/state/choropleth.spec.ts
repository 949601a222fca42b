import { describe, expect, it } from 'vitest';
import { findIndicator } from '$lib/domain/indicators';
import { choroplethOf, formatBreak, NO_DATA_COLOR } from './choropleth';

const row = (unit_code: string, value: number | null, low_confidence = false) => ({
	unit_code,
	value,
	low_confidence
});

describe('choroplethOf', () => {
	it('colours composites by their four bands and names them', () => {
		const c = choroplethOf(
			[row('a', 90), row('b', 70), row('c', 55), row('d', 10), row('e', null)],
			findIndicator('service_index')!
		);
		expect(c.breaks).toEqual([50, 65, 80]);
		expect(c.classes.map((k) => k.band)).toEqual(['weak', 'average', 'fair', 'good']);
		expect(c.classes.map((k) => k.count)).toEqual([1, 1, 1, 1]);
		expect(c.fills.get('e')).toBe(NO_DATA_COLOR);
		expect(c.noDataCount).toBe(1);
		// Darker is better: the best class gets the last (darkest) colour.
		expect(c.fills.get('a')).toBe(c.classes[3].color);
	});

	it('keeps one colour per class for rates and flags low confidence separately', () => {
		const c = choroplethOf(
			[row('a', 95, true), row('b', 95), row('c', 5)],
			findIndicator('on_time_rate')!
		);
		expect(c.fills.get('a')).toBe(c.fills.get('b'));
		expect([...c.lowConfidence]).toEqual(['a']);
		expect(c.classes[0].from).toBeNull();
		expect(c.classes.at(-1)!.to).toBeNull();
	});

	it('reverses the palette where lower is better', () => {
		const c = choroplethOf(
			[row('a', 0), row('b', 5), row('c', 10), row('d', 50), row('e', 200)],
			findIndicator('overdue_backlog')!
		);
		expect(c.fills.get('a')).toBe(c.classes[0].color);
		expect(c.classes[0].color).toBe('#253494');
	});

	it('has no classes when nothing has a value', () => {
		const c = choroplethOf([row('a', null)], findIndicator('dossier_volume')!);
		expect(c.classes).toEqual([]);
		expect(c.fills.get('a')).toBe(NO_DATA_COLOR);
	});
});

describe('formatBreak', () => {
	it.each([
		[20, '%', 'vi', '20%'],
		[12500, 'count', 'vi', '12.500'],
		[12500, 'count', 'en', '12,500'],
		[0.8, 'ratio', 'vi', '0,8']
	] as const)('%s %s %s → %s', (x, unit, locale, text) => {
		expect(formatBreak(x, unit, locale)).toBe(text);
	});
});

describe('choroplethOf, classed as chosen (classes=)', () => {
	// A rate with three clusters, and one unit without data.
	const values = [2, 4, 5, 6, 31, 33, 35, 36, 37, 88, 90, 91];
	const rows = [...values.map((v, i) => row(`u${i}`, v)), row('none', null)];
	const rate = findIndicator('on_time_rate')!;
	const composite = findIndicator('service_index')!;
	const cases: [string, Parameters<typeof choroplethOf>[2], typeof rate, number[]][] = [
		['bands: the rate’s fixed 20-point steps', 'bands', rate, [20, 40, 60, 80]],
		['equal: five steps over the data’s niced range', 'equal', rate, [20, 40, 60, 80]],
		['ckmeans: natural breaks between the clusters', 'ckmeans', rate, [4, 30, 35, 80]],
		['bands: a composite’s four bands', 'bands', composite, [50, 65, 80]]
	];
	it.each(cases)('%s', (_name, choice, indicator, breaks) => {
		const c = choroplethOf(rows, indicator, choice);
		expect(c.breaks).toEqual(breaks);
		// The no-data class is kept apart whatever the classing.
		expect(c.fills.get('none')).toBe(NO_DATA_COLOR);
		expect(c.noDataCount).toBe(1);
		expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(values.length);
	});

	it('quantiles break inside the data, on round numbers', () => {
		const c = choroplethOf(rows, rate, 'quantile');
		expect(c.breaks).toEqual([5, 30, 40, 80]);
		expect(c.classes.map((k) => k.count)).toEqual([2, 2, 5, 0, 3]);
	});

	it('names composite bands only for the bands classing', () => {
		expect(choroplethOf(rows, composite, 'bands').classes[0].band).toBe('weak');
		expect(choroplethOf(rows, composite, 'quantile').classes.every((k) => k.band === null)).toBe(
			true
		);
	});

	it('equal intervals follow the data’s range, not the unit’s', () => {
		const narrow = [61, 62, 64, 66, 68, 70].map((v, i) => row(`n${i}`, v));
		expect(choroplethOf(narrow, rate, 'equal').breaks).toEqual([62, 64, 66, 68]);
		expect(choroplethOf(narrow, rate, 'bands').breaks).toEqual([20, 40, 60, 80]);
	});
});
