import { describe, expect, it } from 'vitest';
import {
	bracketLayout,
	lastValueLayout,
	mergerLabelX,
	targetLabelLayout,
	targetLabelY,
	valueLabelY,
	yearMarks
} from './layout';

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

describe('bracketLayout', () => {
	it('wraps the label and centres it under the bracket', () => {
		const b = bracketLayout('summed from the old communes', 200, 100, -40, 300);
		expect(b.right).toBe(200);
		expect(b.lines.length).toBeGreaterThan(1);
		expect(b.centre).toBe(100);
	});
	it('keeps a label wider than the bracket inside the chart', () => {
		const b = bracketLayout('summed from the old communes', 20, 400, -40, 300);
		expect(b.lines).toEqual(['summed from the old communes']);
		expect(b.centre).toBeGreaterThan(10);
	});
});

describe('lastValueLayout', () => {
	it('puts the label above its point, kept inside the chart', () => {
		expect(lastValueLayout('81,4%', { x: 100, y: 50 }, -40, 300)).toEqual({
			text: '81,4%',
			x: 100,
			y: 40
		});
		expect(lastValueLayout('81,4%', { x: 299, y: 2 }, -40, 300).x).toBeLessThan(299);
		expect(lastValueLayout('81,4%', { x: 299, y: 2 }, -40, 300).y).toBe(22);
	});
});

describe('targetLabelLayout', () => {
	const label = 'Target 50%';
	it('goes below its rule when points near its end are above', () => {
		const points = [{ x: 290, y: 90 }];
		const t = targetLabelLayout(label, 100, 300, points, null, 12, 200);
		expect(t.labelLeft).toBe(300 - 75);
		expect(t.labelY).toBe(114);
	});
	it('ignores points left of the label and counts the latest value label', () => {
		expect(targetLabelLayout(label, 100, 300, [{ x: 10, y: 90 }], null, 12, 200).labelY).toBe(95);
		expect(targetLabelLayout(label, 100, 300, [], { x: 290, y: 100 }, 12, 200).labelY).toBe(114);
	});
});

describe('mergerLabelX', () => {
	it('centres the label on its rule', () => {
		expect(mergerLabelX('Merged', 100, -40, 300, null)).toBe(100);
	});
	it('moves left of a target label above the plot', () => {
		const target = { labelLeft: 120, labelY: -5 };
		expect(mergerLabelX('Merged', 100, -40, 300, target)).toBeLessThan(100);
		expect(mergerLabelX('Merged', 100, -40, 300, { ...target, labelY: 10 })).toBe(100);
	});
});
