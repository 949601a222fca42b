import { describe, expect, it } from 'vitest';
import {
	isMeasureCode,
	MEASURE_BY_CODE,
	MEASURE_CODES,
	MEASURES,
	type MeasureCode
} from './measures.ts';

/** CONTRACT.md, Measures: each measure's kind. */
const KINDS: Record<string, 'flow' | 'stock'> = {
	dossiers_received: 'flow',
	dossiers_received_online: 'flow',
	dossiers_resolved: 'flow',
	dossiers_resolved_on_time: 'flow',
	dossiers_digitized: 'flow',
	payments_total: 'flow',
	payments_online: 'flow',
	survey_responses: 'flow',
	survey_satisfied: 'flow',
	dossiers_pending: 'stock',
	dossiers_pending_overdue: 'stock',
	procedures_total: 'stock',
	procedures_published: 'stock',
	staff_total: 'stock',
	staff_digital_trained: 'stock',
	computers: 'stock',
	villages_total: 'stock',
	villages_4g: 'stock',
	villages_fiber: 'stock',
	one_stop_shop_standard: 'stock',
	population: 'stock'
};

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
		expect([...MEASURE_CODES].sort()).toEqual(Object.keys(KINDS).sort());
		expect(MEASURES.map((m) => m.code)).toEqual([...MEASURE_CODES]);
		expect(MEASURE_BY_CODE.size).toBe(MEASURES.length);
	});

	it.each(Object.entries(KINDS))('%s is a %s', (code, kind) => {
		expect(MEASURE_BY_CODE.get(code)?.kind).toBe(kind);
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
	it.each(Object.keys(KINDS))('%j is a measure code', (code) => {
		expect(isMeasureCode(code)).toBe(true);
	});

	it.each([
		'Dossiers_received',
		'dossiers_received ',
		'online_uptake',
		'',
		'toString',
		'__proto__'
	])('%j is not', (code) => {
		expect(isMeasureCode(code)).toBe(false);
	});
});
