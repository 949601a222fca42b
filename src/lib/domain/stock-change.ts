/**
 * When a stock (computers, villages with 4G …) last changed value, from its monthly history. A
 * month not reported is a gap, not a change: a stock is as of its last report. A unit summed
 * from several communes changed when any of them last did.
 */

export interface StockChange {
	/** First month (`YYYY-MM`) of the run of equal values that ends the history. */
	since: string;
	/** False when every report holds the same value: `since` is then the first report. */
	changed: boolean;
}

/**
 * The last change of one unit's stock.
 * @param history months in ascending order; null = not reported.
 * @returns null when no month was reported.
 */
export function lastChange(
	history: readonly { month: string; value: number | null }[]
): StockChange | null {
	let last: { month: string; value: number } | null = null;
	let since: string | null = null;
	let changed = false;
	for (const { month, value } of history) {
		if (value === null) continue;
		if (last === null) since = month;
		else if (value !== last.value) {
			since = month;
			changed = true;
		}
		last = { month, value };
	}
	return since === null ? null : { since, changed };
}

/** The last change of a sum of units' stocks: the latest of theirs; null when none reported. */
export function latestChange(changes: readonly (StockChange | null)[]): StockChange | null {
	const known = changes.filter((c): c is StockChange => c !== null);
	if (known.length === 0) return null;
	return {
		since: known.reduce((a, c) => (c.since > a ? c.since : a), known[0].since),
		changed: known.some((c) => c.changed)
	};
}
