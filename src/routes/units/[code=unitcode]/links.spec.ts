import { describe, expect, it } from 'vitest';
import { areaLink, periodInForce, seriesCsvLink, unitPageLink, versionDate } from './links';

const phucThan = { valid_from: null, valid_to: '2025-06-30' };
const muongThan = { valid_from: '2025-07-01', valid_to: null };

describe('periodInForce', () => {
	it.each([
		[phucThan, '2024', '2024'],
		[phucThan, '2025-Q2', '2025-Q2'],
		[phucThan, '2025', '2025'],
		[phucThan, '2026-Q3', '2025-Q2'],
		[muongThan, '2026-Q3', '2026-Q3'],
		[muongThan, '2024', '2025-Q3'],
		[muongThan, '2025-06', '2025-Q3'],
		[muongThan, 'nonsense', 'nonsense']
	])('%o in %s → %s', (unit, period, expected) => {
		expect(periodInForce(unit, period)).toBe(expected);
	});
});

describe('unitPageLink', () => {
	it.each([
		[
			'03595',
			{ period: '2026-Q3', indicator: 'online_uptake', lang: null },
			'',
			'/units/03595?period=2026-Q3'
		],
		[
			'03595',
			{ period: '2026-Q3', indicator: 'on_time_rate', lang: 'en' },
			'#history',
			'/units/03595?period=2026-Q3&indicator=on_time_rate&lang=en#history'
		],
		[
			'03618',
			{ period: '2025', indicator: 'online_uptake', lang: 'en', at: '2025-06-30' },
			'',
			'/units/03618?period=2025&at=2025-06-30&lang=en'
		]
	])('%s %o %s → %s', (code, view, hash, href) => {
		expect(unitPageLink(code, view, hash)).toBe(href);
	});
});

describe('versionDate', () => {
	it.each([
		[phucThan, '2025-06-30'],
		[muongThan, '2025-07-01'],
		[{ valid_from: '2019-01-01', valid_to: '2025-06-30' }, '2019-01-01'],
		[{ valid_from: null, valid_to: null }, null]
	])('%o → %s', (unit, expected) => {
		expect(versionDate(unit)).toBe(expected);
	});
});

describe('seriesCsvLink', () => {
	it('names the date only when asked', () => {
		expect(seriesCsvLink('online_uptake', '03595', null)).toBe(
			'/api/v1/series?indicator=online_uptake&unit=03595&format=csv'
		);
		expect(seriesCsvLink('online_uptake', '03618', '2025-06-30')).toBe(
			'/api/v1/series?indicator=online_uptake&unit=03618&format=csv&at=2025-06-30'
		);
	});
});

describe('areaLink', () => {
	it('names the parent and the period, and the language when English', () => {
		expect(areaLink('12', '2025-Q4', null)).toBe('/areas/12?period=2025-Q4');
		expect(areaLink('106', '2024', 'en')).toBe('/areas/106?period=2024&lang=en');
	});
});
