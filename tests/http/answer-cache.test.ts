/**
 * Cached public answers over HTTP (http/answer-cache.ts, the `cachedPublic` hook), against the
 * built server: content negotiation (brotli once it is made, gzip, identity) with exact lengths,
 * 304 on If-None-Match, HEAD, errors never cached, and an approval visible on the very next
 * request, conditional or not, signed in or not, in the API's answers and the public page.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { rawGet, type RawResponse } from '../../scripts/bench/raw-get.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TEST_USERS, UNIT, send, signIn } from '../support/test-users.ts';

const baseURL = inject('baseURL');

/** A GET (or HEAD) that keeps the bytes as sent: no decompression. */
const raw = (
	path: string,
	headers: Record<string, string> = {},
	method: 'GET' | 'HEAD' = 'GET'
): Promise<RawResponse> => rawGet(new URL(path, baseURL).toString(), headers, method);

const decode = (r: RawResponse): string => {
	const enc = r.headers['content-encoding'];
	const bytes =
		enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body;
	return bytes.toString('utf8');
};

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const VALUES = '/api/v1/values?indicator=online_uptake&period=2024-03&level=commune';

describe('content negotiation', () => {
	it('sends brotli to a browser once it is made, gzip or identity otherwise, all the same JSON', async () => {
		const identity = await raw(VALUES);
		expect(identity.status).toBe(200);
		expect(identity.headers['content-encoding']).toBeUndefined();
		expect(Number(identity.headers['content-length'])).toBe(identity.body.length);
		const json = identity.body.toString('utf8');
		expect(JSON.parse(json).rows.length).toBeGreaterThan(100);

		let br = await raw(VALUES, BROWSER);
		for (let i = 0; i < 100 && br.headers['content-encoding'] !== 'br'; i++) {
			// Until the background job is done, gzip is served.
			expect(br.headers['content-encoding']).toBe('gzip');
			await new Promise((done) => setTimeout(done, 50));
			br = await raw(VALUES, BROWSER);
		}
		expect(br.headers['content-encoding']).toBe('br');
		expect(Number(br.headers['content-length'])).toBe(br.body.length);
		expect(br.headers.vary).toMatch(/Accept-Encoding/i);
		expect(br.headers['x-content-type-options']).toBe('nosniff');
		expect(br.headers['cache-control']).toMatch(/public/);
		expect(decode(br)).toBe(json);

		const gz = await raw(VALUES, { 'accept-encoding': 'gzip, deflate' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
		expect(decode(gz)).toBe(json);
		expect(br.body.length).toBeLessThan(gz.body.length);

		// The same ETag whatever the encoding; parameters in another order are the same answer.
		const swapped = await raw(
			'/api/v1/values?level=commune&period=2024-03&indicator=online_uptake',
			BROWSER
		);
		expect(swapped.headers.etag).toBe(identity.headers.etag);
		expect(decode(swapped)).toBe(json);
	});

	it('answers a hit before any session work: no Set-Cookie, even for a stale session', async () => {
		await raw(VALUES, BROWSER);
		const hit = await raw(VALUES, { ...BROWSER, cookie: 'xaso_session=stale-or-forged' });
		expect(hit.status).toBe(200);
		// A shared cache may store it; the stale cookie is cleared by the next page instead.
		expect(hit.headers['set-cookie']).toBeUndefined();
		expect(hit.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	});

	it('keeps a public page as anonymous visitors get it, and renders it afresh for a session', async () => {
		const page = '/?indicator=online_uptake&period=2024-03&level=commune';
		// Only the cache makes brotli (pages rendered per request are gzipped as they stream).
		let br = await raw(page, BROWSER);
		for (let i = 0; i < 100 && br.headers['content-encoding'] !== 'br'; i++) {
			await new Promise((done) => setTimeout(done, 50));
			br = await raw(page, BROWSER);
		}
		expect(br.status).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(Number(br.headers['content-length'])).toBe(br.body.length);
		expect(br.headers['content-security-policy']).toMatch(/script-src/);
		// Shared caches may keep it briefly, as they may the API's answers; browsers revalidate.
		expect(br.headers['cache-control']).toBe(
			'public, max-age=0, s-maxage=60, stale-while-revalidate=300'
		);
		const html = decode(br);
		expect(html).toMatch(/^<!doctype html>/i);
		expect(decode(await raw(page, { 'accept-encoding': 'gzip' }))).toBe(html);
		// A client-side navigation's data request is its own answer, not the page.
		const data = await raw(
			`/__data.json?indicator=online_uptake&period=2024-03&level=commune`,
			BROWSER
		);
		expect(data.status).toBe(200);
		expect(decode(data)).toMatch(/^\{"type":"data"/);
		// With a session cookie the page is rendered for the request (and the stale cookie cleared).
		const signed = await raw(page, { ...BROWSER, cookie: 'xaso_session=stale-or-forged' });
		expect(signed.status).toBe(200);
		expect(signed.headers['content-encoding']).toBe('gzip');
		expect(String(signed.headers['set-cookie'])).toMatch(/xaso_session=;/);
		expect(signed.headers['cache-control']).toBe('private, no-store');
		// A unit that does not exist is a 404 no shared cache is told to keep.
		const missing = await raw('/units/99999', BROWSER);
		expect(missing.status).toBe(404);
		expect(missing.headers['cache-control']).toBeUndefined();
	});

	it('answers HEAD with the headers only', async () => {
		const get = await raw(VALUES, { 'accept-encoding': 'gzip' });
		const head = await raw(VALUES, { 'accept-encoding': 'gzip' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body.length).toBe(0);
		expect(head.headers['content-length']).toBe(get.headers['content-length']);
		expect(head.headers.etag).toBe(get.headers.etag);
	});

	it('answers 304 to If-None-Match, strong or weak', async () => {
		const first = await raw(VALUES, BROWSER);
		const etag = String(first.headers.etag);
		expect(etag).toMatch(/^".+"$/);
		for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
			const again = await raw(VALUES, { ...BROWSER, 'if-none-match': tag });
			expect(again.status, tag).toBe(304);
			expect(again.body.length).toBe(0);
			expect(again.headers.etag).toBe(etag);
		}
		expect((await raw(VALUES, { ...BROWSER, 'if-none-match': '"other"' })).status).toBe(200);
	});

	it('caches no error: a bad query is a 4xx with a message every time', async () => {
		for (let i = 0; i < 2; i++) {
			const bad = await raw('/api/v1/values?indicator=nope&period=2024-03', BROWSER);
			expect(bad.status).toBe(404);
			expect(JSON.parse(decode(bad)).error).toMatch(/nope/);
			const period = await raw('/api/v1/series?indicator=online_uptake&unit=03388&from=x');
			expect(period.status).toBe(400);
		}
	});
});

describe('invalidation', () => {
	let admin = '';
	let editor = '';
	let approver = '';
	beforeAll(async () => {
		admin = (await signIn(baseURL, TEST_USERS.admin.email)).cookie;
		editor = (await signIn(baseURL, TEST_USERS.editor.email)).cookie;
		approver = (await signIn(baseURL, TEST_USERS.approver.email)).cookie;
	});

	const post = (path: string, body: unknown, cookie: string) =>
		send(new URL(path, baseURL).href, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json', origin: baseURL, cookie }
		});

	it('an approval is visible on the very next request, and changes the ETag', async () => {
		// A demo month, put back at the end so that other files read the demo figures.
		const month = '2024-05';
		const path = `/api/v1/values?indicator=dossier_volume&period=${month}&level=commune`;
		const report = async () =>
			JSON.parse(
				(
					await send(new URL(`/api/v1/reports/${UNIT}/${month}`, baseURL).href, {
						headers: { cookie: admin }
					})
				).text
			) as { token: string; approved: Record<string, number> };
		const read = async (headers: Record<string, string> = {}) => {
			const r = await raw(path, { ...BROWSER, ...headers });
			const value =
				r.status === 200
					? (JSON.parse(decode(r)).rows as { unit_code: string; value: number }[]).find(
							(row) => row.unit_code === UNIT
						)!.value
					: null;
			return { status: r.status, etag: String(r.headers.etag), value };
		};
		const approve = async (value: number) => {
			const submitted = await post(
				`/api/v1/reports/${UNIT}/${month}`,
				{
					action: 'submit',
					token: (await report()).token,
					values: { dossiers_received: value },
					confirm_jumps: true
				},
				editor
			);
			expect(submitted.status, submitted.text).toBe(200);
			const approved = await post(
				`/api/v1/reports/${UNIT}/${month}`,
				{ action: 'approve', token: (await report()).token },
				approver
			);
			expect(approved.status, approved.text).toBe(200);
		};

		// The public map page of the same view, as an anonymous visitor gets it.
		const page = `/?indicator=dossier_volume&period=${month}&level=commune`;
		const readPage = async (headers: Record<string, string> = {}) => {
			const r = await raw(page, { ...BROWSER, ...headers });
			return {
				status: r.status,
				etag: String(r.headers.etag),
				html: r.status === 200 ? decode(r) : ''
			};
		};

		const original = (await report()).approved.dossiers_received;
		const before = await read();
		expect(before.value).toBe(original);
		// Cached now: the same answer, signed in or not, and a 304 for the ETag.
		expect((await read({ cookie: editor })).etag).toBe(before.etag);
		expect((await read({ 'if-none-match': before.etag })).status).toBe(304);
		const pageBefore = await readPage();
		expect(pageBefore.status).toBe(200);
		expect(pageBefore.html).toContain('<html lang="vi">');
		expect((await readPage()).etag).toBe(pageBefore.etag);
		expect((await readPage({ 'if-none-match': pageBefore.etag })).status).toBe(304);

		await approve(original + 1);
		const conditional = await read({ 'if-none-match': before.etag });
		expect(conditional.status).toBe(200);
		expect(conditional.value).toBe(original + 1);
		expect(conditional.etag).not.toBe(before.etag);
		expect((await read({ cookie: editor })).value).toBe(original + 1);
		// The page is rendered again for the new figures: a new ETag, a 200 to the old one.
		const pageAfter = await readPage({ 'if-none-match': pageBefore.etag });
		expect(pageAfter.status).toBe(200);
		expect(pageAfter.etag).not.toBe(pageBefore.etag);
		expect(pageAfter.html).not.toBe(pageBefore.html);

		await approve(original);
		expect((await read()).value).toBe(original);
	});
});
