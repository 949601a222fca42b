/**
 * The floor of the API figures: the very SQL that `aggregate()` builds for a request, captured
 * from the query builder and run directly on the store, one at a time. What the endpoint adds on
 * top (scoring, ranking, JSON, HTTP, queueing under concurrency) is what the ratio shows.
 */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor, Store } from '../../src/lib/server/db/index.ts';
import { aggregate, type AggregateSpec } from '../../src/lib/server/queries/aggregate.ts';
import { timeRuns } from './stats.ts';

export interface CapturedQuery {
	text: string;
	params: unknown[];
}

/** The SQL `aggregate(spec)` would run, without running it. */
export async function aggregateSql(spec: AggregateSpec): Promise<CapturedQuery> {
	let captured: SQL | string | undefined;
	const capture: Executor = {
		async rows<T>(query: SQL | string) {
			captured = query;
			return [] as T[];
		},
		async run() {
			return 0;
		},
		async copyIn() {},
		async *copyOut() {}
	};
	// As valuesFor asks it through the value cache: the units' names apart (read per version).
	await aggregate(capture, spec, Promise.resolve(new Map()));
	if (!captured) throw new Error('aggregate() ran no query');
	if (typeof captured === 'string') return { text: captured, params: [] };
	const q = new PgDialect().sqlToQuery(captured);
	return { text: q.sql, params: q.params };
}

/** Durations (ms) of `runs` sequential executions, after one warm-up. */
export async function timeSql(store: Store, q: CapturedQuery, runs: number): Promise<number[]> {
	await store.rows(q.text, q.params);
	return timeRuns(runs, () => store.rows(q.text, q.params));
}

/** EXPLAIN (ANALYZE, BUFFERS) text of a captured query. */
export async function explain(store: Store, q: CapturedQuery): Promise<string> {
	const rows = await store.rows<Record<string, string>>(
		`explain (analyze, buffers) ${q.text}`,
		q.params
	);
	return rows.map((r) => Object.values(r)[0]).join('\n');
}
