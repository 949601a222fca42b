import { describe, expect, it } from 'vitest';
import { alertsFor, backlogGrew, fallingRun, type CommuneFigures } from './alerts';

describe('fallingRun', () => {
	it.each([
		[[90, 85, 80, 75], 'higher', true],
		[[90, 85, 85, 75], 'higher', false],
		[[90, 85, 80], 'higher', false],
		[[90, null, 80, 75], 'higher', false],
		[[99, 90, 85, 80, 75], 'higher', true],
		[[75, 80, 85, 99], 'higher', false],
		[[1, 2, 3, 4], 'lower', true],
		[[1, 2, 3, 4], null, false]
	] as const)('%j better %s → %s', (values, better, expected) => {
		expect(fallingRun([...values], better)).toBe(expected);
	});
});

describe('backlogGrew', () => {
	it.each([
		[0, 1, false],
		[0, 3, true],
		[20, 23, false],
		[20, 24, true],
		[5, 4, false]
	])('%i → %i: %s', (before, now, expected) => expect(backlogGrew(before, now)).toBe(expected));
});

describe('alertsFor', () => {
	const commune = (over: Partial<CommuneFigures>): CommuneFigures => ({
		code: '00001',
		name: 'Xã A',
		values: [80, 81, 82, 83],
		target: 70,
		meetsTarget: true,
		overdue: [2, 2],
		monthsReported: 3,
		monthsExpected: 3,
		...over
	});

	it('raises nothing for a commune that is fine', () => {
		expect(alertsFor([commune({})], 'higher')).toEqual([]);
	});

	it('raises each kind with the figures behind it, most serious first', () => {
		const alerts = alertsFor(
			[
				commune({ code: '1', name: 'Xã Bình', monthsReported: 1 }),
				commune({ code: '2', name: 'Xã An', overdue: [3, 9] }),
				commune({ code: '3', name: 'Xã Cờ', values: [90, 80, 70, 60], meetsTarget: false })
			],
			'higher'
		);
		expect(alerts.map((a) => [a.kind, a.code, a.values])).toEqual([
			['declining', '3', [90, 80, 70, 60]],
			['below_target', '3', [60, 70]],
			['backlog_growing', '2', [3, 9]],
			['reports_missing', '1', [2, 3]]
		]);
	});

	it('does not call a missing value below target', () => {
		const c = commune({ values: [80, 81, 82, null], meetsTarget: false });
		expect(alertsFor([c], 'higher').map((a) => a.kind)).toEqual([]);
	});
});
