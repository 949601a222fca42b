/**
 * The sessions table: rows keyed by the SHA-256 of a session token (auth/session.ts makes the
 * tokens and cookies). Ended sessions are swept whenever one is created.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';

export interface SessionTimes {
	/** Seconds without a request after which a session ends. */
	idle: number;
	/** Seconds after sign-in after which a session ends. */
	absolute: number;
}

/** Sweeps ended sessions, then stores a new one under `hash` for `userId`. */
export async function insertSession(
	db: Executor,
	hash: string,
	userId: number,
	times: SessionTimes
): Promise<void> {
	await db.run(sql`delete from sessions where expires_at <= now()
		or last_seen_at <= now() - make_interval(secs => ${times.idle})`);
	await db.run(sql`insert into sessions (token_hash, user_id, expires_at)
		values (${hash}, ${userId}, now() + make_interval(secs => ${times.absolute}))`);
}

/**
 * The enabled user of the live session stored under `hash`, and whether its last-seen time is
 * older than `touchAfter` seconds; null when there is no such session.
 */
export async function liveSession(
	db: Executor,
	hash: string,
	times: SessionTimes & { touchAfter: number }
): Promise<(SessionUser & { stale: boolean }) | null> {
	const [row] = await db.rows<SessionUser & { stale: boolean }>(sql`
		select u.id, u.email, u.display_name as "displayName", u.role, u.unit_code as "unitCode",
			s.last_seen_at <= now() - make_interval(secs => ${times.touchAfter}) as stale
		from sessions s join users u on u.id = s.user_id
		where s.token_hash = ${hash} and s.expires_at > now()
			and s.last_seen_at > now() - make_interval(secs => ${times.idle}) and not u.disabled`);
	return row ?? null;
}

/** Marks the session under `hash` as seen now. */
export async function touchSession(db: Executor, hash: string): Promise<void> {
	await db.run(sql`update sessions set last_seen_at = now() where token_hash = ${hash}`);
}

/** Ends the session stored under `hash`. */
export async function deleteSessionByHash(db: Executor, hash: string): Promise<void> {
	await db.run(sql`delete from sessions where token_hash = ${hash}`);
}

/** Ends every session of a user (disabling, password change); returns how many. */
export function deleteUserSessions(db: Executor, userId: number): Promise<number> {
	return db.run(sql`delete from sessions where user_id = ${userId}`);
}
