import { describe, expect, it } from 'vitest';
import { targetLabelY, valueLabelY, yearMarks } from './layout';

describe('yearMarks', () => {
	const months = ['2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
	it('centres each year under its months and draws a line at its start', () => {
		const x = (i: number) => i * 10;
		expect(yearMarks(months, x)).toEqual([
			{ at: NaN, label: '', edge: 0 },
			{ at: 45, label: '2025', edge: 20 }
		]);
	});
	it('labels a short year once it is wide enough', () => {
		const x = (i: number) => i * 20;
		expect(yearMarks(months, x)[0]).toEqual({ at: 20, label: '2024', edge: 0 });
	});
	it('groups periods other than months by their year', () => {
		const x = (i: number) => i * 40;
		expect(yearMarks(['2024-Q3', '2024-Q4', '2025-Q1'], x, { charWidth: 7.5, slack: 2 })).toEqual([
			{ at: 40, label: '2024', edge: 0 },
			{ at: 100, label: '2025', edge: 80 }
		]);
	});
	it('has no years without periods', () => {
		expect(yearMarks([], (i) => i)).toEqual([]);
	});
});

it('puts a value label above its point unless it would leave the plot', () => {
	expect(valueLabelY(100)).toBe(90);
	expect(valueLabelY(10)).toBe(30);
});

describe('targetLabelY', () => {
	it('goes above the rule when nothing is there', () => {
		expect(targetLabelY(100, [], 12, 200)).toBe(95);
	});
	it('goes below when points crowd the space above', () => {
		expect(targetLabelY(100, [90, 95], 12, 200)).toBe(114);
	});
	it('stays inside the plot', () => {
		expect(targetLabelY(2, [], 12, 200)).toBe(16);
		expect(targetLabelY(195, [190], 12, 200)).toBe(190);
	});
});
