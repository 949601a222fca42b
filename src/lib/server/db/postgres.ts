/**
 * The PostgreSQL store (DATABASE_URL), through postgres.js: a pool that gives up on an
 * unreachable server quickly (db-unavailable.ts answers 503), and COPY streamed in both ways.
 */
import type { SQL } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import * as schema from './schema.ts';
import type { Db, Executor, Store } from './index.ts';
import { COPY_CHUNK, compile, copyOutStatement, copyStatement } from './statements.ts';

/**
 * A parameterised statement is prepared once per connection and its plan kept (postgres.js names
 * it by its text): the map and area queries are long, and parsing and planning them again on every
 * uncached request cost the database more than running some of them. Our statement texts come
 * from code (values are parameters; `sql.raw` only names columns and aliases), so there are a
 * bounded number of them. Plain text without parameters (DDL, migrations, `set`) is not prepared.
 */
function prepared(q: { params: unknown[] }): { prepare: boolean } {
	return { prepare: q.params.length > 0 };
}

export async function openPostgres(
	url: string,
	extra: { connect_timeout?: number } = {}
): Promise<Store> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const options = {
		onnotice: () => {},
		// postgres.js waits before reconnecting after a failed attempt, 3^retries / 100 s by default
		// with the failures of every connection counted together: a few seconds of refused
		// connections under load (PostgreSQL restarting) made it wait up to 20 s, so requests hung
		// and service came back long after the database did (issue 16). At most 0.25 s between
		// attempts (a refused connection costs next to nothing).
		backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.02 * 2 ** retries, 0.25),
		// An attempt is given up after 3 s (30 by default), and db-unavailable.ts answers 503. This
		// is also the only bound on a known postgres.js 3.4 fault: a connection that PostgreSQL
		// closes while it is starting up ("the database system is starting up") is retried at once
		// with no budget, so the query waiting on it hangs until this timer fires (porsager/postgres
		// #1193, fix not released). The other fault seen through a restart, a connection that never
		// writes again, is patched (patches/postgres+3.4.9.patch).
		connect_timeout: 3,
		// At most one statement waiting behind the running one on a connection; the others wait in
		// postgres.js's queue, first in first out, for the next connection that is free. With the
		// default (100), a new query is piped to a busy connection while the queue is served only
		// when a connection has nothing left in flight: under 32 readers on 10 connections two of
		// them waited 2.9 s while the others took 15 ms. With 1: p99 27-29 ms instead of 38-47
		// (select with pg_sleep(5 ms)), for 7% fewer statements per second. It needs the second
		// fix of our patch: postgres.js reserved a connection for a transaction only when its
		// `begin` left room in the pipeline, and with 1 a begin piped behind a running statement
		// ran unreserved (UNSAFE_TRANSACTION: 6 of 85 approvals and uploads of the soak got 500).
		max_pipeline: 1,
		...extra,
		// Dates stay 'YYYY-MM-DD' strings, as on PGlite with our casts.
		types: {
			date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x }
		}
	};
	const client = postgres(url, { ...options, max: Number(process.env.DATABASE_POOL ?? 10) });
	// One connection apart from the pool, opened on the first ping and kept (ping below).
	let pinger: ReturnType<typeof postgres> | undefined;
	const db = drizzle(client, { schema }) as unknown as Db;
	type Sql = typeof client;
	const executor = (s: Sql | TransactionSql): Executor => ({
		async rows<T>(query: SQL | string, params?: unknown[]) {
			const q = compile(query, params);
			return (await s.unsafe(q.text, q.params as never[], prepared(q))) as unknown as T[];
		},
		async run(query: SQL | string, params?: unknown[]) {
			const q = compile(query, params);
			const result = await s.unsafe(q.text, q.params as never[], prepared(q));
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
		async ping() {
			pinger ??= postgres(url, { ...options, max: 1, connect_timeout: 2, idle_timeout: 60 });
			await pinger.unsafe('select 1');
		},
		async close() {
			await Promise.all([client.end({ timeout: 5 }), pinger?.end({ timeout: 1 })]);
		}
	};
}
