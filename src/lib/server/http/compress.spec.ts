import { describe, expect, it } from 'vitest';
import { acceptsGzip, maybeCompress, preferredEncoding } from './compress.ts';

describe('acceptsGzip', () => {
	it.each(['gzip', 'br, gzip, deflate', 'gzip;q=0.5', '*'])('%s accepts it', (header) => {
		expect(acceptsGzip(header)).toBe(true);
	});
	it.each([null, '', 'gzip;q=0', 'identity'])('%s does not', (header) => {
		expect(acceptsGzip(header)).toBe(false);
	});
});

describe('preferredEncoding', () => {
	it.each([
		[null, null],
		['', null],
		['gzip, deflate, br', 'br'],
		['gzip, deflate, br, zstd', 'br'],
		['gzip, deflate', 'gzip'],
		['br;q=0.5, gzip', 'gzip'],
		['br, gzip;q=0.9', 'br'],
		['br;q=0, gzip;q=0', null],
		['*', 'br'],
		['*;q=0, gzip', 'gzip'],
		['x-gzip', 'gzip'],
		['BR', 'br'],
		['br;q=junk, gzip', 'gzip'],
		['identity', null]
	])('%s with both offered → %s', (header, expected) => {
		expect(preferredEncoding(header, { br: true, gzip: true })).toBe(expected);
	});

	it.each([
		['gzip, deflate, br', 'gzip'],
		['br', null]
	])('%s with only gzip offered → %s', (header, expected) => {
		expect(preferredEncoding(header, { br: false, gzip: true })).toBe(expected);
	});
});

describe('maybeCompress', () => {
	const big = 'Xã Mường Than '.repeat(500);
	const request = (enc: string | null, method = 'GET') =>
		new Request('http://x/', { method, headers: enc ? { 'accept-encoding': enc } : {} });
	const response = (body: string, type = 'text/html; charset=utf-8') =>
		new Response(body, { headers: { 'content-type': type } });

	it('gzips a large page and the bytes round-trip', async () => {
		const out = maybeCompress(request('gzip'), response(big));
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(out.headers.get('vary')).toContain('Accept-Encoding');
		const compressed = new Uint8Array(await out.arrayBuffer());
		expect(compressed.length).toBeLessThan(new TextEncoder().encode(big).length / 4);
		const back = await new Response(
			new Blob([compressed]).stream().pipeThrough(new DecompressionStream('gzip'))
		).text();
		expect(back).toBe(big);
	});

	it.each([
		['no accept-encoding', request(null), response(big)],
		['binary type', request('gzip'), response(big, 'image/png')],
		['HEAD', request('gzip', 'HEAD'), response(big)]
	])('leaves it alone: %s', (_name, req, res) => {
		expect(maybeCompress(req, res).headers.get('content-encoding')).toBeNull();
	});

	it('leaves small bodies with a known length alone', () => {
		const res = new Response('tiny', {
			headers: { 'content-type': 'application/json', 'content-length': '4' }
		});
		expect(maybeCompress(request('gzip'), res).headers.get('content-encoding')).toBeNull();
	});
});
