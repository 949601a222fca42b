/**
 * Server hooks: the store is opened, migrated and seeded in `init`, before the first request;
 * every response gets security headers and (unless `LOG_REQUESTS=0`) one log line; unexpected
 * errors are logged here and reach the client only as a generic message. A public answer already
 * in the answer cache is sent before any per-user work (session, cookies).
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { ready } from '$lib/server/app';
import { closeStore } from '$lib/server/db';
import { auth } from '$lib/server/auth/handle';
import { maybeCompress } from '$lib/server/http/compress';
import { localOrigin } from '$lib/server/http/local-origin';
import { cachedAnswer, cachedHit } from '$lib/server/http/answer-cache';
import { CACHED_API, CACHED_PAGES } from '$lib/server/http/public-params';
import { apiKey, refusedMiss } from '$lib/server/http/public-answer';
import { canonicalPage } from '$lib/server/http/page-key';
import { localeOf } from '$lib/i18n';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { PUBLIC_CACHE } from '$lib/server/http/respond';
import { dataVersion } from '$lib/server/queries/data-version';
import { controlInUrl } from '$lib/server/http/control-chars';
import { databaseUnavailable } from '$lib/server/http/db-unavailable';
import { publicReads } from '$lib/server/http/public-reads';
import { noteFailure } from '$lib/server/http/db-failure';
import { reportMemoryOnSignal } from '$lib/server/memory-report';

export const init: ServerInit = async () => {
	await ready();
};

// adapter-node does not exit on SIGTERM while PGlite or postgres.js sockets are open: it emits
// this event once the HTTP server has closed, and we close the store. The flag keeps a re-evaluated
// module (dev server reloads) from adding a second listener.
const shutdownFlag = Symbol.for('xaso.shutdown-listener');
const registry = globalThis as typeof globalThis & { [shutdownFlag]?: boolean };
if (!registry[shutdownFlag]) {
	registry[shutdownFlag] = true;
	process.on('sveltekit:shutdown', async (reason: unknown) => {
		try {
			await closeStore();
		} catch (error) {
			console.error(`closing the store on shutdown (${String(reason)}) failed:`, error);
		}
	});
	// The bench's soak reads the server's memory this way (off unless the variable is set).
	reportMemoryOnSignal(process.env.XASO_MEMORY_REPORT);
}

const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
	// For browsers without CSP frame-ancestors (svelte.config.js says 'self' to the others).
	'X-Frame-Options': 'SAMEORIGIN'
};

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS);

/** Pages made to be framed by any site (issue 15): `/embed/map`, `/embed/chart`. */
const isEmbed = (routeId: string | null) => routeId?.startsWith('/embed/') ?? false;

/**
 * An embed page may be framed from anywhere: `frame-ancestors *` in its CSP and no
 * X-Frame-Options. It holds public figures only and no form or session action.
 */
function allowFraming(headers: Headers) {
	headers.delete('X-Frame-Options');
	const csp = headers.get('content-security-policy');
	if (csp)
		headers.set(
			'content-security-policy',
			csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *')
		);
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const english = event.url.searchParams.get('lang') === 'en';
	let response = await resolve(event, {
		// Pages are Vietnamese first; `?lang=en` pages say so to screen readers and search engines.
		transformPageChunk: english
			? ({ html }) => html.replace('<html lang="vi">', '<html lang="en">')
			: undefined
	});
	try {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	} catch {
		// A response passed through from fetch() has immutable headers: copy it first.
		response = new Response(response.body, response);
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	}
	if (isEmbed(event.route.id)) allowFraming(response.headers);
	return response;
};

/**
 * A control character in the path or a query parameter (NUL, CR, LF…) is a 400 naming where it
 * was, before any route sees it: PostgreSQL refuses NUL in text and Node refuses CR/LF in
 * headers, which would otherwise end in a 500. The API answers `{ error }` as everywhere else.
 */
const controlCharacters: Handle = async ({ event, resolve }) => {
	const problem = controlInUrl(event.url);
	if (!problem) return resolve(event);
	const api = event.url.pathname.startsWith('/api/');
	return new Response(api ? JSON.stringify({ error: problem }) : problem, {
		status: 400,
		headers: {
			...SECURITY_HEADERS,
			'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
			'cache-control': 'no-store'
		}
	});
};

/**
 * A cached public answer (the API endpoints of `CACHED_API`) is the same for everyone: it is sent
 * from here, without reading the session (a database query when a cookie is present),
 * compressing or copying anything. Its key is that of its declared parameters
 * (http/public-params.ts). A miss, parameters the endpoint refuses, or any trouble reading the
 * data version go the normal way, where the endpoint handles them.
 */
const cachedPublic: Handle = async ({ event, resolve }) => {
	const schema = event.route.id ? CACHED_API[event.route.id] : undefined;
	if (event.request.method === 'GET' && schema) {
		let hit: Response | null = null;
		try {
			hit = cachedHit(
				event.request,
				apiKey(event.url, schema).key,
				await dataVersion(await ready()),
				SECURITY_HEADER_LIST
			);
		} catch {
			// The endpoint parses again and reports a bad parameter or a failure as JSON.
		}
		if (hit) return hit;
	}
	return resolve(event);
};

/**
 * A public page is the same for every visitor who is not signed in: its rendering (HTML or, for
 * a client-side navigation, `__data.json`) is kept per data version like an API answer, so a
 * national map page is rendered and compressed once per change of the figures, not once per
 * visitor (docs/SCALING.md: 630 ms for its first rendering, 55–75 ms after, 165–230 ms to the
 * first byte under the bench's cold loads). Its ETag then lets a second visit end in a 304, and
 * it says so to shared caches as the API does (`PUBLIC_CACHE`). Signed-in requests render as
 * before and are marked private. Sits inside `compression`, which leaves the cache's
 * already-encoded answers alone, and outside `auth`, whose session lookup a hit skips.
 */
const cachedPages: Handle = async ({ event, resolve }) => {
	const schema = event.route.id ? CACHED_PAGES[event.route.id] : undefined;
	if (event.request.method !== 'GET' || !schema) return resolve(event);
	// Rendered from its canonical query, for everyone: see public-params.ts and page-key.ts.
	const key = canonicalPage(event, schema);
	if (event.cookies.get(SESSION_COOKIE))
		return withCacheControl(await resolve(event), 'private, no-store');
	return cachedAnswer(
		event.request,
		key,
		await dataVersion(await ready()),
		async () => {
			const response = await resolve(event);
			// Only a page is for shared caches to keep: not a missing unit or a failure.
			return response.status === 200 ? withCacheControl(response, PUBLIC_CACHE) : response;
		},
		() => {
			// Sent from outside `securityHeaders`: it gets them here.
			const refused = refusedMiss(event, localeOf(event.url));
			if (refused)
				for (const [name, value] of SECURITY_HEADER_LIST) refused.headers.set(name, value);
			return refused;
		}
	);
};

/** The response with this Cache-Control, unless it has one of its own. */
function withCacheControl(response: Response, value: string): Response {
	if (response.headers.has('cache-control')) return response;
	try {
		response.headers.set('cache-control', value);
		return response;
	} catch {
		// A response passed through from fetch() has immutable headers: copy it first.
		const copy = new Response(response.body, response);
		copy.headers.set('cache-control', value);
		return copy;
	}
}

/**
 * SvelteKit repeats every <link rel="modulepreload"> and stylesheet preload of a page's head as a
 * `Link` header: ~2 KB of header per page, never compressed on HTTP/1.1, for hints the head
 * already gives as early (the head is the first chunk sent). Dropped (issue 15, item 6: page
 * weight); inside `cachedPages`, so the cached copies go without it too.
 */
const noPreloadHeader: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.headers.get('x-sveltekit-page') === 'true' && response.headers.has('link')) {
		try {
			response.headers.delete('link');
		} catch {
			// Immutable headers (a response passed through from fetch()): leave them as they are.
		}
	}
	return response;
};

/** Gzips pages and API answers when the client accepts it (see http/compress.ts). */
const compression: Handle = async ({ event, resolve }) =>
	maybeCompress(event.request, await resolve(event));

const logRequests = process.env.LOG_REQUESTS !== '0';

const logging: Handle = async ({ event, resolve }) => {
	if (!logRequests) return resolve(event);
	const started = performance.now();
	const response = await resolve(event);
	const ms = Math.round(performance.now() - started);
	console.log(`${event.request.method} ${event.url.pathname} ${response.status} ${ms}ms`);
	return response;
};

// Logging and headers wrap auth, so its early refusals (403 for cross-site API writes) are logged
// and carry the security headers too. Control characters are refused right after logging (with
// the headers of their own), and cached public answers leave right after that.
export const handle: Handle = sequence(
	logging,
	// Outside everything that reads the store, so that their failures become 503s too.
	databaseUnavailable(SECURITY_HEADER_LIST),
	controlCharacters,
	localOrigin,
	// Anonymous public reads may be served by a read replica (DATABASE_READ_URL) from here on.
	publicReads,
	cachedPublic,
	compression,
	cachedPages,
	noPreloadHeader,
	securityHeaders,
	auth
);

/** Logs the error with its stack on the server; the client gets SvelteKit's generic message. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	noteFailure(event.request, error);
	console.error(`${event.request.method} ${event.url.pathname} failed (${status}):`, error);
	return { message: status >= 500 ? 'Internal Error' : message };
};
