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
 *   PostgreSQL database) is seen within `VERSION_TTL_MS` (1 s): a memo older than that is read
 *   again. (PGlite allows one process per data directory, so there only the first case exists.)
 *
 * Concurrent reads of a store share one query, except that a read finding a bump of this process
 * not yet seen does not trust a query that may have started before that bump committed.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

/** How long a version read from the database is trusted, when no local bump says otherwise. */
export const VERSION_TTL_MS = 1000;

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
	const [row] = await tx.rows<{ v: string; database: string; xid: string }>(sql`
		insert into settings (key, value) values ('data_version', '1'::jsonb)
		on conflict (key) do update set value = to_jsonb((settings.value #>> '{}')::bigint + 1)
		returning value #>> '{}' as v, ${DATABASE} as database, txid_current()::text as xid`);
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

/** The current data version (0 before the first write). */
export async function dataVersion(db: Executor): Promise<number> {
	const memo = memos.get(db);
	if (memo && !behind(memo) && performance.now() - memo.at < VERSION_TTL_MS) return memo.version;
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
	if (!behind(read) && (!current || read.at > current.at)) memos.set(db, read);
	return read.version;
}
