import { describe, expect, it } from 'vitest';
import { acceptsGzip, maybeCompress, preferredEncoding } from './compress.ts';

describe('acceptsGzip', () => {
	it.each([
		[null, false],
		['', false],
		['gzip', true],
		['br, gzip, deflate', true],
		['gzip;q=0', false],
		['gzip;q=0.5', true],
		['identity', false],
		['*', true]
	])('%s → %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});
});

describe('preferredEncoding', () => {
	const both = { br: true, gzip: true };
	it.each([
		[null, both, null],
		['', both, null],
		['gzip, deflate, br', both, 'br'],
		['gzip, deflate, br, zstd', both, 'br'],
		['gzip, deflate', both, 'gzip'],
		['br;q=0.5, gzip', both, 'gzip'],
		['br, gzip;q=0.9', both, 'br'],
		['br;q=0, gzip;q=0', both, null],
		['*', both, 'br'],
		['*;q=0, gzip', both, 'gzip'],
		['x-gzip', both, 'gzip'],
		['BR', both, 'br'],
		['br;q=junk, gzip', both, 'gzip'],
		['gzip, deflate, br', { br: false, gzip: true }, 'gzip'],
		['br', { br: false, gzip: true }, null],
		['identity', both, null]
	] as const)('%s with %o → %s', (header, available, expected) => {
		expect(preferredEncoding(header, available)).toBe(expected);
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
