/**
 * The bare-SQL floors of the API figures: the aggregate SQL of the month, year and series
 * requests, captured from the builder, its EXPLAIN (ANALYZE, BUFFERS) written to bench/explain/,
 * and each timed alone in sequence.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../src/lib/server/db/index.ts';
import type { AggregateSpec } from '../../src/lib/server/queries/aggregate.ts';
import { findIndicator } from '../../src/lib/domain/indicators.ts';
import { lastDay } from '../../src/lib/domain/periods.ts';
import { today as todayInVietnam } from '../../src/lib/domain/clock.ts';
import { aggregateSql, explain, timeSql } from './sql-floor.ts';

/** The specs of the three budgeted API requests (online_uptake, communes). */
export function floorSpecs(months: readonly string[], seriesUnitId: number) {
	const indicator = findIndicator('online_uptake')!;
	const lastMonth = months[months.length - 1];
	const year = lastMonth.slice(0, 4);
	const specOf = (start: string, end: string): AggregateSpec => ({
		indicators: [indicator],
		level: 'commune',
		start,
		end,
		startDay: `${start}-01`,
		endDay: lastDay(end)
	});
	return {
		month: specOf(lastMonth, lastMonth),
		year: specOf(`${year}-01`, `${year}-12`),
		series: {
			...specOf(months[0], lastMonth),
			asOf: todayInVietnam(),
			targetIds: [seriesUnitId],
			bucket: 'month'
		} satisfies AggregateSpec
	};
}

export type FloorName = keyof ReturnType<typeof floorSpecs>;

export async function measureSqlFloors(
	store: Store,
	specs: Record<FloorName, AggregateSpec>,
	runs: Record<FloorName, number>,
	explainDir: string
): Promise<Record<FloorName, number[]>> {
	mkdirSync(explainDir, { recursive: true });
	const out = {} as Record<FloorName, number[]>;
	for (const name of Object.keys(specs) as FloorName[]) {
		const q = await aggregateSql(specs[name]);
		writeFileSync(
			join(explainDir, `${name}.txt`),
			`${q.text}\n\n${JSON.stringify(q.params)}\n\n${await explain(store, q)}\n`
		);
	}
	// Timed after every EXPLAIN, as before: the same order of work on the store.
	for (const name of Object.keys(specs) as FloorName[])
		out[name] = await timeSql(store, await aggregateSql(specs[name]), runs[name]);
	return out;
}
