/**
 * The series a public request names (indicator, unit, span, date), read up to the last complete
 * month: `/api/v1/series` and the chart pictures ask the store for the same.
 */
import { today } from '../../domain/clock.ts';
import { lastCompleteMonth } from '../../domain/periods.ts';
import type { SeriesRequest } from '../queries/series.ts';

export type SeriesQuery = Pick<
	SeriesRequest,
	'indicator' | 'unit' | 'from' | 'to' | 'grain' | 'at'
>;

/** The query's series; for `unit` (one of the query's units) when given. */
export function seriesRequest(q: SeriesQuery, unit = q.unit): SeriesRequest {
	const { indicator, from, to, grain, at } = q;
	return { indicator, unit, from, to, grain, at, lastMonth: lastCompleteMonth(today()) };
}
