/**
 * Reads from a PostgreSQL streaming replica (`DATABASE_READ_URL`), writes to the primary
 * (`DATABASE_URL`), behind the one `Store` the rest of the code sees.
 *
 * Every statement goes to the primary unless it runs inside a *public read*
 * (`readingFrom`, entered by `queries/data-version.ts`'s `publicRead` for an anonymous GET of a
 * public endpoint or page): there a plain `select` goes to the copy chosen for that request, which
 * is the replica unless it lags behind a data version the primary is known to have (the rule is
 * in data-version.ts). Writes (`run`, `copyIn`, transactions, any statement that is not a plain
 * `select`) always go to the primary, so a write that slips into a public read still works.
 *
 * A replica that cannot be reached, or cancels a query because of replay (a hot standby's
 * "conflict with recovery"), is left alone for `REPLICA_PAUSE_MS`: the statement is run again
 * on the primary, and public reads go there meanwhile.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor, Store } from './index.ts';

/** How long a failing replica is left alone before it is tried again. */
export const REPLICA_PAUSE_MS = 5_000;

export interface Replication {
	primary: Store;
	replica: Store;
	/** False while the replica is left alone after a failure. */
	replicaUsable(): boolean;
	/** Notes a failure of the replica (connection lost, query cancelled by replay). */
	replicaFailed(error: unknown): void;
}

interface ReadScope {
	target: Store;
	version: number;
}

const dialect = new PgDialect();
const scope = new AsyncLocalStorage<ReadScope>();
const replications = new WeakMap<Store, Replication>();

/** The primary and replica behind a store opened with `DATABASE_READ_URL`, else undefined. */
export function replicationOf(store: Executor): Replication | undefined {
	return replications.get(store as Store);
}

/** Runs `fn` as a public read served by `target` at data `version` (data-version.ts). */
export function readingFrom<T>(target: Store, version: number, fn: () => T): T {
	return scope.run({ target, version }, fn);
}

/** The copy and data version chosen for the public read in progress, if any. */
export function currentRead(): Readonly<ReadScope> | undefined {
	return scope.getStore();
}

/** A statement a hot standby can run: a `select`, or a `with` that writes nothing. */
export function readOnly(text: string): boolean {
	const start = text.trimStart().slice(0, 6).toLowerCase();
	if (start === 'select') return true;
	return start.startsWith('with') && !/\b(insert|update|delete|merge)\b/i.test(text);
}

/** Failures that say the replica (not the statement) is the problem. */
function replicaTrouble(error: unknown): boolean {
	const code = String((error as { code?: unknown })?.code ?? '');
	return (
		/^(ECONN|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|CONNECT|CONNECTION_)/.test(code) ||
		// admin_shutdown, crash_shutdown, cannot_connect_now, serialization_failure (replay conflict)
		['57P01', '57P02', '57P03', '40001'].includes(code)
	);
}

/** One store over a primary and its replica (see the module's comment). */
export function replicatedStore(primary: Store, replica: Store): Store {
	let pausedUntil = 0;
	const replication: Replication = {
		primary,
		replica,
		replicaUsable: () => performance.now() >= pausedUntil,
		replicaFailed(error) {
			if (performance.now() >= pausedUntil)
				console.warn(
					`read replica failing (${(error as Error)?.message ?? error}): reading from the primary for ${REPLICA_PAUSE_MS / 1000} s`
				);
			pausedUntil = performance.now() + REPLICA_PAUSE_MS;
		}
	};
	const store: Store = {
		engine: 'postgres',
		db: primary.db,
		async rows<T>(query: SQL | string, params?: unknown[]): Promise<T[]> {
			const target = scope.getStore()?.target;
			if (target !== replica || !replication.replicaUsable()) return primary.rows<T>(query, params);
			const q = typeof query === 'string' ? { sql: query, params } : dialect.sqlToQuery(query);
			if (!readOnly(q.sql)) return primary.rows<T>(q.sql, q.params);
			try {
				return await replica.rows<T>(q.sql, q.params);
			} catch (error) {
				// read_only_sql_transaction: a write the check above let through.
				const readOnlyRefusal = (error as { code?: unknown })?.code === '25006';
				if (!readOnlyRefusal && !replicaTrouble(error)) throw error;
				if (!readOnlyRefusal) replication.replicaFailed(error);
				return primary.rows<T>(q.sql, q.params);
			}
		},
		run: (query, params) => primary.run(query, params),
		copyIn: (table, columns, csv) => primary.copyIn(table, columns, csv),
		copyOut: (table, columns) => primary.copyOut(table, columns),
		transaction: (fn) => primary.transaction(fn),
		listen: primary.listen,
		ping: primary.ping,
		async close() {
			await Promise.all([primary.close(), replica.close()]);
		}
	};
	replications.set(store, replication);
	return store;
}
