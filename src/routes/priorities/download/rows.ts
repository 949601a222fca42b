/**
 * The columns of the planners' list as a file: one row per commune in the page's order, the
 * points lost and the counts needed on each service-index component, and the engine's actions.
 * Points with one decimal, as the page shows them; a figure the page writes "<0,1" is 0.1 here,
 * one just under 100 is 99.9 (the file stays numeric). Counts are whole already.
 */
import type { Cell } from '$lib/server/http/csv';
import type { SheetColumn } from '$lib/server/http/xlsx-writer';
import type { PriorityRow } from '$lib/server/queries/priorities';
import { FOCUS_CODES } from '$lib/domain/focus';
import { findIndicator } from '$lib/domain/indicators';
import type { Locale } from '$lib/i18n';

// Closer than this to 0 or 100 is floating-point noise (format.ts, formatBounded).
const NOISE = 1e-9;

/** Points of the index to one decimal, never rounded to 0 or 100 when not exactly so. */
export function roundPoints(x: number | null): number | null {
	if (x === null) return null;
	const r = Number(x.toFixed(1));
	if (r === 0 && x > NOISE) return 0.1;
	if (r === 100 && x < 100 - NOISE) return 99.9;
	return r;
}

/** Flows need so many more a month; a stock (procedures published) so many more in all. */
const neededColumn = (code: string) =>
	findIndicator(code)!.aggregation.type === 'flow_ratio'
		? `${code}_needed_per_month`
		: `${code}_needed`;

export const DOWNLOAD_HEADER = [
	'rank',
	'unit_code',
	'unit_name',
	'service_index',
	'points_recoverable',
	'low_confidence',
	'months_reported',
	'months_expected',
	...FOCUS_CODES.flatMap((code) => [`${code}_points_lost`, neededColumn(code)]),
	'actions'
];

export const DOWNLOAD_COLUMNS: SheetColumn[] = DOWNLOAD_HEADER.map((h) =>
	h === 'unit_code'
		? { width: 10, text: true }
		: { width: h === 'unit_name' ? 28 : h === 'actions' ? 100 : 14 }
);

/**
 * Cells of each commune. A component at full points has no gap: 0 points lost and 0 needed; one
 * without figures is left blank (it does not count in the index).
 */
export function downloadRows(rows: readonly PriorityRow[], locale: Locale): Cell[][] {
	return rows.map((r, k) => {
		const byCode = new Map(r.gaps.map((g) => [g.indicator, g]));
		return [
			k + 1,
			r.unit_code,
			r.unit_name,
			roundPoints(r.service_index),
			roundPoints(r.points_recoverable),
			r.low_confidence,
			r.months_reported,
			r.months_expected,
			...FOCUS_CODES.flatMap((code) => {
				const g = byCode.get(code);
				if (!g) return [0, 0];
				return g.value === null ? [null, null] : [roundPoints(g.points_lost), g.needed];
			}),
			r.gaps.map((g) => g.action_i18n[locale]).join('\n')
		];
	});
}
