import { describe, expect, it } from 'vitest';
import {
	isMeasureCode,
	MEASURE_BY_CODE,
	MEASURE_CODES,
	MEASURES,
	type MeasureCode
} from './measures.ts';

/** CONTRACT.md, Measures. */
const FLOWS = [
	'dossiers_received',
	'dossiers_received_online',
	'dossiers_resolved',
	'dossiers_resolved_on_time',
	'dossiers_digitized',
	'payments_total',
	'payments_online',
	'survey_responses',
	'survey_satisfied'
];
const STOCKS = [
	'dossiers_pending',
	'dossiers_pending_overdue',
	'procedures_total',
	'procedures_published',
	'staff_total',
	'staff_digital_trained',
	'computers',
	'villages_total',
	'villages_4g',
	'villages_fiber',
	'one_stop_shop_standard',
	'population'
];

/** CONTRACT.md: "A part never exceeds its whole". */
const PARTS: [MeasureCode, MeasureCode][] = [
	['dossiers_received_online', 'dossiers_received'],
	['dossiers_resolved_on_time', 'dossiers_resolved'],
	['dossiers_digitized', 'dossiers_received'],
	['payments_online', 'payments_total'],
	['survey_satisfied', 'survey_responses'],
	['dossiers_pending_overdue', 'dossiers_pending'],
	['procedures_published', 'procedures_total'],
	['staff_digital_trained', 'staff_total'],
	['villages_4g', 'villages_total'],
	['villages_fiber', 'villages_total']
];

describe('measure catalogue', () => {
	it('has exactly the flows and stocks of CONTRACT.md, each once', () => {
		expect([...MEASURE_CODES].sort()).toEqual([...FLOWS, ...STOCKS].sort());
		expect(MEASURES.map((m) => m.code)).toEqual([...MEASURE_CODES]);
		expect(MEASURE_BY_CODE.size).toBe(MEASURES.length);
	});

	it.each(FLOWS)('%s is a flow', (code) => {
		expect(MEASURE_BY_CODE.get(code)?.kind).toBe('flow');
	});

	it.each(STOCKS)('%s is a stock', (code) => {
		expect(MEASURE_BY_CODE.get(code)?.kind).toBe('stock');
	});

	it('has exactly the part-of relations of CONTRACT.md', () => {
		const actual = MEASURES.filter((m) => m.partOf !== null).map((m) => [m.code, m.partOf]);
		expect(actual.sort()).toEqual([...PARTS].sort());
	});

	it('relates a part only to a whole of the same kind', () => {
		for (const m of MEASURES) {
			if (m.partOf === null) continue;
			const whole = MEASURE_BY_CODE.get(m.partOf)!;
			expect([m.code, whole.kind, whole.partOf]).toEqual([m.code, m.kind, null]);
		}
	});

	it('bounds only the 0/1 flag', () => {
		const bounded = MEASURES.filter((m) => m.max !== undefined).map((m) => [m.code, m.max]);
		expect(bounded).toEqual([['one_stop_shop_standard', 1]]);
	});

	it.each(MEASURES.map((m) => [m.code, m] as const))(
		'%s is named in Vietnamese (NFC) and English',
		(_, m) => {
			expect(/[\u0300-\u036f]/.test(m.name.vi.normalize('NFD')) || /[đĐ]/.test(m.name.vi)).toBe(
				true
			);
			expect(m.name.vi).toBe(m.name.vi.normalize('NFC'));
			expect(m.name.en.length).toBeGreaterThan(0);
		}
	);
});

describe('isMeasureCode', () => {
	it.each([
		['dossiers_received', true],
		['population', true],
		['Dossiers_received', false],
		['dossiers_received ', false],
		['online_uptake', false],
		['', false],
		['toString', false],
		['__proto__', false]
	])('%j → %s', (code, expected) => {
		expect(isMeasureCode(code)).toBe(expected);
	});
});
