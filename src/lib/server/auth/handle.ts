/**
 * The `auth` hook: fills `event.locals.user` from the session cookie, and refuses API writes that
 * do not come from this site. SvelteKit's own CSRF check covers form posts (url-encoded,
 * multipart and text/plain bodies) on every route; JSON bodies are outside it, so every POST,
 * PUT, PATCH or DELETE under /api/ must carry an `Origin` header equal to this site's origin
 * (browsers always send it on such requests; scripts must add it). The SameSite=Lax session
 * cookie is a second layer: a cross-site POST arrives without it.
 */
import { json, type Handle } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { logAudit } from '../queries/audit-log.ts';
import { SESSION_COOKIE, clearSessionCookie, sessionUser } from './session.ts';
import { countAnonymousWrite } from './anonymous-writes.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const auth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const store = await ready();
		event.locals.user = await sessionUser(store, token);
		if (!event.locals.user) clearSessionCookie(event.cookies, event.url);
	}
	if (WRITES.has(event.request.method) && event.url.pathname.startsWith('/api/')) {
		const origin = event.request.headers.get('origin');
		if (origin !== event.url.origin) {
			const user = event.locals.user;
			// Nobody signed in: counted, not audited row by row (anonymous-writes.ts).
			if (!user) countAnonymousWrite(event.url.pathname, event.request);
			else
				await logAudit(await ready(), {
					userId: user.id,
					actor: user.email,
					action: 'forbidden',
					detail: {
						method: event.request.method,
						path: event.url.pathname,
						reason: 'cross-site or origin-less API write',
						origin
					}
				});
			return json(
				{ error: `Cross-site API writes are refused: send Origin: ${event.url.origin}` },
				{ status: 403 }
			);
		}
	}
	return resolve(event);
};
