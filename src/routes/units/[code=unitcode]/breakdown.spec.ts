import { describe, expect, it } from 'vitest';
import { scoreComposite } from '$lib/domain/scoring';
import type { IndicatorCode } from '$lib/domain/indicators';
import { breakdown, GROUPS_766 } from './breakdown';

const score = (rates: Partial<Record<IndicatorCode, number | null>>) =>
	scoreComposite('service_index', new Map(Object.entries(rates) as [IndicatorCode, number][]));

describe('breakdown', () => {
	it('lists the six groups of Decision 766 in its order with their points', () => {
		const b = breakdown(score({}).components);
		expect(b.rows.map((r) => [r.group, r.points])).toEqual([
			['transparency', 18],
			['timeliness', 20],
			['online', 12],
			['payment', 10],
			['digitisation', 22],
			['satisfaction', 18]
		]);
		expect(b.rows.map((r) => r.code)).toEqual(GROUPS_766.map((g) => g.code));
	});

	it('fills each bar by the points earned, as long as its points possible', () => {
		const s = score({
			transparency_rate: 50,
			on_time_rate: 100,
			online_uptake: 75,
			online_payment_rate: 40,
			digitization_rate: 88,
			satisfaction_rate: 45
		});
		const b = breakdown(s.components);
		const transparency = b.rows[0];
		expect(transparency).toMatchObject({ earned: 9, points: 18, rate: 50, threshold: 100 });
		expect(transparency.fill).toBe(0.5);
		expect(transparency.length).toBeCloseTo(18 / 22);
		expect(b.rows.find((r) => r.group === 'digitisation')!.length).toBe(1);
		expect(b.rows.find((r) => r.group === 'online')!.fill).toBe(1);
		expect(b.possible).toBe(100);
		expect(b.earned).toBeCloseTo(s.value!);
		expect(b.missing).toBe(0);
	});

	it('leaves a group without a figure out of the points possible, as the index does', () => {
		const s = score({ on_time_rate: 80, satisfaction_rate: 90 });
		const b = breakdown(s.components);
		expect(b.missing).toBe(4);
		expect(b.possible).toBe(38);
		expect(b.earned).toBe(16 + 18);
		expect((b.earned / b.possible) * 100).toBeCloseTo(s.value!);
		expect(b.rows[0]).toMatchObject({ group: 'transparency', earned: null, fill: 0 });
	});
});
