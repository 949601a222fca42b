/**
 * The embedded store (no DATABASE_URL): PGlite in a data folder that one process holds at a time
 * (lock.ts), COPY through PGlite's blobs.
 */
import type { SQL } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import * as schema from './schema.ts';
import { acquireDirLock, type DirLock } from './lock.ts';
import type { Db, Executor, Store } from './index.ts';
import { compile, copyOutStatement, copyStatement } from './statements.ts';

export async function openPglite(dataDir: string): Promise<Store> {
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
