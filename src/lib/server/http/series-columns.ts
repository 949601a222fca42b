/**
 * The columns of a series download, shared by `/api/v1/series` (one unit) and
 * `/compare/download` (several units and indicators, with what each row is of in front).
 */
import type { SeriesRow } from '$lib/server/queries/series';
import type { Cell } from './csv';

export const SERIES_COLUMNS = [
	'period',
	'value',
	'numerator',
	'denominator',
	'months_reported',
	'low_confidence',
	'harmonised'
] as const satisfies readonly (keyof SeriesRow)[];

/** One row's cells, in the order of SERIES_COLUMNS. */
export function seriesCells(row: SeriesRow): Cell[] {
	return SERIES_COLUMNS.map((column) => row[column]);
}
