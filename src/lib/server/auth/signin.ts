/**
 * Sign-in: throttle (the attempt counted first), password check (constant-ish time whether or
 * not the account exists), a fresh session (the one presented, if any, is ended: rotation), and an
 * audit entry either way — but an attempt the throttle refuses is only counted
 * (anonymous-writes.ts): the failures that tripped the throttle are in the log already.
 */
import type { Store } from '../db/index.ts';
import { normaliseEmail, userByEmail } from '../queries/users.ts';
import { logAudit } from '../queries/audit-log.ts';
import { spendVerificationTime, verifyPassword } from './password.ts';
import { createSession, deleteSession } from './session.ts';
import { deviceFor, issueDevice } from './device.ts';
import { release, reserveAttempt } from '../queries/signin-buckets.ts';
import { countAnonymousWrite } from './anonymous-writes.ts';
import type { SessionUser } from './types.ts';
import { refusal, type Refusal } from '../http/refusal.ts';

export interface SignInAttempt {
	email: string;
	password: string;
	address: string;
	userAgent: string | null;
	/** The session token the browser already holds, ended on success. */
	previousToken: string | undefined;
	deviceCookie: string | undefined;
}

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; deviceCookie: string }
	| (Refusal<400 | 401 | 429> & { retryAfter?: number });

/** Checks the credentials and opens a session. */
export async function signIn(store: Store, attempt: SignInAttempt): Promise<SignInResult> {
	const email = normaliseEmail(attempt.email);
	if (!email || !attempt.password || email.length > 254 || attempt.password.length > 1024)
		return refusal(400, 'signin.missing');
	const device = await deviceFor(store, attempt.deviceCookie, email);
	const base = { address: attempt.address, email, device, user_agent: attempt.userAgent };
	const bucket = { address: attempt.address, email, device };
	// Counted as a failure before the check, so that attempts sent at once cannot all pass.
	const throttle = await reserveAttempt(store, bucket);
	if (!throttle.allowed) {
		// The failures that led here are audited; a flood of refused ones is only counted.
		countAnonymousWrite('/signin');
		const minutes = Math.ceil(throttle.retryAfter / 60);
		const key =
			throttle.scope === 'address' ? 'signin.throttledAddress' : 'signin.throttledAccount';
		return { ...refusal(429, key, { minutes }), retryAfter: throttle.retryAfter };
	}
	const user = await userByEmail(store, email);
	let matches = false;
	if (user && !user.disabled) matches = await verifyPassword(user.passwordHash, attempt.password);
	else await spendVerificationTime(attempt.password);
	if (!user || !matches) {
		await logAudit(store, {
			userId: user?.id ?? null,
			actor: email,
			action: 'signin_failed',
			detail: { ...base, reason: !user ? 'unknown' : user.disabled ? 'disabled' : 'password' }
		});
		return refusal(401, 'signin.wrong');
	}
	await release(store, bucket);
	if (attempt.previousToken) await deleteSession(store, attempt.previousToken);
	const token = await createSession(store, user.id);
	await logAudit(store, { userId: user.id, actor: email, action: 'signin', detail: base });
	const { id, displayName, role, unitCode } = user;
	return {
		ok: true,
		user: { id, email, displayName, role, unitCode },
		token,
		deviceCookie: device ? attempt.deviceCookie! : await issueDevice(store, email)
	};
}
