import { describe, expect, it } from 'vitest';
import { focusOn, isFocusCode, pointsLostOn } from './focus.ts';

type Row = Parameters<typeof focusOn>[0][number];

const gap = (indicator: string, points_lost: number, value: number | null = 10) =>
	({ indicator, value, points_lost }) as Row['gaps'][number];

const row = (code: string, recoverable: number | null, gaps: Row['gaps']): Row => ({
	unit_code: code,
	points_recoverable: recoverable,
	gaps
});

describe('isFocusCode', () => {
	it.each([
		['online_uptake', true],
		['transparency_rate', true],
		['coverage_4g', false],
		['service_index', false],
		['', false]
	])('%s → %s', (code, ok) => expect(isFocusCode(code)).toBe(ok));
});

describe('pointsLostOn', () => {
	it('is the gap’s points, 0 at full points, null without a figure', () => {
		const r = row('1', 20, [gap('on_time_rate', 3), gap('online_uptake', 0, null)]);
		expect(pointsLostOn(r, 'on_time_rate')).toBe(3);
		expect(pointsLostOn(r, 'digitization_rate')).toBe(0);
		expect(pointsLostOn(r, 'online_uptake')).toBeNull();
	});
});

describe('focusOn', () => {
	const rows = [
		row('A', 40, [gap('online_uptake', 9), gap('on_time_rate', 1)]),
		row('B', 30, [gap('on_time_rate', 5), gap('online_uptake', 2)]),
		row('C', 20, [gap('online_uptake', 4)]),
		row('D', 10, [gap('on_time_rate', 5)]),
		row('E', 50, [gap('on_time_rate', 0, null)]),
		row('F', null, [gap('on_time_rate', 0, null), gap('online_uptake', 0, null)])
	];

	it('ranks by points lost on the focus component; ties by points recoverable; no figure last', () => {
		expect(focusOn(rows, 'on_time_rate').map((r) => r.unit_code)).toEqual([
			'B',
			'D',
			'A',
			'C',
			'E',
			'F'
		]);
	});

	it('puts the focus gap first and keeps the others in their order', () => {
		const a = focusOn(rows, 'on_time_rate').find((r) => r.unit_code === 'A')!;
		expect(a.gaps.map((g) => g.indicator)).toEqual(['on_time_rate', 'online_uptake']);
	});

	it('does not change the rows it was given', () => {
		const before = JSON.stringify(rows);
		focusOn(rows, 'on_time_rate');
		expect(JSON.stringify(rows)).toBe(before);
	});
});
