/**
 * Sessions: a random 32-byte token (base64url) in an HttpOnly, SameSite=Lax cookie (Secure on
 * https); the database keeps only its SHA-256, so a leaked table cannot be replayed. A session
 * ends after 2 hours without a request or 12 hours after sign-in, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Executor } from '../db/index.ts';
import type { SessionUser } from './types.ts';
import {
	deleteSessionByHash,
	deleteUserSessions,
	insertSession,
	liveSession,
	touchSession
} from '../queries/sessions.ts';

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

const times = { idle: IDLE_TIMEOUT_S, absolute: ABSOLUTE_TIMEOUT_S, touchAfter: TOUCH_AFTER_S };

/** Creates a session for a user and returns its token; also sweeps ended sessions. */
export async function createSession(db: Executor, userId: number): Promise<string> {
	const token = newToken();
	await insertSession(db, tokenHash(token), userId, times);
	return token;
}

/** The user of a live session, refreshing its idle clock; null (and the row gone) otherwise. */
export async function sessionUser(db: Executor, token: string): Promise<SessionUser | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const hash = tokenHash(token);
	const row = await liveSession(db, hash, times);
	if (!row) {
		await deleteSessionByHash(db, hash);
		return null;
	}
	if (row.stale) await touchSession(db, hash);
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
	await deleteSessionByHash(db, tokenHash(token));
}

export { deleteUserSessions };

/** Sets the session cookie; Secure whenever the site is served over https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, authCookie(url, '/', 'lax', ABSOLUTE_TIMEOUT_S));
}

/** The options of a sign-in cookie: never read by scripts, Secure whenever served over https. */
export function authCookie(
	url: URL,
	path: string,
	sameSite: 'lax' | 'strict',
	maxAge: number
): Parameters<Cookies['set']>[2] {
	return { path, httpOnly: true, sameSite, secure: url.protocol === 'https:', maxAge };
}

/** Removes the session cookie. */
export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}
