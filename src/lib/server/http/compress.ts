/**
 * Gzip for dynamic text responses (pages, JSON, GeoJSON, CSV). adapter-node only serves
 * precompressed static files; on a slow mountain connection the page HTML and the figures
 * shrink four- to eightfold. Small bodies and already-encoded responses are left alone.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|javascript)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

/** True when the client accepts gzip (an explicit q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [name, ...params] = part.trim().split(';');
		if (name.trim().toLowerCase() !== 'gzip' && name.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
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
