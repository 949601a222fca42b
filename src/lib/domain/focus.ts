/**
 * A planner's focus on one service-index component: the communes re-ranked by the points they
 * lose on that component alone, its gap shown first. Pure, so the page, its downloads and the
 * priorities API put the communes in the same order.
 */
import { componentsOf, type IndicatorCode } from './indicators.ts';

/** The six components of the service index, in catalogue order: the focus choices. */
export const FOCUS_CODES: readonly IndicatorCode[] = componentsOf('service_index').map(
	(i) => i.code
);

/** True when `code` is one of the service index's components. */
export function isFocusCode(code: string): code is IndicatorCode {
	return (FOCUS_CODES as readonly string[]).includes(code);
}

interface RankedRow {
	unit_code: string;
	points_recoverable: number | null;
	gaps: readonly { indicator: IndicatorCode; value: number | null; points_lost: number }[];
}

/**
 * Points a commune loses on one component: 0 when it has full points (the engine lists no gap
 * for it), null when the component has no figure (its points are then not counted at all).
 */
export function pointsLostOn(row: RankedRow, focus: IndicatorCode): number | null {
	const gap = row.gaps.find((g) => g.indicator === focus);
	if (!gap) return 0;
	return gap.value === null ? null : gap.points_lost;
}

/**
 * The rows ranked by {@link pointsLostOn} the focus, most first, then by points recoverable on the
 * whole index and by code; communes without a figure for the focus come last. Each row's gaps
 * start with the focus gap. New arrays: the input is left as it was.
 */
export function focusOn<T extends RankedRow>(rows: readonly T[], focus: IndicatorCode): T[] {
	const key = (r: T) => pointsLostOn(r, focus) ?? -1;
	return rows
		.map((r) => ({
			...r,
			gaps: [
				...r.gaps.filter((g) => g.indicator === focus),
				...r.gaps.filter((g) => g.indicator !== focus)
			]
		}))
		.sort(
			(a, b) =>
				key(b) - key(a) ||
				(b.points_recoverable ?? -1) - (a.points_recoverable ?? -1) ||
				a.unit_code.localeCompare(b.unit_code)
		);
}
