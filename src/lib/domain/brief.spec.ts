import { describe, expect, it } from 'vitest';
import { bestAndWeakest, changeDirection, largestChanges, type BriefRow } from './brief';
import { rankValues } from './rank';

function rows(values: (number | null)[], better: 'higher' | 'lower' = 'higher'): BriefRow[] {
	const ranks = rankValues(values, better);
	return values.map((value, k) => ({
		unit_code: String(10000 + k),
		unit_name: `Xã ${k}`,
		value,
		rank: ranks[k],
		low_confidence: false
	}));
}
const codes = (rs: BriefRow[]) => rs.map((r) => r.unit_code);

describe('bestAndWeakest', () => {
	it('takes the five best, best first, and the five weakest, weakest first', () => {
		const rs = rows([50, 90, 10, 70, null, 30, 80, 20, 60, 40, 100, 0]);
		const { best, weakest } = bestAndWeakest(rs);
		expect(best.map((r) => r.value)).toEqual([100, 90, 80, 70, 60]);
		expect(weakest.map((r) => r.value)).toEqual([0, 10, 20, 30, 40]);
	});

	it('follows the better direction through the ranks (lower is better)', () => {
		const { best, weakest } = bestAndWeakest(rows([5, 1, 9, 3], 'lower'), 1);
		expect(best.map((r) => r.value)).toEqual([1]);
		expect(weakest.map((r) => r.value)).toEqual([9]);
	});

	it('never lists a commune in both when there are fewer than ten', () => {
		const { best, weakest } = bestAndWeakest(rows([1, 2, 3, 4, 5, 6, 7]));
		expect(best.map((r) => r.value)).toEqual([7, 6, 5, 4]);
		expect(weakest.map((r) => r.value)).toEqual([1, 2, 3]);
		expect(bestAndWeakest(rows([null, null]))).toEqual({ best: [], weakest: [] });
	});
});

describe('largestChanges', () => {
	it('keeps the three largest moves by size, either way, leaving out missing and unchanged', () => {
		const rs = rows([50, 60, 70, 80, 90, null]);
		const before = new Map<string, number | null>([
			['10000', 40], // +10
			['10001', 85], // −25
			['10002', 70], // 0
			['10003', null],
			['10004', 88], // +2
			['10005', 10]
		]);
		const changes = largestChanges(rs, before);
		expect(codes(changes.map((c) => c.row))).toEqual(['10001', '10000', '10004']);
		expect(changes.map((c) => c.delta)).toEqual([-25, 10, 2]);
		expect(changes[0].before).toBe(85);
	});
});

describe('changeDirection', () => {
	it('reads a change against the better direction', () => {
		expect(changeDirection(3, 'higher')).toBe('better');
		expect(changeDirection(3, 'lower')).toBe('worse');
		expect(changeDirection(-3, 'lower')).toBe('better');
		expect(changeDirection(-3, null)).toBe('neutral');
	});
});
