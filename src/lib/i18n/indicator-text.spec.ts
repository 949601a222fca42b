import { describe, expect, it } from 'vitest';
import type { Locale } from '$lib/domain/format';
import { findIndicator, INDICATORS, type IndicatorUnit } from '$lib/domain/indicators';
import { directionText, formulaText, thresholdText, unitText } from './indicator-text';

const ind = (code: string) => findIndicator(code)!;

describe('formulaText', () => {
	// What the formula of an indicator reads, in the languages checked.
	const formulas: Record<string, Partial<Record<Locale, string>>> = {
		online_uptake: {
			vi: 'Σ hồ sơ tiếp nhận trực tuyến ÷ Σ hồ sơ tiếp nhận × 100',
			en: 'Σ dossiers received online ÷ Σ dossiers received × 100'
		},
		coverage_4g: { vi: 'thôn, bản có sóng 4G ÷ thôn, bản × 100' },
		computers_per_staff: { en: 'computers ÷ staff, each unit' },
		dossiers_per_1000: { vi: '× 1.000' },
		dossier_volume: { en: 'Σ dossiers received over the months' },
		service_index: { en: 'Σ points earned' }
	};
	it.each(
		Object.entries(formulas).flatMap(([code, texts]) =>
			Object.entries(texts).map(([locale, text]) => [code, locale as Locale, text] as const)
		)
	)('%s (%s) reads "%s"', (code, locale, text) => {
		expect(formulaText(ind(code), locale)).toContain(text);
	});

	it('has words for every indicator in both languages', () => {
		for (const i of INDICATORS)
			for (const locale of ['vi', 'en'] as const) {
				expect(formulaText(i, locale)).toMatch(/\S/);
				expect(unitText(i.unit, locale)).toMatch(/\S/);
				expect(directionText(i.better, locale)).toMatch(/\S/);
			}
	});
});

describe('thresholdText and directionText', () => {
	const thresholds: [number, IndicatorUnit, Record<Locale, string>][] = [
		[50, '%', { vi: '50%', en: '50%' }],
		[1, 'ratio', { vi: '1', en: '1' }],
		[0.5, 'ratio', { vi: '0,5', en: '0.5' }]
	];
	it.each(
		thresholds.flatMap(([x, unit, text]) =>
			(['vi', 'en'] as const).map((locale) => [x, unit, locale, text[locale]] as const)
		)
	)('%s %s (%s) → %s', (x, unit, locale, text) => {
		expect(thresholdText(x, unit, locale)).toBe(text);
	});

	it('says which way is better', () => {
		expect(directionText('higher', 'en')).toBe('higher is better');
		expect(directionText('lower', 'vi')).toBe('thấp hơn là tốt hơn');
		expect(directionText(null, 'en')).toContain('neither');
	});
});
