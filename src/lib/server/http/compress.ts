/**
 * Gzip for dynamic text responses (pages, JSON, GeoJSON, CSV). adapter-node only serves
 * precompressed static files; on a slow mountain connection the page HTML and the figures
 * shrink four- to eightfold. Small bodies and already-encoded responses are left alone.
 * (Cached public answers are compressed once, with brotli too: see answer-cache.ts.)
 */
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|javascript)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/**
 * The q-value the client gives each of our encodings (RFC 9110 §12.5.3): a named coding takes
 * its own q, `*` covers those not named, absent means not acceptable. An unparsable q counts as 0.
 */
function qualities(acceptEncoding: string): Record<Encoding, number> {
	let known = parsed.get(acceptEncoding);
	if (!known) {
		// Clients send a handful of distinct headers: remember them (bounded).
		if (parsed.size >= 256) parsed.clear();
		known = parse(acceptEncoding);
		parsed.set(acceptEncoding, known);
	}
	return known;
}

const parsed = new Map<string, Record<Encoding, number>>();

function parse(acceptEncoding: string): Record<Encoding, number> {
	const named: Partial<Record<Encoding | '*', number>> = {};
	for (const part of acceptEncoding.split(',')) {
		const [rawName, ...params] = part.split(';');
		const name = rawName.trim().toLowerCase();
		if (name !== 'br' && name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
		let q = 1;
		for (const p of params) {
			const [k, v] = p.split('=');
			if (k.trim().toLowerCase() === 'q') {
				q = Number(v?.trim());
				if (!Number.isFinite(q) || q < 0 || q > 1) q = 0;
			}
		}
		const key = name === 'x-gzip' ? 'gzip' : (name as Encoding | '*');
		named[key] = Math.max(named[key] ?? 0, q);
	}
	const any = named['*'] ?? 0;
	return { br: named.br ?? any, gzip: named.gzip ?? any };
}

/** True when the client accepts gzip (an explicit q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	return !!acceptEncoding && qualities(acceptEncoding).gzip > 0;
}

/**
 * The encoding to send among those `available`: the one the client prefers (highest q), brotli
 * on a tie as it is the smaller; null for the identity.
 */
export function preferredEncoding(
	acceptEncoding: string | null,
	available: { br: boolean; gzip: boolean }
): Encoding | null {
	if (!acceptEncoding || (!available.br && !available.gzip)) return null;
	const q = qualities(acceptEncoding);
	const br = available.br ? q.br : 0;
	const gzip = available.gzip ? q.gzip : 0;
	if (br > 0 && br >= gzip) return 'br';
	return gzip > 0 ? 'gzip' : null;
}

/** The response, gzipped when worthwhile and accepted. */
export function maybeCompress(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	const length = Number(response.headers.get('content-length') ?? NaN);
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		(Number.isFinite(length) && length < MIN_BYTES) ||
		!acceptsGzip(request.headers.get('accept-encoding'))
	)
		return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
