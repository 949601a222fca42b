/**
 * A preview's counts: what an import would insert, replace and leave unchanged, worked out from
 * the stored figures without writing anything (the same classification `writeFigures` makes as
 * it writes). A preview therefore needs no transaction and no figures lock, and never makes an
 * approval wait (issue 13).
 */
import type { MeasureCode } from '../../../domain/measures.ts';
import type { FigureValue } from '../../queries/observations.ts';
import type { StoredFigures } from '../../queries/approved-figures.ts';

export interface PreviewCounts {
	inserted: number;
	updated: number;
	unchanged: number;
}

/** Counts the figures of every slice against what is stored for their unit-month. */
export function countFigures(
	slices: Iterable<readonly FigureValue[]>,
	stored: StoredFigures
): PreviewCounts {
	const counts = { inserted: 0, updated: 0, unchanged: 0 };
	for (const slice of slices)
		for (const f of slice) {
			const old = stored.get(`${f.unitId}|${f.month}`)?.get(f.measure as MeasureCode);
			if (old === undefined) counts.inserted++;
			else if (old !== f.value) counts.updated++;
			else counts.unchanged++;
		}
	return counts;
}
