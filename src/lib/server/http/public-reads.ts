/**
 * The requests a read replica may serve (db/replica.ts, `DATABASE_READ_URL`): anonymous GETs of
 * the public API's read endpoints and the public pages. Signed-in requests (editors checking what
 * they just approved), sign-in, the editor pages and every write go to the primary.
 */
import type { Handle } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { SESSION_COOKIE } from '../auth/session.ts';
import { publicRead } from '../queries/data-version.ts';
import { CACHED_API, CACHED_PAGES } from './public-params.ts';

/** Route ids whose GETs only read public data. */
export const PUBLIC_READ_ROUTES: ReadonlySet<string> = new Set([
	...Object.keys(CACHED_API),
	...Object.keys(CACHED_PAGES),
	'/api/v1/units',
	'/api/v1/geometry',
	'/api/v1/indicators',
	'/search',
	'/methodology'
]);

/** The handle: a public read is served by the replica when there is one (and it is current). */
export const publicReads: Handle = async ({ event, resolve }) => {
	const method = event.request.method;
	if (
		(method !== 'GET' && method !== 'HEAD') ||
		!event.route.id ||
		!PUBLIC_READ_ROUTES.has(event.route.id) ||
		event.cookies.get(SESSION_COOKIE)
	)
		return resolve(event);
	return publicRead(await ready(), async () => resolve(event));
};
