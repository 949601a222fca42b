/**
 * Reconciliation of the official Decision 766 index (as the national portal publishes it) with
 * Xã Số's own computation: per group of the service index the official points, ours and the
 * difference; a difference above one point is flagged, and explained where the store knows a
 * cause (a month missing in our figures, a unit merged in the period, a report that reached us
 * after the portal published).
 */
import { componentsOf, type IndicatorCode } from './indicators.ts';
import type { ComponentScore } from './scoring.ts';

/** The six groups, in the catalogue's order: the components of the service index. */
export const OFFICIAL_GROUPS: readonly IndicatorCode[] = componentsOf('service_index').map(
	(i) => i.code
);

/** A difference (in points) above which a group or the total is flagged. */
export const FLAG_THRESHOLD = 1;

/** Published official scores of one unit and period: points per group and the 0–100 total. */
export interface OfficialScore {
	groups: Partial<Record<IndicatorCode, number | null>>;
	total: number;
}

/** What the store knows about a unit and period that can make our figures differ. */
export type Cause =
	| { kind: 'missing_months'; reported: number; expected: number }
	| { kind: 'merged'; date: string }
	| { kind: 'late_report'; months: string[] };

export interface ReconciledLine {
	/** A group's indicator code, or 'total'. */
	code: IndicatorCode | 'total';
	official: number | null;
	computed: number | null;
	/** official − computed, null when either is missing. */
	difference: number | null;
	flagged: boolean;
}

export interface Reconciliation {
	lines: ReconciledLine[];
	/** Some line is flagged. */
	flagged: boolean;
	/** The known causes, only when something is flagged. */
	causes: Cause[];
}

/** Rounds to 2 decimals, as the portal publishes: float noise is no difference. */
const round2 = (x: number) => Math.round(x * 100) / 100 + 0; // + 0: no -0

function line(
	code: ReconciledLine['code'],
	official: number | null,
	computed: number | null
): ReconciledLine {
	const difference = official === null || computed === null ? null : round2(official - computed);
	// A figure on one side only is a difference the reader must see.
	const oneSided = (official === null) !== (computed === null);
	return {
		code,
		official,
		computed,
		difference,
		flagged: oneSided || (difference !== null && Math.abs(difference) > FLAG_THRESHOLD)
	};
}

/**
 * Lines of the six groups and the total for one unit and period.
 * @param official the portal's scores, or null when none were imported
 * @param computed our service index (value 0–100, components with the points earned), or null
 * @param causes the causes the store knows of; kept only when something is flagged
 */
export function reconcile(
	official: OfficialScore | null,
	computed: { value: number | null; components: readonly ComponentScore[] } | null,
	causes: readonly Cause[]
): Reconciliation {
	const earned = new Map((computed?.components ?? []).map((c) => [c.code, c.earned]));
	const lines = OFFICIAL_GROUPS.map((code) =>
		line(code, official?.groups[code] ?? null, earned.get(code) ?? null)
	);
	lines.push(line('total', official?.total ?? null, computed?.value ?? null));
	const flagged = official !== null && lines.some((l) => l.flagged);
	return { lines, flagged, causes: flagged ? [...causes] : [] };
}

/**
 * The causes of a unit's figures for a period, from what the store holds.
 * @param reported months with figures of the period, of `expected` it had to report
 * @param mergedOn the date of a merger (or split) that formed or ended the unit within the
 *   period, or null: the portal and we may attribute the predecessors' dossiers differently
 * @param lateMonths months whose figures reached us after the portal published (see queries)
 */
export function causesOf(input: {
	reported: number;
	expected: number;
	mergedOn: string | null;
	lateMonths: readonly string[];
}): Cause[] {
	const causes: Cause[] = [];
	if (input.reported < input.expected)
		causes.push({ kind: 'missing_months', reported: input.reported, expected: input.expected });
	if (input.mergedOn !== null) causes.push({ kind: 'merged', date: input.mergedOn });
	if (input.lateMonths.length > 0)
		causes.push({ kind: 'late_report', months: [...input.lateMonths] });
	return causes;
}
