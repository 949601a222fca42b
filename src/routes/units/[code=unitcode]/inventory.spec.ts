import { describe, expect, it } from 'vitest';
import { inventoryRows } from './inventory';

const changes = {
	computers: { since: '2024-03', changed: true },
	villages_4g: { since: '2021-01', changed: false },
	one_stop_shop_standard: { since: '2025-08', changed: true }
};

describe('inventoryRows', () => {
	it('lists the five stocks with their counts and last change', () => {
		const rows = inventoryRows(
			[
				{ indicator: 'computers_per_staff', value: 1.125, numerator: 45, denominator: 40 },
				{ indicator: 'coverage_4g', value: 80, numerator: 12, denominator: 15 },
				{ indicator: 'one_stop_shop', value: 100, numerator: 1, denominator: 1 },
				{ indicator: 'online_uptake', value: 50, numerator: 5, denominator: 10 }
			],
			changes
		);
		expect(rows.map((r) => [r.indicator, r.measure])).toEqual([
			['coverage_4g', 'villages_4g'],
			['fiber_coverage', 'villages_fiber'],
			['digital_skills', 'staff_digital_trained'],
			['computers_per_staff', 'computers'],
			['one_stop_shop', 'one_stop_shop_standard']
		]);
		expect(rows[0]).toMatchObject({ numerator: 12, denominator: 15, change: changes.villages_4g });
		expect(rows[1]).toMatchObject({ value: null, numerator: null, change: null, flag: null });
		expect(rows[3]).toMatchObject({ numerator: 45, change: changes.computers, flag: null });
		expect(rows[4].flag).toBe(true);
	});

	it('says a single unit’s one-stop shop in words, and counts several', () => {
		const row = (numerator: number, denominator: number) =>
			inventoryRows([{ indicator: 'one_stop_shop', value: 0, numerator, denominator }], {})[4];
		expect(row(0, 1).flag).toBe(false);
		expect(row(2, 3).flag).toBeNull();
	});
});
