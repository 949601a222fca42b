/**
 * The service index in the six groups of Decision 766, in the decision's order, as bars: each
 * group's bar is as long as its points possible (22 the longest) and filled by the points earned.
 */
import type { IndicatorCode } from '$lib/domain/indicators';
import type { ComponentScore } from '$lib/domain/scoring';

/** The groups of Decision 766 in its order, by the indicator scoring each. */
export const GROUPS_766 = [
	{ code: 'transparency_rate', group: 'transparency' },
	{ code: 'on_time_rate', group: 'timeliness' },
	{ code: 'online_uptake', group: 'online' },
	{ code: 'online_payment_rate', group: 'payment' },
	{ code: 'digitization_rate', group: 'digitisation' },
	{ code: 'satisfaction_rate', group: 'satisfaction' }
] as const satisfies readonly { code: IndicatorCode; group: string }[];

export type Group766 = (typeof GROUPS_766)[number]['group'];

export interface BreakdownRow extends ComponentScore {
	group: Group766;
	/** Bar length as a share of the longest group's (0–1). */
	length: number;
	/** Filled share of the bar (0–1); 0 when the group has no figure. */
	fill: number;
}

export interface Breakdown {
	rows: BreakdownRow[];
	/** Points earned, and possible over the groups with a figure (the index rescales to these). */
	earned: number;
	possible: number;
	/** Groups without a figure, left out of the index. */
	missing: number;
}

/** The component scores of a service index row, in the order and shape of the bars. */
export function breakdown(components: readonly ComponentScore[]): Breakdown {
	const byCode = new Map(components.map((c) => [c.code, c]));
	const present = GROUPS_766.flatMap((g) => {
		const c = byCode.get(g.code);
		return c ? [{ ...c, group: g.group }] : [];
	});
	const longest = Math.max(1, ...present.map((c) => c.points));
	const rows = present.map((c) => ({
		...c,
		length: c.points / longest,
		fill: c.earned === null || c.points === 0 ? 0 : c.earned / c.points
	}));
	const scored = rows.filter((r) => r.earned !== null);
	return {
		rows,
		earned: scored.reduce((s, r) => s + r.earned!, 0),
		possible: scored.reduce((s, r) => s + r.points, 0),
		missing: rows.length - scored.length
	};
}
