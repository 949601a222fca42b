import { describe, expect, it } from 'vitest';
import { mapView, pageLocale } from './page-view';

describe('pageLocale', () => {
	it('is Vietnamese by default, with no lang for the links to keep', () => {
		const { locale, lang, m } = pageLocale(new URL('http://x/areas/01'));
		expect([locale, lang]).toEqual(['vi', null]);
		expect(m('controls.period')).not.toBe(
			pageLocale(new URL('http://x/?lang=en')).m('controls.period')
		);
	});
	it('is English with ?lang=en, and the links keep it', () => {
		const { locale, lang } = pageLocale(new URL('http://x/areas/01?lang=en'));
		expect([locale, lang]).toEqual(['en', 'en']);
	});
});

it('gives a map view its indicator, period in words, classes and titles', () => {
	const rows = [
		{ unit_code: '001', unit_name: 'Xã A', value: 40, low_confidence: false },
		{ unit_code: '002', unit_name: 'Xã B', value: 90, low_confidence: false }
	];
	const v = mapView(rows, { indicator: 'online_uptake', period: '2025-Q3' }, 'en');
	expect(v.indicator.code).toBe('online_uptake');
	expect(v.periodText).toMatch(/2025/);
	expect(v.titles.get('001')).toMatch(/Xã A/);
	expect(v.choropleth.classes.length).toBeGreaterThan(0);
});
