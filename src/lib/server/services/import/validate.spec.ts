import { describe, expect, it } from 'vitest';
import { CellChecker, type Figure, type UnitSpan } from './validate.ts';
import type { MeasureCode } from '../../../domain/measures.ts';

const commune: UnitSpan = {
	id: 7,
	code: '03400',
	name: 'Xã Thử',
	level: 'commune',
	validFrom: null,
	validTo: null
};
const context = { unitsByCode: new Map([['03400', [commune]]]), currentMonth: '2025-06' };

/** A long-form cell: one figure on its own line. */
function give(
	checker: CellChecker,
	figures: Figure[],
	line: number,
	measure: MeasureCode,
	raw: string,
	period = '2025-01'
) {
	checker.into(figures)(line, 'value', '03400', period, measure, raw);
}

/** The error of a part over its whole, blamed on the figure of the given line. */
const partOverWhole = (line: number, message: string) => ({
	line,
	column: 'value',
	code: 'part_exceeds_whole',
	message
});

describe('CellChecker', () => {
	it('checks a part against its whole given on another line, across slices', () => {
		const checker = new CellChecker(context);
		const first: Figure[] = [];
		const second: Figure[] = [];
		give(checker, first, 2, 'dossiers_received', '10');
		give(checker, second, 3, 'dossiers_received_online', '12');
		give(checker, second, 4, 'dossiers_received_online', '9', '2025-02');
		expect(first.map((f) => f.value)).toEqual([10]);
		expect(second.map((f) => f.value)).toEqual([12, 9]);
		expect(checker.errors).toEqual([]);
		expect(checker.partErrors(() => undefined)).toEqual([
			partOverWhole(3, 'dossiers_received_online 12 exceeds dossiers_received 10 for 2025-01')
		]);
	});

	it('lays the figures over the stored ones and blames the figure of the file', () => {
		const checker = new CellChecker(context);
		give(checker, [], 2, 'dossiers_received', '20');
		const stored = new Map<MeasureCode, number>([
			['dossiers_received', 40],
			['dossiers_received_online', 30],
			['payments_total', 5],
			['payments_online', 9]
		]);
		// The stored part over the stored whole is not this file's doing; the new whole is.
		expect(
			checker.partErrors((unitId, month) =>
				unitId === 7 && month === '2025-01' ? stored : undefined
			)
		).toEqual([
			partOverWhole(2, 'dossiers_received_online 30 exceeds dossiers_received 20 for 2025-01')
		]);
	});

	it('refuses a figure given twice for a unit-month and keeps the first', () => {
		const checker = new CellChecker(context);
		const figures: Figure[] = [];
		give(checker, figures, 2, 'computers', '3');
		give(checker, figures, 5, 'computers', '4');
		expect(figures.map((f) => [f.line, f.value])).toEqual([[2, 3]]);
		expect(checker.errors).toEqual([
			{
				line: 5,
				column: 'value',
				code: 'duplicate',
				message: '03400 2025-01 computers already given on line 2'
			}
		]);
	});
});
