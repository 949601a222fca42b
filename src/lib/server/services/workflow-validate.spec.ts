import { describe, expect, it } from 'vitest';
import { checkForm, jumpOf, jumpWarnings } from './workflow-validate.ts';
import type { MeasureCode } from '../../domain/measures.ts';

const unit = {
	id: 7,
	code: '03388',
	name: 'Phường Đoàn Kết',
	level: 'commune',
	validFrom: '2025-07-01',
	validTo: null
};
const none = new Map<MeasureCode, number>();

describe('checkForm', () => {
	const cases: {
		name: string;
		raw: Partial<Record<MeasureCode, string>>;
		stored?: Map<MeasureCode, number>;
		month?: string;
		errors: Partial<Record<MeasureCode, RegExp>>;
		general?: RegExp;
		figures?: number;
	}[] = [
		{
			name: 'accepts consistent figures',
			raw: { dossiers_received: '10', dossiers_received_online: '4' },
			errors: {},
			figures: 2
		},
		{
			name: 'blank is not zero',
			raw: { dossiers_received: '', computers: '0' },
			errors: {},
			figures: 1
		},
		{ name: 'negative', raw: { computers: '-1' }, errors: { computers: /0 or more/ } },
		{ name: 'decimal', raw: { computers: '1,5' }, errors: { computers: /whole number/ } },
		{ name: 'text', raw: { computers: 'abc' }, errors: { computers: /number/ } },
		{
			name: 'flag above 1',
			raw: { one_stop_shop_standard: '2' },
			errors: { one_stop_shop_standard: /0 \(no\) or 1/ }
		},
		{
			name: 'part above whole typed together',
			raw: { dossiers_received: '10', dossiers_received_online: '11' },
			errors: { dossiers_received_online: /Cannot exceed .*\(10\)$/ }
		},
		{
			name: 'part above the approved whole',
			raw: { villages_4g: '12' },
			stored: new Map([['villages_total', 9]]),
			errors: { villages_4g: /\(9\) — the approved figure/ }
		},
		{
			name: 'whole below the approved part',
			raw: { staff_total: '3' },
			stored: new Map([['staff_digital_trained', 5]]),
			errors: { staff_total: /Cannot be below .*\(5\)$/ }
		},
		{
			name: 'future month',
			raw: { computers: '3' },
			month: '2031-01',
			errors: {},
			general: /future/
		},
		{
			name: 'before the unit existed',
			raw: { computers: '3' },
			month: '2024-01',
			errors: {},
			general: /No unit bore code/
		}
	];
	for (const c of cases)
		it(c.name, () => {
			const result = checkForm(c.raw, unit, c.month ?? '2026-01', c.stored ?? none, '2026-11');
			expect(Object.keys(result.errors).sort()).toEqual(Object.keys(c.errors).sort());
			for (const [code, pattern] of Object.entries(c.errors))
				expect(result.errors[code as MeasureCode]).toMatch(pattern!);
			if (c.general) expect(result.general.join(' ')).toMatch(c.general);
			else expect(result.general).toEqual([]);
			if (c.figures !== undefined) expect(result.figures.size).toBe(c.figures);
		});
});

describe('jumpWarnings', () => {
	const medians = new Map([
		['dossiers_received', { median: 100, months: 12 }],
		['computers', { median: 10, months: 2 }],
		['staff_total', { median: 0, months: 12 }]
	] as const);
	const cases: [string, MeasureCode, number, number | undefined, boolean][] = [
		['three times is fine', 'dossiers_received', 300, undefined, false],
		['above three times warns', 'dossiers_received', 301, undefined, true],
		['a third is fine', 'dossiers_received', 34, undefined, false],
		['below a third warns', 'dossiers_received', 33, undefined, true],
		['unchanged from the current value is not asked again', 'dossiers_received', 900, 900, false],
		['too few months: no warning', 'computers', 1000, undefined, false],
		['zero median: no warning', 'staff_total', 1000, undefined, false],
		['no history: no warning', 'population', 5, undefined, false]
	];
	for (const [name, code, value, current, warns] of cases)
		it(name, () => {
			const result = jumpWarnings(
				new Map([[code, value]]),
				new Map(current === undefined ? [] : [[code, current]]),
				medians as ReadonlyMap<MeasureCode, { median: number; months: number }>
			);
			expect(code in result).toBe(warns);
		});
});

describe('jumpOf: one rule for rises and drops', () => {
	const median = { median: 90, months: 12 };
	const cases: [string, number, { median: number; months: number } | undefined, string | null][] = [
		['above three times the median is a sharp rise', 271, median, 'sharp_rise'],
		['exactly three times is not', 270, median, null],
		['below a third of the median is a sharp drop', 29, median, 'sharp_drop'],
		['exactly a third is not', 30, median, null],
		['a drop to zero is a sharp drop', 0, median, 'sharp_drop'],
		['near the median is nothing', 95, median, null],
		['no median judges nothing', 0, undefined, null],
		['a median of two months judges nothing', 0, { median: 90, months: 2 }, null],
		['a median of zero judges nothing', 500, { median: 0, months: 12 }, null]
	];
	for (const [name, value, m, expected] of cases)
		it(name, () => expect(jumpOf(value, m)).toBe(expected));

	it('the form words a drop as it words a rise', () => {
		const medians = new Map([['dossiers_received', { median: 90, months: 12 }]] as const);
		const warn = (value: number) =>
			jumpWarnings(new Map([['dossiers_received', value]]), new Map(), medians).dossiers_received;
		expect(warn(271)).toBe('271 is more than 3× the median of the last 12 months (90)');
		expect(warn(29)).toBe('29 is less than a third of the median of the last 12 months (90)');
	});
});
