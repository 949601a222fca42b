/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): after a
 * successful sign-in the browser gets a signed cookie naming the account. Attempts that present it
 * are throttled in a bucket of their own, so an attacker who hammers an account from elsewhere
 * slows down only attempts without the cookie and never locks the owner out of a browser they
 * have used before. The HMAC key is generated once and kept in `settings`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Executor } from '../db/index.ts';
import { settingOnce } from '../queries/settings.ts';
import { authCookie } from './session.ts';

export const DEVICE_COOKIE = 'xaso_device';
const MAX_AGE_S = 365 * 24 * 60 * 60;
const SETTING = 'auth.device_cookie_key';

let cachedKey: Promise<Buffer> | undefined;

async function loadKey(db: Executor): Promise<Buffer> {
	const stored = await settingOnce(db, SETTING, randomBytes(32).toString('hex'));
	return Buffer.from(stored, 'hex');
}

function key(db: Executor): Promise<Buffer> {
	cachedKey ??= loadKey(db).catch((error) => {
		cachedKey = undefined;
		throw error;
	});
	return cachedKey;
}

function sign(secret: Buffer, email: string, nonce: string): string {
	return createHmac('sha256', secret).update(`${email}\n${nonce}`).digest('base64url');
}

/** A new device cookie value for an account (normalised email). */
export async function issueDevice(db: Executor, email: string): Promise<string> {
	const nonce = randomBytes(12).toString('base64url');
	const emailPart = Buffer.from(email).toString('base64url');
	return `${emailPart}.${nonce}.${sign(await key(db), email, nonce)}`;
}

/** The device id (nonce) when the cookie is genuine and names this account; null otherwise. */
export async function deviceFor(
	db: Executor,
	cookie: string | undefined,
	email: string
): Promise<string | null> {
	const parts = cookie?.split('.');
	if (!parts || parts.length !== 3) return null;
	const [emailPart, nonce, mac] = parts;
	if (Buffer.from(emailPart, 'base64url').toString() !== email) return null;
	const expected = Buffer.from(sign(await key(db), email, nonce));
	const given = Buffer.from(mac);
	return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

/** Stores the device cookie; only the sign-in page reads it. */
export function setDeviceCookie(cookies: Cookies, url: URL, value: string): void {
	cookies.set(DEVICE_COOKIE, value, authCookie(url, '/signin', 'strict', MAX_AGE_S));
}

/** Forgets the cached key (tests that open several stores in one process). */
export function resetDeviceKeyCache(): void {
	cachedKey = undefined;
}
