/**
 * `seriesOfMany`: several indicators for several units over time, with the same figures as
 * {@link seriesFor} (and so `/api/v1/series`) for each pair, in a handful of queries: the units
 * are resolved together, units sharing a window (level, months, `as_of`) are aggregated together
 * for every indicator's inputs at once, and their lineage is read in one query. It leaves out
 * what the compare page does not show — the target and the trend towards it — which cost
 * `seriesFor` two more queries per pair.
 */
import type { Executor } from '../db/index.ts';
import { lastDay } from '../../domain/periods.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { aggregate, type AggregateRow, type Bucket } from './aggregate.ts';
import { lineageIn, lineageOf } from './lineage.ts';
import { badRequest } from './errors.ts';
import { inputsOf, requireIndicator } from './values.ts';
import {
	GRAINS,
	resolveManyForSeries,
	seriesRowsOf,
	seriesUnit,
	seriesWindow,
	type SeriesResult
} from './series.ts';

/** A series as {@link seriesFor} answers it, without the target and trend. */
export type PlainSeries = Omit<SeriesResult, 'target' | 'trend'>;

export interface ManySeriesRequest {
	indicators: readonly string[];
	units: readonly string[];
	grain: Bucket;
	/** The day naming the version of a reused code. */
	at: string;
	/** Last month that may hold data. */
	lastMonth: string;
}

/** Each indicator's series for each unit, in the orders asked; 404 for an unknown unit code. */
export async function seriesOfMany(
	db: Executor,
	request: ManySeriesRequest
): Promise<{ indicator: string; series: PlainSeries[] }[]> {
	const indicators: Indicator[] = request.indicators.map((code) => requireIndicator(code));
	if (!GRAINS.includes(request.grain))
		badRequest(`Unknown grain "${request.grain}": use month, quarter or year`);
	const units = await resolveManyForSeries(db, [...request.units], request.at);
	const windows = units.map((u) => seriesWindow(u, { lastMonth: request.lastMonth }, request.at));
	const inputs = [
		...new Map(indicators.flatMap(inputsOf).map((i) => [i.code, i] as const)).values()
	];

	// One aggregate per distinct window: usually one for today's communes, a second for ended ones.
	const groups = new Map<string, number[]>();
	units.forEach((u, k) => {
		const w = windows[k];
		const key = [u.level, w.start, w.end, w.asOf].join('|');
		groups.set(key, [...(groups.get(key) ?? []), k]);
	});
	const rowsOf = new Map<number, AggregateRow[]>();
	for (const members of groups.values()) {
		const { start, end, asOf } = windows[members[0]];
		const rows = await aggregate(db, {
			indicators: inputs,
			level: units[members[0]].level,
			start,
			end,
			startDay: `${start}-01`,
			endDay: lastDay(end),
			asOf,
			targetIds: [...new Set(members.map((k) => units[k].id))],
			bucket: request.grain
		});
		for (const r of rows) rowsOf.set(r.targetId, [...(rowsOf.get(r.targetId) ?? []), r]);
	}

	const lineage = await lineageOf(
		db,
		units.map((u) => u.id)
	);
	return indicators.map((indicator) => ({
		indicator: indicator.code,
		series: units.map((unit, k) => ({
			indicator: indicator.code,
			unit: seriesUnit(unit),
			grain: request.grain,
			from: windows[k].start,
			to: windows[k].end,
			...lineageIn(lineage, unit.id),
			rows: seriesRowsOf(
				indicator,
				rowsOf.get(unit.id) ?? [],
				windows[k].start,
				windows[k].end,
				request.grain
			)
		}))
	}));
}
