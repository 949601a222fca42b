/**
 * Lookups kept per data version: which units a view is drawn on, the span of the data, the
 * areas of a map. They change only with the version (boundaries, units and figures bump it), and
 * a first render under load asked each of them again — a dozen small queries per page, each
 * waiting for a connection of the pool behind the long aggregates of other views. Kept in the one
 * cache (cache/store.ts), so concurrent first asks share one query and an approval drops them.
 */
import type { Executor } from '../db/index.ts';
import { cachedValue } from '../cache/store.ts';
import { dataVersion } from './data-version.ts';

/** Runs `compute`, or answers it from a memo of the same `key`. */
export type Memo = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** No memo: every lookup is a query (a transaction's own reads, tests). */
export const direct: Memo = (_key, compute) => compute();

/** The memo of the store `db` at its current data version. */
export function perVersion(db: Executor): Memo {
	return async (key, compute) => cachedValue(`lookup|${key}`, await dataVersion(db), compute);
}
