/**
 * The facts of a map view that a plain-language sentence says above the map ("In 2025, 31 of 38
 * communes of Lai Châu reached 95% or more …; Mường Than ranked first …"): how many units
 * reach the indicator's threshold (its points in a composite), how many fall in each band of a
 * composite, or, for an indicator with neither, how many have a figure; and which units rank
 * first and last. Pure: the wording is in src/lib/i18n/view-summary.ts.
 */
import type { Indicator } from './indicators.ts';
import { band, type Band } from './scoring.ts';

/** What the summary needs of a unit's figure. */
export interface SummaryFigure {
	unit_code: string;
	value: number | null;
}

/** Units sharing an end of the ranking (ties named together), with their value. */
export interface RankEnd {
	names: string[];
	value: number;
}

export type ViewFacts =
	/** No unit has a figure. */
	| { kind: 'none'; total: number }
	/** A single unit in the view (a province map): its figure alone. */
	| { kind: 'one'; name: string | null; value: number }
	/** A threshold of the indicator: how many units reach it (value ≥ threshold). */
	| {
			kind: 'threshold';
			threshold: number;
			reaching: number;
			withData: number;
			total: number;
			first: RankEnd | null;
			last: RankEnd | null;
	  }
	/** A composite: units per band, best band first. */
	| {
			kind: 'bands';
			bands: { band: Band; count: number }[];
			withData: number;
			total: number;
			first: RankEnd | null;
			last: RankEnd | null;
	  }
	/** No threshold: how many have figures, highest and lowest (or best and worst). */
	| {
			kind: 'range';
			withData: number;
			total: number;
			first: RankEnd | null;
			last: RankEnd | null;
	  };

const BANDS_BEST_FIRST: Band[] = ['good', 'fair', 'average', 'weak'];
/** More tied units than this at an end are not named: the sentence would become a list. */
const MAX_NAMED = 3;

/**
 * The facts of a view: `figures` are every unit of the view (with or without a value), `names`
 * the units' names by code (a unit missing from it is not named).
 */
export function viewFacts(
	figures: readonly SummaryFigure[],
	indicator: Pick<Indicator, 'better' | 'kind' | 'scoring'>,
	names: ReadonlyMap<string, string>
): ViewFacts {
	const total = figures.length;
	const known = figures.filter(
		(f): f is { unit_code: string; value: number } => f.value !== null && Number.isFinite(f.value)
	);
	const withData = known.length;
	if (withData === 0) return { kind: 'none', total };
	if (total === 1)
		return { kind: 'one', name: names.get(known[0].unit_code) ?? null, value: known[0].value };

	// The ends of the ranking are the units of the best and of the worst value (ranks shared by
	// ties): found in one pass, not by ranking 10,000 figures.
	let low = Infinity;
	let high = -Infinity;
	for (const f of known) {
		if (f.value < low) low = f.value;
		if (f.value > high) high = f.value;
	}
	const [best, worst] = indicator.better === 'lower' ? [low, high] : [high, low];
	const end = (value: number): RankEnd | null => {
		const at = known.filter((f) => f.value === value);
		const named = at.map((f) => names.get(f.unit_code));
		if (at.length > MAX_NAMED || named.some((n) => n === undefined)) return null;
		return { names: named as string[], value };
	};
	const first = end(best);
	// With every unit tied, first and last are the same units: say it once.
	const last = best === worst ? null : end(worst);

	if (indicator.kind === 'composite') {
		const counts = new Map<Band, number>(BANDS_BEST_FIRST.map((b) => [b, 0]));
		for (const f of known) {
			const b = band(f.value)!;
			counts.set(b, counts.get(b)! + 1);
		}
		return {
			kind: 'bands',
			bands: BANDS_BEST_FIRST.map((b) => ({ band: b, count: counts.get(b)! })),
			withData,
			total,
			first,
			last
		};
	}
	if (indicator.scoring && indicator.better === 'higher') {
		const threshold = indicator.scoring.threshold;
		const reaching = known.filter((f) => f.value >= threshold).length;
		return { kind: 'threshold', threshold, reaching, withData, total, first, last };
	}
	return { kind: 'range', withData, total, first, last };
}
