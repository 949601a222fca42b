/**
 * Sign-in throttling, counted in `signin_buckets` (the audit log records every checked attempt):
 *
 * - per client address: 10 failures, then refused until 15 minutes after the first of them;
 * - per account (the email as typed, whether or not it exists, so throttling reveals nothing):
 *   5 failures free, then each attempt must wait 30 s × 2^(n − 5) after the last one, at most
 *   15 minutes. A count ends after 15 quiet minutes, so the delay always ends; refused attempts
 *   are not counted, so hammering does not lengthen it.
 * - a browser presenting a valid device cookie for the account (device.ts) has its own account
 *   bucket: an attacker elsewhere cannot delay the owner's usual browser at all.
 *
 * An attempt is counted as a failure *before* its password is checked, by one
 * `insert … on conflict do update … where <allowed> returning` per bucket: the row lock makes
 * attempts sent at once take their turn, so no more than the allowed number get checked (reading
 * a count first and writing the failure after the check let 18 of 30 through). A success gives
 * its count back (`release`).
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

export interface Attempt {
	address: string;
	email: string;
	device: string | null;
}

/** Seconds an account bucket with `failures` recent failures must wait after the last one. */
export function accountDelay(failures: number): number {
	if (failures < ACCOUNT_FREE) return 0;
	return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - ACCOUNT_FREE));
}

const addressKey = (a: Attempt) => `address:${a.address}`;
const accountKey = (a: Attempt) => `account:${a.email}${a.device ? `|device:${a.device}` : ''}`;

const window = sql`make_interval(secs => ${WINDOW_S})`;

/** The account's delay after `failures` failures, in SQL (the same as `accountDelay`). */
const delayOf = (failures: ReturnType<typeof sql>) =>
	sql`case when ${failures} < ${ACCOUNT_FREE} then 0
		else least(${MAX_DELAY_S}, ${BASE_DELAY_S} * power(2, ${failures} - ${ACCOUNT_FREE})) end`;

/**
 * Counts one more failure in a bucket if its rule allows an attempt now; false when it does not.
 * `restart` says when the old count is over (then this attempt starts a new one at 1).
 */
async function take(
	db: Executor,
	bucket: string,
	restart: ReturnType<typeof sql>,
	allowed: ReturnType<typeof sql>
): Promise<boolean> {
	const rows =
		await db.rows(sql`insert into signin_buckets as b (bucket, failures, first_at, last_at)
		values (${bucket}, 1, now(), now())
		on conflict (bucket) do update set
			failures = case when ${restart} then 1 else b.failures + 1 end,
			first_at = case when ${restart} then now() else b.first_at end,
			last_at = now()
		where ${restart} or ${allowed}
		returning failures`);
	return rows.length > 0;
}

/** Gives back a failure counted by `take` (the attempt was refused elsewhere, or succeeded). */
async function giveBack(db: Executor, bucket: string): Promise<void> {
	await db.run(sql`update signin_buckets set failures = greatest(failures - 1, 0)
		where bucket = ${bucket}`);
}

async function waitFor(db: Executor, bucket: string, wait: ReturnType<typeof sql>) {
	const [row] = await db.rows<{ wait: number | null }>(
		sql`select (${wait})::float8 as wait from signin_buckets b where bucket = ${bucket}`
	);
	return Math.max(1, Math.ceil(row?.wait ?? 1));
}

/**
 * Whether an attempt from `address` for `email` (with an optional device id) may be checked; when
 * it may, it is already counted as a failure in both buckets: call `release` if it succeeds.
 */
export async function reserveAttempt(db: Executor, attempt: Attempt): Promise<Throttle> {
	const address = addressKey(attempt);
	const addressOk = await take(
		db,
		address,
		sql`b.first_at <= now() - ${window}`,
		sql`b.failures < ${ADDRESS_LIMIT}`
	);
	if (!addressOk)
		return {
			allowed: false,
			scope: 'address',
			retryAfter: await waitFor(
				db,
				address,
				sql`extract(epoch from b.first_at + ${window} - now())`
			)
		};
	const account = accountKey(attempt);
	const accountOk = await take(
		db,
		account,
		sql`b.last_at <= now() - ${window}`,
		sql`b.last_at <= now() - make_interval(secs => ${delayOf(sql`b.failures`)})`
	);
	if (accountOk) return { allowed: true };
	await giveBack(db, address);
	return {
		allowed: false,
		scope: 'account',
		retryAfter: await waitFor(
			db,
			account,
			sql`${delayOf(sql`b.failures`)} - extract(epoch from now() - b.last_at)`
		)
	};
}

/** A checked attempt succeeded: its counted failure is given back, and stale buckets go. */
export async function release(db: Executor, attempt: Attempt): Promise<void> {
	await giveBack(db, addressKey(attempt));
	await giveBack(db, accountKey(attempt));
	await db.run(sql`delete from signin_buckets where last_at < now() - ${window}`);
}
