import { describe, expect, it } from 'vitest';
import { causesOf, reconcile, OFFICIAL_GROUPS } from './reconcile.ts';
import type { ComponentScore } from './scoring.ts';

const comp = (code: ComponentScore['code'], earned: number | null): ComponentScore => ({
	code,
	rate: null,
	threshold: 1,
	points: 1,
	earned
});

const computed = {
	value: 80,
	components: [
		comp('online_uptake', 12),
		comp('on_time_rate', 18.5),
		comp('digitization_rate', 20),
		comp('online_payment_rate', 5),
		comp('satisfaction_rate', 16.5),
		comp('transparency_rate', 8)
	]
};

describe('reconcile', () => {
	it('lists the six groups in catalogue order, then the total', () => {
		const r = reconcile(null, computed, []);
		expect(r.lines.map((l) => l.code)).toEqual([...OFFICIAL_GROUPS, 'total']);
		expect(r.flagged).toBe(false);
	});

	it('flags differences above one point, not at one point, and keeps causes only then', () => {
		const official = {
			groups: {
				online_uptake: 12,
				on_time_rate: 20, // +1.5
				digitization_rate: 21, // +1: not flagged
				online_payment_rate: 5,
				satisfaction_rate: 16.5,
				transparency_rate: 8
			},
			total: 82.5
		};
		const cause = { kind: 'missing_months', reported: 2, expected: 3 } as const;
		const r = reconcile(official, computed, [cause]);
		const by = new Map(r.lines.map((l) => [l.code, l]));
		expect(by.get('on_time_rate')).toMatchObject({ difference: 1.5, flagged: true });
		expect(by.get('digitization_rate')).toMatchObject({ difference: 1, flagged: false });
		expect(by.get('total')).toMatchObject({ difference: 2.5, flagged: true });
		expect(r.flagged).toBe(true);
		expect(r.causes).toEqual([cause]);

		const same = reconcile(
			{ groups: { ...official.groups, on_time_rate: 18.5 }, total: 80.004 },
			computed,
			[cause]
		);
		expect(same.flagged).toBe(false);
		expect(same.causes).toEqual([]);
	});

	it('flags a figure present on one side only', () => {
		const r = reconcile({ groups: { online_uptake: 12 }, total: 80 }, computed, []);
		expect(r.lines.find((l) => l.code === 'on_time_rate')).toMatchObject({
			official: null,
			computed: 18.5,
			difference: null,
			flagged: true
		});
	});
});

describe('causesOf', () => {
	const base = { reported: 3, expected: 3, mergedOn: null, lateMonths: [] };
	it('knows none for a complete, stable, timely unit', () => {
		expect(causesOf(base)).toEqual([]);
	});
	it('names missing months, a merger in the period, late months, in that order', () => {
		expect(
			causesOf({ reported: 2, expected: 3, mergedOn: '2025-07-01', lateMonths: ['2025-09'] })
		).toEqual([
			{ kind: 'missing_months', reported: 2, expected: 3 },
			{ kind: 'merged', date: '2025-07-01' },
			{ kind: 'late_report', months: ['2025-09'] }
		]);
	});
});
