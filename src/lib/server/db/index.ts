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
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import * as schema from './schema.ts';
import { acquireDirLock, type DirLock } from './lock.ts';
import { replicatedStore } from './replica.ts';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

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
	close(): Promise<void>;
}

const dialect = new PgDialect();

function compile(query: SQL | string, params: unknown[] = []): { text: string; params: unknown[] } {
	if (typeof query === 'string') return { text: query, params };
	const q = dialect.sqlToQuery(query);
	return { text: q.sql, params: q.params };
}

const ident = (s: string) => '"' + s.replaceAll('"', '""') + '"';

function copyStatement(table: string, columns: string[]): string {
	return `copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`;
}

function copyOutStatement(table: string, columns: string[]): string {
	return `copy ${ident(table)} (${columns.map(ident).join(', ')}) to stdout with (format csv)`;
}

/** The least characters sent to COPY in one write, when the rows come in smaller pieces. */
const COPY_CHUNK = 64 * 1024;

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
		return replicatedStore(primary, await openPostgres(readUrl, { connect_timeout: 3 }));
	}
	return openPglite(resolve(options.dataDir ?? process.env.DATA_DIR ?? './.data'));
}

async function openPostgres(url: string, extra: { connect_timeout?: number } = {}): Promise<Store> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, {
		...extra,
		max: Number(process.env.DATABASE_POOL ?? 10),
		onnotice: () => {},
		// postgres.js waits before reconnecting after a failed attempt, 3^retries / 100 s by default
		// with the failures of every connection counted together: a few seconds of refused
		// connections under load (PostgreSQL restarting) made it wait up to 20 s, so requests hung
		// and service came back long after the database did (issue 16). At most 0.25 s between
		// attempts (a refused connection costs next to nothing), and an attempt given up after 5 s
		// (30 by default): db-unavailable.ts then answers 503.
		backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.02 * 2 ** retries, 0.25),
		connect_timeout: 5,
		// Dates stay 'YYYY-MM-DD' strings, as on PGlite with our casts.
		types: {
			date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x }
		}
	});
	const db = drizzle(client, { schema }) as unknown as Db;
	type Sql = typeof client;
	const executor = (s: Sql | TransactionSql): Executor => ({
		async rows<T>(query: SQL | string, params?: unknown[]) {
			const q = compile(query, params);
			return (await s.unsafe(q.text, q.params as never[])) as unknown as T[];
		},
		async run(query: SQL | string, params?: unknown[]) {
			const q = compile(query, params);
			const result = await s.unsafe(q.text, q.params as never[]);
			return result.count ?? 0;
		},
		async copyIn(table: string, columns: string[], csv: string | Iterable<string>) {
			const stream = await s.unsafe(copyStatement(table, columns)).writable();
			await new Promise<void>((done, fail) => {
				stream.on('error', fail);
				stream.on('finish', () => done());
				if (typeof csv === 'string') {
					stream.end(csv);
					return;
				}
				const pieces = csv[Symbol.iterator]();
				// Small pieces are gathered into writes of COPY_CHUNK characters or more: each write
				// is a CopyData message and a socket write, and 10,000 one-row writes (the facts of a
				// national report) took 230 ms where one took 10 ms.
				let held = '';
				// Writes until the stream asks to wait, then resumes on 'drain'.
				const pump = () => {
					try {
						for (;;) {
							const next = pieces.next();
							if (next.done) return void (held ? stream.end(held) : stream.end());
							held += next.value;
							if (held.length < COPY_CHUNK) continue;
							const chunk = held;
							held = '';
							if (!stream.write(chunk)) return void stream.once('drain', pump);
						}
					} catch (error) {
						stream.destroy(error as Error);
					}
				};
				pump();
			});
		},
		async *copyOut(table: string, columns: string[]) {
			const stream = await s.unsafe(copyOutStatement(table, columns)).readable();
			try {
				for await (const chunk of stream) yield chunk as Uint8Array;
			} finally {
				// postgres.js pauses the socket when the stream's buffer is full and resumes it only
				// from the stream's read(); if the copy's last message came in the same socket read as
				// a pause, the ended stream never reads again and the connection's next query waits
				// forever. Its read() is only `socket.resume()`: call it once the stream is done.
				(stream as unknown as { _read(size: number): void })._read(0);
			}
		}
	});
	return {
		engine: 'postgres',
		db,
		...executor(client),
		async transaction<T>(fn: (tx: Executor) => Promise<T>) {
			return (await client.begin((tx) => fn(executor(tx)))) as T;
		},
		async listen(channel, onNotify, onListen) {
			await client.listen(channel, onNotify, onListen);
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

async function openPglite(dataDir: string): Promise<Store> {
	mkdirSync(dataDir, { recursive: true });
	const lock: DirLock = acquireDirLock(dataDir);
	try {
		const { PGlite } = await import('@electric-sql/pglite');
		const { drizzle } = await import('drizzle-orm/pglite');
		const client = await PGlite.create(dataDir);
		const db = drizzle(client, { schema }) as unknown as Db;
		type Runner = Pick<typeof client, 'query'>;
		const executor = (s: Runner): Executor => ({
			async rows<T>(query: SQL | string, params?: unknown[]) {
				const q = compile(query, params);
				return (await s.query<T>(q.text, q.params)).rows;
			},
			async run(query: SQL | string, params?: unknown[]) {
				const q = compile(query, params);
				return (await s.query(q.text, q.params)).affectedRows ?? 0;
			},
			async copyIn(table: string, columns: string[], csv: string | Iterable<string>) {
				const blob = new Blob(typeof csv === 'string' ? [csv] : [...csv], { type: 'text/csv' });
				await s.query(copyStatement(table, columns).replace('stdin', "'/dev/blob'"), [], {
					blob
				});
			},
			async *copyOut(table: string, columns: string[]) {
				// PGlite writes the whole table into one blob.
				const result = await s.query(
					copyOutStatement(table, columns).replace('stdout', "'/dev/blob'")
				);
				if (result.blob) yield new Uint8Array(await result.blob.arrayBuffer());
			}
		});
		return {
			engine: 'pglite',
			db,
			...executor(client),
			async transaction<T>(fn: (tx: Executor) => Promise<T>) {
				return client.transaction((tx) => fn(executor(tx)));
			},
			async close() {
				try {
					await client.close();
				} finally {
					lock.release();
				}
			}
		};
	} catch (error) {
		lock.release();
		throw error;
	}
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
