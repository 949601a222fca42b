/**
 * A plain `npm start` serves at http://localhost:PORT (scripts/start.js sets ORIGIN and
 * XASO_LOCAL_ORIGIN). A visitor who typed http://127.0.0.1:PORT instead would have every form
 * refused as cross-site (the browser's Origin is not ORIGIN), so a page they open is sent to the
 * same path on the chosen origin first. Only loopback aliases are redirected: any other Host
 * means the operator publishes the site elsewhere and must set ORIGIN (README).
 */
import type { Handle } from '@sveltejs/kit';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Where a request for `host` + `path` should go instead, or null to serve it here.
 * `origin` is the configured origin, e.g. `http://localhost:3000`.
 */
export function localRedirect(origin: string, host: string | null, path: string): string | null {
	if (!host) return null;
	const wanted = new URL(origin);
	if (host === wanted.host) return null;
	const name = host.replace(/:\d+$/, '');
	const port = host.slice(name.length + 1) || '80';
	if (!LOOPBACK_HOSTS.has(name) || port !== (wanted.port || '80')) return null;
	return wanted.origin + path;
}

const origin = process.env.XASO_LOCAL_ORIGIN === '1' ? process.env.ORIGIN : undefined;

/** Redirects a GET or HEAD on a loopback alias to the local origin (see the module note). */
export const localOrigin: Handle = ({ event, resolve }) => {
	const method = event.request.method;
	if (!origin || (method !== 'GET' && method !== 'HEAD')) return resolve(event);
	const target = localRedirect(
		origin,
		event.request.headers.get('host'),
		event.url.pathname + event.url.search
	);
	return target
		? Promise.resolve(new Response(null, { status: 307, headers: { location: target } }))
		: resolve(event);
};
