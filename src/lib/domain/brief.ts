/**
 * What the one-page brief of an area picks out of its communes' figures: the five best and the
 * five weakest in the period (by the rank the values API gives, which follows the indicator's
 * better direction), and the three largest changes on the previous period (the earlier figures
 * re-aggregated onto this period's communes, so a reused code is never compared with another
 * commune). Pure: the figures come from the area overview.
 */
import type { Better } from './indicators.ts';

export interface BriefRow {
	unit_code: string;
	unit_name: string;
	value: number | null;
	rank: number | null;
	low_confidence: boolean;
}

export interface BriefChange<R extends BriefRow = BriefRow> {
	row: R;
	before: number;
	delta: number;
}

/** Communes with a rank, best first; for an indicator without a better direction, highest first. */
function ranked<R extends BriefRow>(rows: readonly R[]): R[] {
	return rows
		.filter((r) => r.value !== null && r.rank !== null)
		.sort((a, b) => a.rank! - b.rank! || a.unit_code.localeCompare(b.unit_code));
}

/**
 * The `n` best (best first) and the `n` weakest (weakest first). When there are fewer than
 * 2·n ranked communes the two lists share none: the weakest take what the best left over.
 */
export function bestAndWeakest<R extends BriefRow>(
	rows: readonly R[],
	n = 5
): { best: R[]; weakest: R[] } {
	const order = ranked(rows);
	const best = order.slice(0, Math.min(n, Math.ceil(order.length / 2)));
	const weakest = order.slice(best.length).reverse().slice(0, n);
	return { best, weakest };
}

/**
 * The `n` largest changes on the previous period by size, whatever their direction (a leader
 * wants the biggest movers, good and bad); ties by code. Communes without both figures are left
 * out, and so are those that did not move at all.
 */
export function largestChanges<R extends BriefRow>(
	rows: readonly R[],
	before: ReadonlyMap<string, number | null>,
	n = 3
): BriefChange<R>[] {
	const out: BriefChange<R>[] = [];
	for (const row of rows) {
		const earlier = before.get(row.unit_code);
		if (row.value === null || earlier === null || earlier === undefined) continue;
		const delta = row.value - earlier;
		if (delta !== 0) out.push({ row, before: earlier, delta });
	}
	return out
		.sort(
			(a, b) =>
				Math.abs(b.delta) - Math.abs(a.delta) || a.row.unit_code.localeCompare(b.row.unit_code)
		)
		.slice(0, n);
}

/** Whether a change is an improvement, a decline or neither (no better direction). */
export function changeDirection(delta: number, better: Better): 'better' | 'worse' | 'neutral' {
	if (better === null) return 'neutral';
	return delta > 0 === (better === 'higher') ? 'better' : 'worse';
}
