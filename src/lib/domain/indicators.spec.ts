import { describe, expect, it } from 'vitest';
import {
	componentsOf,
	findIndicator,
	INDICATOR_BY_CODE,
	INDICATOR_CODES,
	INDICATORS,
	partsOf,
	type Aggregation,
	type CompositeCode,
	type Indicator
} from './indicators.ts';
import { MEASURE_BY_CODE, type MeasureCode, type MeasureKind } from './measures.ts';

/** The Indicators table of CONTRACT.md: unit, better, kind, numerator, denominator, scoring. */
const CONTRACT: [
	string,
	Indicator['unit'],
	Indicator['better'],
	Indicator['kind'],
	MeasureCode | null,
	MeasureCode | null,
	[CompositeCode, number, number] | null
][] = [
	[
		'online_uptake',
		'%',
		'higher',
		'rate',
		'dossiers_received_online',
		'dossiers_received',
		['service_index', 50, 12]
	],
	[
		'on_time_rate',
		'%',
		'higher',
		'rate',
		'dossiers_resolved_on_time',
		'dossiers_resolved',
		['service_index', 100, 20]
	],
	[
		'digitization_rate',
		'%',
		'higher',
		'rate',
		'dossiers_digitized',
		'dossiers_received',
		['service_index', 80, 22]
	],
	[
		'online_payment_rate',
		'%',
		'higher',
		'rate',
		'payments_online',
		'payments_total',
		['service_index', 80, 10]
	],
	[
		'satisfaction_rate',
		'%',
		'higher',
		'rate',
		'survey_satisfied',
		'survey_responses',
		['service_index', 90, 18]
	],
	[
		'transparency_rate',
		'%',
		'higher',
		'rate',
		'procedures_published',
		'procedures_total',
		['service_index', 100, 18]
	],
	['overdue_backlog', 'count', 'lower', 'count', 'dossiers_pending_overdue', null, null],
	['dossier_volume', 'count', null, 'count', 'dossiers_received', null, null],
	['dossiers_per_1000', 'per 1,000', null, 'rate', 'dossiers_received', 'population', null],
	['coverage_4g', '%', 'higher', 'rate', 'villages_4g', 'villages_total', ['infra_index', 100, 20]],
	[
		'fiber_coverage',
		'%',
		'higher',
		'rate',
		'villages_fiber',
		'villages_total',
		['infra_index', 100, 20]
	],
	[
		'digital_skills',
		'%',
		'higher',
		'rate',
		'staff_digital_trained',
		'staff_total',
		['infra_index', 100, 20]
	],
	[
		'computers_per_staff',
		'ratio',
		'higher',
		'rate',
		'computers',
		'staff_total',
		['infra_index', 1, 20]
	],
	[
		'one_stop_shop',
		'%',
		'higher',
		'rate',
		'one_stop_shop_standard',
		null,
		['infra_index', 100, 20]
	],
	['service_index', '0–100', 'higher', 'composite', null, null, null],
	['infra_index', '0–100', 'higher', 'composite', null, null, null]
];

/** Vietnamese text carries at least one diacritic (or đ) and is stored in NFC. */
const hasDiacritics = (s: string) => /[\u0300-\u036f]/.test(s.normalize('NFD')) || /[đĐ]/.test(s);

describe('indicator catalogue', () => {
	it('has exactly the codes of CONTRACT.md, in catalogue order, each once', () => {
		expect(INDICATORS.map((i) => i.code)).toEqual(CONTRACT.map(([code]) => code));
		expect([...INDICATOR_CODES]).toEqual(CONTRACT.map(([code]) => code));
		expect(INDICATOR_BY_CODE.size).toBe(INDICATORS.length);
	});

	it.each(CONTRACT)('%s matches CONTRACT.md', (code, unit, better, kind, num, den, scoring) => {
		const i = findIndicator(code)!;
		expect({ unit: i.unit, better: i.better, kind: i.kind }).toEqual({ unit, better, kind });
		expect(partsOf(i)).toEqual({ numerator: num, denominator: den });
		expect(i.scoring).toEqual(
			scoring && { composite: scoring[0], threshold: scoring[1], points: scoring[2] }
		);
	});

	it('finds nothing for an unknown code', () => {
		expect(findIndicator('nope')).toBeUndefined();
		expect(findIndicator('')).toBeUndefined();
	});

	it.each(INDICATORS.map((i) => [i.code, i] as const))('%s is named in both languages', (_, i) => {
		for (const text of [i.name.vi, i.formula.vi]) {
			expect(hasDiacritics(text)).toBe(true);
			expect(text).toBe(text.normalize('NFC'));
		}
		expect(i.name.en.length).toBeGreaterThan(0);
		expect(i.formula.en.length).toBeGreaterThan(0);
	});

	it('gives every indicator a distinct name', () => {
		expect(new Set(INDICATORS.map((i) => i.name.vi)).size).toBe(INDICATORS.length);
		expect(new Set(INDICATORS.map((i) => i.name.en)).size).toBe(INDICATORS.length);
	});
});

/** Measure kinds an aggregation reads: flows are summed over months, stocks taken at the end. */
function expectedKinds(a: Aggregation): [MeasureCode, MeasureKind][] {
	switch (a.type) {
		case 'flow_ratio':
			return [
				[a.numerator, 'flow'],
				[a.denominator, 'flow']
			];
		case 'stock_ratio':
			return [
				[a.numerator, 'stock'],
				[a.denominator, 'stock']
			];
		case 'per_capita':
			return [
				[a.numerator, 'flow'],
				[a.denominator, 'stock']
			];
		case 'flow_sum':
			return [[a.measure, 'flow']];
		case 'stock_sum':
		case 'unit_share':
			return [[a.measure, 'stock']];
		case 'composite':
			return [];
	}
}

describe('aggregations', () => {
	it.each(INDICATORS.map((i) => [i.code, i] as const))(
		'%s reads existing measures of the right kind',
		(_, i) => {
			for (const [code, kind] of expectedKinds(i.aggregation)) {
				expect(MEASURE_BY_CODE.get(code)?.kind).toBe(kind);
			}
		}
	);

	it('keeps every percent of two counts at most 100: its numerator is part of its denominator', () => {
		for (const i of INDICATORS) {
			const a = i.aggregation;
			if (i.unit !== '%' || (a.type !== 'flow_ratio' && a.type !== 'stock_ratio')) continue;
			expect([i.code, MEASURE_BY_CODE.get(a.numerator)?.partOf]).toEqual([i.code, a.denominator]);
		}
	});

	it('scales percentages by 100, per 1,000 by 1000 and ratios by 1', () => {
		for (const i of INDICATORS) {
			const a = i.aggregation;
			if (!('scale' in a)) continue;
			const scale = { '%': 100, 'per 1,000': 1000, ratio: 1 }[
				i.unit as '%' | 'per 1,000' | 'ratio'
			];
			expect([i.code, a.scale]).toEqual([i.code, scale]);
		}
	});

	it('reads a 0/1 flag for a share of units', () => {
		for (const i of INDICATORS) {
			if (i.aggregation.type === 'unit_share') {
				expect(MEASURE_BY_CODE.get(i.aggregation.measure)?.max).toBe(1);
			}
		}
	});

	it('defines each composite once, as a 0–100 indicator', () => {
		for (const composite of ['service_index', 'infra_index'] as const) {
			const defs = INDICATORS.filter(
				(i) => i.aggregation.type === 'composite' && i.aggregation.composite === composite
			);
			expect(defs.map((i) => [i.code, i.unit])).toEqual([[composite, '0–100']]);
		}
	});
});

describe('composites', () => {
	it.each([
		['service_index', 6],
		['infra_index', 5]
	] as const)('%s has %i components whose points sum to 100', (composite, count) => {
		const components = componentsOf(composite);
		expect(components).toHaveLength(count);
		expect(components.reduce((s, c) => s + c.scoring!.points, 0)).toBe(100);
	});

	it('scores only rates that are better when higher, with a threshold in their own range', () => {
		for (const i of INDICATORS.filter((x) => x.scoring)) {
			expect([i.code, i.kind, i.better]).toEqual([i.code, 'rate', 'higher']);
			expect(i.scoring!.threshold).toBeGreaterThan(0);
			if (i.unit === '%') expect(i.scoring!.threshold).toBeLessThanOrEqual(100);
		}
	});
});
