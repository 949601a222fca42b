/**
 * Sessions: a random 32-byte token (base64url) in an HttpOnly, SameSite=Lax cookie (Secure on
 * https); the database keeps only its SHA-256, so a leaked table cannot be replayed. A session
 * ends after 2 hours without a request or 12 hours after sign-in, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Executor } from '../db/index.ts';
import type { SessionUser } from './types.ts';

export const SESSION_COOKIE = 'xaso_session';
export const IDLE_TIMEOUT_S = 2 * 60 * 60;
export const ABSOLUTE_TIMEOUT_S = 12 * 60 * 60;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_AFTER_S = 60;

/** A new random token: 32 bytes, base64url. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) under which a token is stored. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Creates a session for a user and returns its token; also sweeps ended sessions. */
export async function createSession(db: Executor, userId: number): Promise<string> {
	await db.run(sql`delete from sessions where expires_at <= now()
		or last_seen_at <= now() - make_interval(secs => ${IDLE_TIMEOUT_S})`);
	const token = newToken();
	await db.run(sql`insert into sessions (token_hash, user_id, expires_at)
		values (${tokenHash(token)}, ${userId}, now() + make_interval(secs => ${ABSOLUTE_TIMEOUT_S}))`);
	return token;
}

/** The user of a live session, refreshing its idle clock; null (and the row gone) otherwise. */
export async function sessionUser(db: Executor, token: string): Promise<SessionUser | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const hashValue = tokenHash(token);
	const [row] = await db.rows<SessionUser & { stale: boolean }>(sql`
		select u.id, u.email, u.display_name as "displayName", u.role, u.unit_code as "unitCode",
			s.last_seen_at <= now() - make_interval(secs => ${TOUCH_AFTER_S}) as stale
		from sessions s join users u on u.id = s.user_id
		where s.token_hash = ${hashValue} and s.expires_at > now()
			and s.last_seen_at > now() - make_interval(secs => ${IDLE_TIMEOUT_S}) and not u.disabled`);
	if (!row) {
		await db.run(sql`delete from sessions where token_hash = ${hashValue}`);
		return null;
	}
	if (row.stale)
		await db.run(sql`update sessions set last_seen_at = now() where token_hash = ${hashValue}`);
	return {
		id: Number(row.id),
		email: row.email,
		displayName: row.displayName,
		role: row.role,
		unitCode: row.unitCode
	};
}

/** Ends one session. */
export async function deleteSession(db: Executor, token: string): Promise<void> {
	await db.run(sql`delete from sessions where token_hash = ${tokenHash(token)}`);
}

/** Ends every session of a user (disabling, password change). */
export async function deleteUserSessions(db: Executor, userId: number): Promise<number> {
	return db.run(sql`delete from sessions where user_id = ${userId}`);
}

/** Sets the session cookie; Secure whenever the site is served over https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ABSOLUTE_TIMEOUT_S
	});
}

/** Removes the session cookie. */
export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}
