/**
 * The one database client. `DATABASE_URL` set → PostgreSQL through postgres.js; unset → embedded
 * PGlite in `DATA_DIR` (default `./.data`). The rest of the code sees a `Store`: a Drizzle
 * database for typed queries, plus `rows`/`run`/`copyIn` for aggregate SQL and bulk loads, which
 * behave the same on both engines (results are plain objects; cast in SQL, e.g. `::float8`).
 *
 * With `DATABASE_READ_URL` as well (a streaming replica of `DATABASE_URL`'s database), public
 * reads may be served by the replica while everything else goes to the primary: replica.ts.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type * as schema from './schema.ts';
import { replicatedStore } from './replica.ts';
import { openPostgres } from './postgres.ts';
import { openPglite } from './pglite.ts';
import { resolve } from 'node:path';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';

/** What every statement runner offers, inside or outside a transaction. */
export interface Executor {
	/** Runs a query and returns its rows as plain objects. */
	rows<T = Record<string, unknown>>(query: SQL | string, params?: unknown[]): Promise<T[]>;
	/** Runs a statement and returns the number of rows it affected. */
	run(query: SQL | string, params?: unknown[]): Promise<number>;
	/**
	 * Bulk-loads CSV text (no header, RFC 4180) into a table with COPY: one string, or pieces
	 * written as they are produced (PostgreSQL parses the first while the next is made).
	 */
	copyIn(table: string, columns: string[], csv: string | Iterable<string>): Promise<void>;
	/** Reads a table's columns as CSV (no header) with COPY, in pieces of any size (backups). */
	copyOut(table: string, columns: string[]): AsyncIterable<Uint8Array>;
}

export interface Store extends Executor {
	engine: Engine;
	db: Db;
	/** Runs `fn` in one transaction: everything or nothing. */
	transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
	/**
	 * PostgreSQL only: calls `onNotify` with the payload of every NOTIFY on `channel` (from any
	 * process on the database), on a connection of its own; `onListen` once listening, and again
	 * after that connection was lost and re-established (notifications meanwhile are lost).
	 */
	listen?(
		channel: string,
		onNotify: (payload: string) => void,
		onListen?: () => void
	): Promise<void>;
	/**
	 * PostgreSQL only: resolves when the server answers `select 1` on a connection of its own,
	 * outside the pool, so a pool busy with slow reads is not taken for a server that is down
	 * (db-unavailable.ts); rejects when it does not.
	 */
	ping?(): Promise<void>;
	close(): Promise<void>;
}

export interface StoreOptions {
	databaseUrl?: string;
	/** A streaming replica of `databaseUrl`'s database, for public reads (replica.ts). */
	readUrl?: string;
	dataDir?: string;
}

/** Opens a store from explicit options or the environment. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
	const url = options.databaseUrl ?? process.env.DATABASE_URL;
	if (url) {
		const readUrl = options.databaseUrl ? options.readUrl : process.env.DATABASE_READ_URL;
		const primary = await openPostgres(url);
		if (!readUrl) return primary;
		// A replica that does not answer must not hold a public request for long: it falls back.
		return replicatedStore(primary, await openPostgres(readUrl, { connect_timeout: 2 }));
	}
	return openPglite(resolve(options.dataDir ?? process.env.DATA_DIR ?? './.data'));
}

let shared: Promise<Store> | undefined;

/** The process-wide store, opened (and migrated by the caller) once. */
export function getStore(): Promise<Store> {
	shared ??= openStore();
	return shared;
}

/** Closes the process-wide store, if open. */
export async function closeStore(): Promise<void> {
	const current = shared;
	shared = undefined;
	if (current) await (await current).close();
}
