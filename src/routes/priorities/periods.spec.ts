import { describe, expect, it } from 'vitest';
import { prioritiesPeriodMenu } from './periods';

describe('prioritiesPeriodMenu', () => {
	const menu = prioritiesPeriodMenu('2026-08', '2026-09-15');
	const codes = (year: number) => menu.find((g) => g.year === year)!.options.map((o) => o.code);

	it('offers each year, its halves and nine months, then quarters and months', () => {
		expect(codes(2025).slice(0, 9)).toEqual([
			'2025',
			'2025-H2',
			'2025-9M',
			'2025-H1',
			'2025-Q4',
			'2025-Q3',
			'2025-Q2',
			'2025-Q1',
			'2025-12'
		]);
	});

	it('offers only periods that have started, marking the running ones', () => {
		const options = menu[0].options;
		expect(menu[0].year).toBe(2026);
		expect(options.slice(0, 4).map((o) => o.code)).toEqual([
			'2026',
			'2026-H2',
			'2026-9M',
			'2026-H1'
		]);
		expect(options.find((o) => o.code === '2026-H2')!.partialTo).toBe('2026-08');
		expect(options.find((o) => o.code === '2026-9M')!.partialTo).toBe('2026-08');
		expect(options.find((o) => o.code === '2026-H1')!.partialTo).toBeNull();
	});

	it('leaves out a half that has not started', () => {
		expect(
			prioritiesPeriodMenu('2026-05', '2026-06-10')[0].options.map((o) => o.code)
		).not.toContain('2026-H2');
	});
});
