/**
 * Server-side authorisation for routes and endpoints: who is signed in, whether the unit is in
 * their scope, whether their role grants the permission. What lies outside the user's area is a
 * 404, as if it did not exist — a 403 would confirm it does (issue 16); a role's refusal inside
 * the area is a 403. Both are logged in audit_log as 'forbidden' with what was attempted; a
 * missing sign-in is a 401 (or, for a page, a redirect).
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { logAudit } from '../queries/audit-log.ts';
import { can, type Permission } from './permissions.ts';
import { inScope } from '../queries/scope.ts';
import { countAnonymousWrite } from './anonymous-writes.ts';
import type { SessionUser } from './types.ts';
import { localeOf, t, type MessageKey } from '../../i18n/index.ts';

/**
 * The signed-in user; 401 for requests that change things (counted, anonymous-writes.ts), a
 * redirect to /signin for pages.
 */
export function requireUser(event: RequestEvent): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (event.request.method === 'GET' || event.request.method === 'HEAD')
		redirect(303, `/signin?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	countAnonymousWrite(event.url.pathname, event.request);
	error(401, 'Sign in to do this.');
}

/**
 * Logs the refusal and answers 403 — or 404 (`hidden`) when the thing lies outside the user's
 * area, as if it did not exist. The log keeps `message` (English); the answer says `shown`, the
 * page's words when a page gives them.
 */
export async function refuse(
	event: RequestEvent,
	message: string,
	detail: Record<string, unknown> = {},
	unit?: { id: number; month?: string | null },
	hidden = false,
	shown = message
): Promise<never> {
	await logRefusal(event, message, hidden ? { status: 404, ...detail } : detail, unit);
	error(hidden ? 404 : 403, shown);
}

/** A refusal's words: English on the API (CONTRACT.md), the page's language on a page. */
const refusalText = (
	event: RequestEvent,
	english: string,
	key: MessageKey,
	params: Record<string, string>
) => (event.url.pathname.startsWith('/api/') ? english : t(localeOf(event.url), key, params));

/** Logs a refused action as 'forbidden' in the audit log (for answers built by hand). */
export async function logRefusal(
	event: RequestEvent,
	message: string,
	detail: Record<string, unknown> = {},
	unit?: { id: number; month?: string | null }
): Promise<void> {
	const user = event.locals.user;
	// Nobody signed in: counted, not audited row by row (anonymous-writes.ts).
	if (!user) return countAnonymousWrite(event.url.pathname, event.request);
	const store = await ready();
	await logAudit(store, {
		userId: user.id,
		actor: user.email,
		action: 'forbidden',
		unitId: unit?.id ?? null,
		month: unit?.month ?? null,
		detail: {
			method: event.request.method,
			path: event.url.pathname,
			action: event.url.search.startsWith('?/') ? event.url.search.slice(2) : undefined,
			role: user.role,
			scope: user.unitCode,
			reason: message,
			...detail
		}
	});
}

const WORDS: Record<Permission, string> = {
	read: 'see',
	edit: 'edit',
	review: 'approve or return',
	audit: 'see the audit log of',
	admin: 'manage users or'
};

/**
 * The signed-in user when, if a unit is given, it is in their scope, and their role grants
 * `permission`; otherwise 401, 404 (outside the area) or 403 (the role), logged.
 */
export async function authorize(
	event: RequestEvent,
	permission: Permission,
	unit?: { id: number; code: string; month?: string | null }
): Promise<SessionUser> {
	const user = requireUser(event);
	if (unit && !(await inScope(await ready(), user, unit.id))) {
		const english = `Unit ${unit.code} is outside your area (${user.unitCode ?? 'none'}).`;
		const params = { code: unit.code, scope: user.unitCode ?? '–' };
		const shown = refusalText(event, english, 'refusal.outside', params);
		return refuse(event, english, { unit_code: unit.code }, unit, true, shown);
	}
	if (!can(user.role, permission)) {
		const english = `Your role (${user.role}) cannot ${WORDS[permission]} reports.`;
		const role = t(localeOf(event.url), `role.${user.role}` as MessageKey);
		const shown = refusalText(event, english, `refusal.role.${permission}`, { role });
		return refuse(event, english, {}, unit, false, shown);
	}
	return user;
}
