/**
 * A counter that changes whenever public figures or shapes change (figures approved or imported,
 * demo figures generated, boundaries attached). Cached public answers are keyed on it.
 *
 * Reading it is a query, and a cached national answer costs well under a millisecond: at hundreds
 * of requests a second the query would be a good part of the work. So the version read from each
 * store is memoised, with these guarantees:
 *
 * - **A bump made in this process is seen by every read that starts after its transaction
 *   commits** (an approval or an import through the web is visible on the very next request).
 *   `bumpDataVersion` notes the version its transaction writes and the transaction's id; while
 *   a read of that database returns less, nothing is memoised and each read asks the database
 *   again, and whether that transaction is still running (`txid_status`): once it has rolled
 *   back (a dry run, a refused file) the note is dropped and memoising resumes.
 * - **A bump made by another process** (`npm run import`, `db:seed`, another server on the same
 *   PostgreSQL database) is seen as soon as its notification arrives: every bump sends
 *   `NOTIFY xaso_data_version, '<version>'` in its transaction (delivered on commit, to every
 *   process listening on the database), and a memo below the highest version notified is read
 *   again. Notifications can be lost (the listening connection dropped and came back), so a memo
 *   older than `VERSION_TTL_MS` (1 s) is read again too. (PGlite allows one process per data
 *   directory, so there only the first case exists.)
 * - **With a read replica** (`DATABASE_READ_URL`, db/replica.ts), a public read (`publicRead`) is
 *   served by the replica at the replica's version, unless the replica has not yet replayed a
 *   version the primary is known to have committed: one bumped by this process, or notified by
 *   any. Then it is served by the primary at the primary's version. The version that keys a
 *   cached answer is thus always read from the copy that computes it, and never lower than a
 *   change a visitor of this server could have seen: an approval is in public answers on the
 *   very next request, from the replica once it has replayed it, from the primary until then.
 *
 * Concurrent reads of a store share one query, except that a read finding a bump of this process
 * not yet seen does not trust a query that may have started before that bump committed.
 */
import { sql } from 'drizzle-orm';
import type { Executor, Store } from '../db/index.ts';
import { currentRead, readingFrom, replicationOf, type Replication } from '../db/replica.ts';

/** How long a version read from the database is trusted, when no local bump says otherwise. */
export const VERSION_TTL_MS = 1000;

/** The channel every bump notifies, with the new version as payload. */
export const VERSION_CHANNEL = 'xaso_data_version';

/**
 * Which database a statement ran on, as seen from inside it: a transaction does not say which
 * store it belongs to, and a process may hold several stores (tests). The server start time
 * tells clusters and PGlite instances apart; transaction ids are only meaningful within one.
 */
const DATABASE = sql.raw(
	`current_database() || '|' || coalesce(inet_server_port()::text, '') || '|' || pg_postmaster_start_time()::text`
);

interface Read {
	version: number;
	database: string;
	/** When the query started (performance.now()). */
	at: number;
}

/** The latest bump of this process per database: the version it writes and its transaction. */
const bumps = new Map<string, { version: number; xid: string }>();
const memos = new WeakMap<Executor, Read>();
const inflight = new WeakMap<Executor, Promise<Read>>();

/** Increments the data version; call in the transaction that changes public data. */
export async function bumpDataVersion(tx: Executor): Promise<void> {
	// The notification is sent when (and only if) the transaction commits.
	const [row] = await tx.rows<{ v: string; database: string; xid: string }>(sql`
		with bumped as (
			insert into settings (key, value) values ('data_version', '1'::jsonb)
			on conflict (key) do update set value = to_jsonb((settings.value #>> '{}')::bigint + 1)
			returning value #>> '{}' as v
		)
		select v, ${DATABASE} as database, txid_current()::text as xid,
			pg_notify(${VERSION_CHANNEL}, v)::text as notified
		from bumped`);
	// Bumps of one database are serialised by the row lock: the latest is the one that counts.
	bumps.set(row.database, { version: Number(row.v), xid: row.xid });
}

async function query(db: Executor): Promise<Read> {
	const at = performance.now();
	const [row] = await db.rows<{ v: string | null; database: string }>(
		sql`select (select value #>> '{}' from settings where key = 'data_version') as v,
			${DATABASE} as database`
	);
	return { version: Number(row?.v ?? 0), database: row.database, at };
}

/** True when a bump of this process on that database is not reflected in the read. */
const behind = (read: Read) => read.version < (bumps.get(read.database)?.version ?? 0);

/** The highest version notified per store, and when it arrived (performance.now()). */
const notified = new WeakMap<Executor, { version: number; at: number }>();

const listening = new WeakMap<Executor, Promise<void>>();

/**
 * Listens for bumps on `store` (PostgreSQL; once per store): a notified version makes a lower
 * memo stale. When listening (re)starts, notifications may have been missed: the memo is dropped.
 * Resolves once listening (or failed to: the memo's TTL then bounds how long another process's
 * change goes unseen).
 */
function watch(store: Executor): Promise<void> {
	const listen = (store as Store).listen;
	if (!listen) return Promise.resolve();
	let started = listening.get(store);
	if (started) return started;
	started = listen
		.call(
			store,
			VERSION_CHANNEL,
			(payload) => {
				const version = Number(payload);
				if (version > (notified.get(store)?.version ?? 0))
					notified.set(store, { version, at: performance.now() });
			},
			() => memos.delete(store)
		)
		.catch((error) => {
			listening.delete(store);
			console.warn(`listening for data version changes failed: ${(error as Error).message}`);
		});
	listening.set(store, started);
	return started;
}

/**
 * Starts listening for data version changes made by other processes (the server calls it once
 * its store is ready, so that the first requests already benefit).
 */
export function watchDataVersion(db: Executor): Promise<void> {
	return watch(replicationOf(db)?.primary ?? db);
}

/** The version a read of `db` must reach, as far as notifications tell. */
const floorOf = (db: Executor) => notified.get(db)?.version ?? 0;

/** The current data version (0 before the first write). */
export async function dataVersion(db: Executor): Promise<number> {
	const replication = replicationOf(db);
	if (!replication) {
		void watch(db);
		return versionOf(db);
	}
	// In a public read, the version of the copy serving it; elsewhere the primary's.
	const read = currentRead();
	if (read) return read.version;
	void watch(replication.primary);
	return versionOf(replication.primary);
}

/**
 * Runs `fn` (the handling of an anonymous GET of a public endpoint or page) as a public read:
 * with a read replica, its queries and the data version that keys its cached answer come from
 * the replica, or from the primary while the replica lags (see the module's comment). Without
 * one, just `fn()`.
 */
export async function publicRead<T>(db: Executor, fn: () => Promise<T>): Promise<T> {
	const replication = replicationOf(db);
	if (!replication || currentRead()) return fn();
	const chosen = await chooseCopy(replication);
	return readingFrom(chosen.target, chosen.version, fn);
}

async function chooseCopy(r: Replication): Promise<{ target: Store; version: number }> {
	void watch(r.primary);
	const primary = async () => ({ target: r.primary, version: await versionOf(r.primary) });
	if (!r.replicaUsable()) return primary();
	// What the primary is known to have: a bump of this process (perhaps not yet committed, or
	// rolled back: the primary then has the last word below) or one notified.
	let known = floorOf(r.primary);
	for (const bump of bumps.values()) known = Math.max(known, bump.version);
	let replica: number;
	try {
		replica = await versionOf(r.replica);
		if (replica < known) {
			// The memo may predate the replay: ask the replica itself.
			memos.delete(r.replica);
			replica = await versionOf(r.replica);
		}
	} catch (error) {
		r.replicaFailed(error);
		return primary();
	}
	if (replica >= known) return { target: r.replica, version: replica };
	const current = await primary();
	return replica >= current.version ? { target: r.replica, version: replica } : current;
}

/** The data version of one database (see the module's comment for the memo's rules). */
async function versionOf(db: Executor): Promise<number> {
	const memo = memos.get(db);
	if (
		memo &&
		!behind(memo) &&
		memo.version >= floorOf(db) &&
		performance.now() - memo.at < VERSION_TTL_MS
	)
		return memo.version;
	let shared = inflight.get(db);
	if (!shared) {
		shared = query(db);
		inflight.set(db, shared);
		const clear = () => {
			if (inflight.get(db) === shared) inflight.delete(db);
		};
		shared.then(clear, clear);
	}
	let read = await shared;
	// The shared query may have started before a notification arrived.
	if (read.version < floorOf(db)) read = await query(db);
	const note = notified.get(db);
	// A query started after the notification arrived and still below it: the stored version went
	// down (a restore); the database has the last word.
	if (note && read.version < note.version && read.at > note.at) notified.delete(db);
	if (behind(read)) {
		// The shared query may have started before our bump committed: read for ourselves.
		read = await query(db);
		const bump = bumps.get(read.database);
		if (bump && read.version < bump.version) {
			const [row] = await db.rows<{ status: string | null }>(
				sql`select txid_status(${bump.xid}::bigint) as status`
			);
			if (row?.status === 'in progress') return read.version;
			// Committed since our read: read again. Rolled back: what we read stands.
			if (row?.status !== 'aborted') read = await query(db);
			// Either way that transaction is over, and the database has the last word.
			if (bumps.get(read.database) === bump) bumps.delete(read.database);
		}
	}
	const current = memos.get(db);
	if (!behind(read) && read.version >= floorOf(db) && (!current || read.at > current.at))
		memos.set(db, read);
	return read.version;
}
