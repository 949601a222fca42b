import { describe, expect, it } from 'vitest';
import { explainGap } from './gaps.ts';
import { findIndicator } from './indicators.ts';

const ind = (code: string) => findIndicator(code)!;

/** The gap of an indicator's figures over some months, at a point scale of 1 unless given. */
const gapOf = (
	code: string,
	numerator: number | null,
	denominator: number | null,
	monthsReported: number,
	pointScale = 1
) => explainGap({ indicator: ind(code), numerator, denominator, monthsReported, pointScale });

describe('explainGap', () => {
	it.each([
		// indicator, numerator, denominator, months, scale → points lost, needed, per
		// 32% online of 300 dossiers over 3 months vs 50%: 54 more in the period, 18 a month; lost (1 − 0.64) × 12
		['online_uptake', 96, 300, 3, 1, 12 * (1 - 0.32 / 0.5), 18, 'month'],
		// at the threshold: nothing lost
		['online_uptake', 150, 300, 3, 1, 0, 0, 'month'],
		// above the threshold: nothing lost
		['digitization_rate', 290, 300, 3, 1, 0, 0, 'month'],
		// 95% on time of 200 over 2 months: 10 late → 5 a month; lost (1 − 0.95) × 20 = 1
		['on_time_rate', 190, 200, 2, 1, 1, 5, 'month'],
		// transparency is a stock: 90 of 120 published vs 100% → 30 more in total; lost 0.25 × 18
		['transparency_rate', 90, 120, 12, 1, 4.5, 30, 'total'],
		// rescaled index: every point is worth 100 ÷ 60 of the index
		['on_time_rate', 190, 200, 2, 100 / 60, 100 / 60, 5, 'month']
	] as const)(
		'%s %i/%i over %i months (scale %d)',
		(code, n, d, months, scale, lost, needed, per) => {
			const g = gapOf(code, n, d, months, scale);
			expect(g.points_lost).toBeCloseTo(lost, 9);
			expect(g.needed).toBe(needed);
			expect(g.per).toBe(per);
			expect(g.action.vi).toMatch(/điểm/);
			expect(g.action.en).toMatch(/points/);
		}
	);

	it('words the planner’s example', () => {
		const g = gapOf('online_uptake', 96, 300, 3);
		expect(g.action.en).toBe(
			'32.0% of dossiers filed online against a 50.0% threshold: 18 more online dossiers a month would earn the full 12 points.'
		);
		expect(g.action.vi).toBe(
			'32,0% hồ sơ được nộp trực tuyến, ngưỡng 50,0%: thêm 18 hồ sơ trực tuyến mỗi tháng sẽ đạt đủ 12 điểm.'
		);
	});

	it.each([
		// an 80% threshold, a 50% one, a 90% one; one dossier, one procedure, one response
		[
			'digitization_rate',
			200,
			300,
			1,
			'66.7% of dossiers digitised against an 80.0% threshold: 40 more digitised dossiers a month would earn the full 22 points.'
		],
		[
			'online_uptake',
			149,
			300,
			1,
			'49.7% of dossiers filed online against a 50.0% threshold: 1 more online dossier a month would earn the full 12 points.'
		],
		[
			'satisfaction_rate',
			17,
			20,
			1,
			'85.0% of responses satisfied against a 90.0% threshold: 1 more satisfied response a month would earn the full 18 points.'
		],
		[
			'transparency_rate',
			119,
			120,
			12,
			'99.2% of procedures published against a 100.0% threshold: 1 more published procedure would earn the full 18 points.'
		],
		[
			'online_payment_rate',
			70,
			100,
			2,
			'70.0% of fees paid online against an 80.0% threshold: 5 more online payments a month would earn the full 10 points.'
		]
	] as const)(
		'writes English with the right article and number (%s %i/%i)',
		(code, n, d, months, en) => {
			expect(gapOf(code, n, d, months).action.en).toBe(en);
		}
	);

	it('keeps the Vietnamese plain (no plural, vi-VN numbers)', () => {
		expect(gapOf('digitization_rate', 200, 300, 1).action.vi).toBe(
			'66,7% hồ sơ được số hóa, ngưỡng 80,0%: thêm 40 hồ sơ được số hóa mỗi tháng sẽ đạt đủ 22 điểm.'
		);
	});

	it('says when there is no figure (zero denominator or not reported)', () => {
		for (const [n, d] of [
			[0, 0],
			[null, null]
		] as const) {
			const g = gapOf('satisfaction_rate', n, d, 0);
			expect(g.value).toBeNull();
			expect(g.points_lost).toBe(0);
			expect(g.action.en).toMatch(/No citizen satisfaction figures/);
		}
	});
});
