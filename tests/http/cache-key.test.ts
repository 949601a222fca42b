/**
 * The answer cache is keyed by the parsed parameters of a request, not its raw URL
 * (http/public-params.ts), and its misses are rate-limited per client address
 * (http/miss-limit.ts): an extra parameter on the API is a 400 naming it, the same view asked in
 * another order or with its defaults spelled out is a hit, tracking tags on a shared page link are
 * left out, and a flood of distinct views from one address gets 429s while others are served.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server-setup.ts';
import { send, type RawResponse } from '../support/test-users.ts';

const baseURL = inject('baseURL');

const get = (path: string, from?: string, base = baseURL): Promise<RawResponse> =>
	send(new URL(path, base).href, { from });

const errorOf = (r: RawResponse): string => (JSON.parse(r.text) as { error: string }).error;

describe('unknown parameters', () => {
	const endpoints = [
		'/api/v1/values?indicator=online_uptake&period=2024-03&level=commune',
		'/api/v1/series?indicator=online_uptake&unit=03388',
		'/api/v1/priorities?parent=12&period=2024-03',
		'/api/v1/units?level=district',
		'/api/v1/indicators',
		'/api/v1/geometry?level=district&at=2024-01-01'
	];

	it.each(endpoints)('%s with a random extra parameter is a 400 naming it', async (path) => {
		const name = `x${Math.random().toString(36).slice(2, 10)}`;
		const r = await get(`${path}${path.includes('?') ? '&' : '?'}${name}=1`);
		expect(r.status, r.text).toBe(400);
		expect(r.headers['content-type']).toMatch(/json/);
		expect(errorOf(r)).toContain(`"${name}"`);
	});

	it('answers a parameter given twice with a 400 naming it', async () => {
		const r = await get('/api/v1/values?indicator=online_uptake&period=2024-03&period=2024-04');
		expect(r.status).toBe(400);
		expect(errorOf(r)).toContain('"period"');
	});
});

describe('one cache entry per parsed view', () => {
	it('serves another order, and the defaults spelled out, from the cache', async () => {
		// A view no other test asks for, so the first request is the miss.
		const first = await get('/api/v1/values?indicator=transparency_rate&period=2023-H2');
		expect(first.status, first.text).toBe(200);
		expect(first.headers['x-cache']).toBe('miss');
		for (const same of [
			'/api/v1/values?period=2023-H2&indicator=transparency_rate',
			'/api/v1/values?level=commune&period=2023-H2&indicator=transparency_rate',
			'/api/v1/values?format=json&indicator=transparency_rate&level=commune&period=2023-H2',
			'/api/v1/values?indicator=transparency_rate&period=2023-H2&parent=&as_of='
		]) {
			const r = await get(same);
			expect(r.status, same).toBe(200);
			expect(r.headers['x-cache'], same).toBe('hit');
			expect(r.headers.etag).toBe(first.headers.etag);
			expect(r.text).toBe(first.text);
		}
	});

	it('keeps the rows of /api/v1/values as they were', async () => {
		const r = await get('/api/v1/values?indicator=online_uptake&period=2024-03&level=district');
		expect(r.status).toBe(200);
		const body = JSON.parse(r.text) as { indicator: string; level: string; rows: unknown[] };
		expect(body.indicator).toBe('online_uptake');
		expect(body.level).toBe('district');
		expect(body.rows.length).toBeGreaterThan(0);
		expect(Object.keys(body.rows[0] as object)).toEqual(
			expect.arrayContaining(['unit_code', 'unit_name', 'value', 'rank', 'valid_from', 'era'])
		);
	});

	it('fills the series defaults (grain, format) into the key', async () => {
		const first = await get('/api/v1/series?indicator=fiber_coverage&unit=03390&from=2023-01');
		expect(first.status, first.text).toBe(200);
		const r = await get(
			'/api/v1/series?grain=month&unit=03390&format=json&from=2023-01&indicator=fiber_coverage'
		);
		expect(r.headers['x-cache']).toBe('hit');
		expect(r.text).toBe(first.text);
	});

	it('leaves tracking tags out of a public page and its cache key', async () => {
		const view = 'indicator=digital_skills&period=2023-Q4&level=district';
		const first = await get(`/?${view}`);
		expect(first.status).toBe(200);
		const tagged = await get(`/?utm_source=zalo&${view}&fbclid=abc123&level=district`);
		expect(tagged.status).toBe(200);
		expect(tagged.headers['x-cache']).toBe('hit');
		expect(tagged.text).toBe(first.text);
		// Nor does a tag reach the links of a page rendered with one.
		const unit = await get('/units/03388?period=2023-Q4&utm_campaign=share');
		expect(unit.status).toBe(200);
		expect(unit.text).not.toContain('utm_campaign');
		const again = await get('/units/03388?utm_medium=x&period=2023-Q4');
		expect(again.headers['x-cache']).toBe('hit');
	});

	it('renders a page with an invalid parameter once for every invalid value', async () => {
		const first = await get('/?indicator=online_uptake&period=not-a-period&level=commune');
		expect(first.status).toBe(200);
		expect(first.text).toContain('period');
		const other = await get('/?indicator=online_uptake&period=also-wrong&level=commune');
		expect(other.headers['x-cache']).toBe('hit');
		expect(other.text).not.toContain('also-wrong');
	});

	it('still serves every parameter the pages link with', async () => {
		for (const path of [
			'/?indicator=online_uptake&period=2024-03&level=commune&sort=-value&rows=all&lang=en',
			'/?indicator=online_uptake&period=2025-Q3&level=commune&as_of=2025-07-01',
			'/units/03618?period=2024-Q3&indicator=on_time_rate&at=2025-06-30&lang=en',
			'/api/v1/values?indicator=online_uptake&period=2024-03&level=commune&format=csv',
			'/api/v1/values?indicator=online_uptake&period=2024-03&level=commune&format=geojson&as_of=2024-12-31',
			'/api/v1/series?indicator=online_uptake&unit=03618&format=csv&at=2025-06-30',
			'/api/v1/series?indicator=online_uptake&unit=03388&from=2023-01&to=2023-12&grain=quarter',
			'/api/v1/priorities?parent=12&period=2024&lang=en&format=csv',
			'/api/v1/units?level=commune&parent=12&at=2024-01-01&format=csv',
			'/api/v1/units?q=muong+than',
			'/api/v1/indicators?format=csv',
			'/api/v1/geometry?level=commune&period=2024-03&format=binary',
			'/search?q=than'
		]) {
			const r = await get(path);
			expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
		}
	});
});

describe('misses per client address', () => {
	let server: RunningServer;
	beforeAll(async () => {
		// Three misses at once, then one every ten seconds: a flood is refused within a few requests.
		server = await startServer({ NEW_VIEWS_BURST: '3', NEW_VIEWS_RATE: '0.1' });
	}, 180_000);
	afterAll(async () => {
		await server?.stop();
	});

	const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);

	it('refuses a flood of distinct views from one address with 429 and Retry-After', async () => {
		const flooder = '127.0.0.90';
		const answers: RawResponse[] = [];
		for (const month of months)
			answers.push(
				await get(
					`/api/v1/values?indicator=online_uptake&period=${month}&level=district`,
					flooder,
					server.url
				)
			);
		expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
		const refused = answers.filter((r) => r.status === 429);
		expect(refused.length).toBeGreaterThanOrEqual(8);
		expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
		expect(errorOf(refused[0])).toMatch(/too many/i);

		// A view already in the cache is still served to the flooder…
		const hit = await get(
			'/api/v1/values?indicator=online_uptake&period=2023-01&level=district',
			flooder,
			server.url
		);
		expect(hit.status).toBe(200);
		// …and another reader's new view is computed.
		const other = await get(
			'/api/v1/values?indicator=online_uptake&period=2023-12&level=district',
			'127.0.0.91',
			server.url
		);
		expect(other.status, other.text).toBe(200);

		// A page the flooder has not seen is a readable 429 too.
		const page = await get(
			'/?indicator=on_time_rate&period=2023-05&level=district',
			flooder,
			server.url
		);
		expect(page.status).toBe(429);
		expect(page.headers['retry-after']).toBeDefined();
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.text).toMatch(/<html lang="vi">/);
		expect(page.headers['x-content-type-options']).toBe('nosniff');
	});

	it('counts a page once, not again for the figures it reads in-process', async () => {
		const reader = '127.0.0.92';
		for (const month of ['2023-02', '2023-03', '2023-04']) {
			const r = await get(
				`/?indicator=on_time_rate&period=${month}&level=district`,
				reader,
				server.url
			);
			expect(r.status, month).toBe(200);
		}
	});
});
