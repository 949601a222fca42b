/**
 * Sign-in throttling, counted from the audit log's `signin_failed` entries in the last 15 minutes
 * (so it holds across processes and restarts, and nobody can reset it by editing a table):
 *
 * - per client address: 10 failures, then refused until the oldest of them is 15 minutes old;
 * - per account (the email as typed, whether or not it exists, so throttling reveals nothing):
 *   5 failures free, then each attempt must wait 30 s × 2^(n − 5) after the last failure, at most
 *   15 minutes. Failures age out after 15 minutes, so the delay always ends; refused attempts are
 *   not counted, so hammering does not lengthen it.
 * - a browser presenting a valid device cookie for the account (device.ts) has its own account
 *   bucket: an attacker elsewhere cannot delay the owner's usual browser at all.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export const WINDOW_S = 15 * 60;
export const ADDRESS_LIMIT = 10;
export const ACCOUNT_FREE = 5;
export const BASE_DELAY_S = 30;
export const MAX_DELAY_S = 15 * 60;

export type Throttle =
	{ allowed: true } | { allowed: false; scope: 'address' | 'account'; retryAfter: number };

/** Seconds an account bucket with `failures` recent failures must wait after the last one. */
export function accountDelay(failures: number): number {
	if (failures < ACCOUNT_FREE) return 0;
	return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - ACCOUNT_FREE));
}

const counted = sql`action = 'signin_failed' and at > now() - make_interval(secs => ${WINDOW_S})
	and coalesce(detail->>'reason', '') <> 'throttled'`;

/** Whether an attempt from `address` for `email` (with an optional device id) may be checked. */
export async function throttleFor(
	db: Executor,
	attempt: { address: string; email: string; device: string | null }
): Promise<Throttle> {
	const [byAddress] = await db.rows<{ n: number; wait: number | null }>(sql`
		with recent as (select at from audit_log where ${counted} and detail->>'address' = ${attempt.address})
		select (select count(*)::int from recent) as n,
			(select extract(epoch from at + make_interval(secs => ${WINDOW_S}) - now())::float8
				from recent order by at desc offset ${ADDRESS_LIMIT - 1} limit 1) as wait`);
	if (byAddress.n >= ADDRESS_LIMIT && byAddress.wait !== null)
		return { allowed: false, scope: 'address', retryAfter: Math.max(1, Math.ceil(byAddress.wait)) };
	const device = attempt.device
		? sql`detail->>'device' = ${attempt.device}`
		: sql`detail->>'device' is null`;
	const [byAccount] = await db.rows<{ n: number; since: number | null }>(sql`
		select count(*)::int as n, extract(epoch from now() - max(at))::float8 as since
		from audit_log where ${counted} and detail->>'email' = ${attempt.email} and ${device}`);
	const delay = accountDelay(byAccount.n);
	if (delay > 0 && byAccount.since !== null && byAccount.since < delay)
		return {
			allowed: false,
			scope: 'account',
			retryAfter: Math.max(1, Math.ceil(delay - byAccount.since))
		};
	return { allowed: true };
}
