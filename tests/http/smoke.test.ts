/** The built server answers: the indicator catalogue as JSON, the home page as HTML. */
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');

const INDICATOR_CODES = [
	'online_uptake',
	'on_time_rate',
	'digitization_rate',
	'online_payment_rate',
	'satisfaction_rate',
	'transparency_rate',
	'overdue_backlog',
	'dossier_volume',
	'dossiers_per_1000',
	'coverage_4g',
	'fiber_coverage',
	'digital_skills',
	'computers_per_staff',
	'one_stop_shop',
	'service_index',
	'infra_index'
];

describe('smoke', () => {
	it('GET /api/v1/indicators lists the 16 indicators of the contract', async () => {
		const response = await fetch(new URL('/api/v1/indicators', baseURL));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const body: unknown = await response.json();
		expect(Array.isArray(body)).toBe(true);
		const indicators = body as { code: unknown }[];
		expect(indicators).toHaveLength(16);
		const codes = indicators.map((indicator) => indicator.code);
		expect(codes.every((code) => typeof code === 'string')).toBe(true);
		expect([...codes].sort()).toEqual([...INDICATOR_CODES].sort());
	});

	it('GET / serves HTML with the security headers', async () => {
		const response = await fetch(new URL('/', baseURL));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await response.text()).toMatch(/<html/i);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('permissions-policy')).toContain('geolocation=()');
	});

	it('the built scripts and styles carry nosniff too (served before the hooks)', async () => {
		const html = await (await fetch(new URL('/', baseURL))).text();
		const assets = [...html.matchAll(/["'(](\.?\/_app\/immutable\/[^"')]+\.(?:js|css))/g)].map(
			(m) => m[1]
		);
		expect(assets.length).toBeGreaterThan(0);
		for (const asset of new Set(assets)) {
			const response = await fetch(new URL(asset, baseURL));
			expect(response.status, asset).toBe(200);
			expect(response.headers.get('x-content-type-options'), asset).toBe('nosniff');
			expect(response.headers.get('cache-control'), asset).toContain('immutable');
		}
	});

	it('an unknown page is a 404 without a stack trace', async () => {
		const response = await fetch(new URL('/no-such-page-xaso', baseURL));
		expect(response.status).toBe(404);
		expect(await response.text()).not.toMatch(/\bat .+:\d+:\d+/);
	});
});
