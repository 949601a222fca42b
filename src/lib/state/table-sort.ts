/**
 * Sorting of the figures table by the URL's `sort` parameter (`value`, `-value`, `name` …; a
 * leading minus is descending), so the server renders the order a link asks for and the page
 * works without JavaScript. Missing values always sort last.
 */
export const SORT_KEYS = ['rank', 'name', 'value', 'count', 'months'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface Sort {
	key: SortKey;
	descending: boolean;
}

export const DEFAULT_SORT: Sort = { key: 'rank', descending: false };

/** The direction a column sorts in on its first click: names A→Z, ranks 1→n, numbers high→low. */
const FIRST_DESCENDING: Record<SortKey, boolean> = {
	rank: false,
	name: false,
	value: true,
	count: true,
	months: true
};

/** Reads `sort`; anything unknown is the default (rank, best first). */
export function parseSort(text: string | null): Sort {
	if (!text) return DEFAULT_SORT;
	const descending = text.startsWith('-');
	const key = (descending ? text.slice(1) : text) as SortKey;
	return SORT_KEYS.includes(key) ? { key, descending } : DEFAULT_SORT;
}

/** The `sort` parameter a column header links to: its first direction, or the reverse if current. */
export function nextSort(current: Sort, key: SortKey): string {
	const descending = current.key === key ? !current.descending : FIRST_DESCENDING[key];
	return descending ? `-${key}` : key;
}

export interface SortableRow {
	unit_name: string;
	unit_code: string;
	value: number | null;
	denominator: number | null;
	months_reported: number;
	rank: number | null;
}

const pick: Record<SortKey, (r: SortableRow) => number | string | null> = {
	rank: (r) => r.rank,
	name: (r) => r.unit_name,
	value: (r) => r.value,
	count: (r) => r.denominator,
	months: (r) => r.months_reported
};

// Built on first use: loading ICU's Vietnamese collation costs a phone ~10 ms, and a page
// hydrating in rank order never compares names.
let collator: Intl.Collator | null = null;
const compareNames = (a: string, b: string) => (collator ??= new Intl.Collator('vi')).compare(a, b);
/** Unit codes are ASCII digits: compared as strings, without a locale's collation. */
const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Units the table shows whole. A national view has ~10,000: all of them would make a 6 MB page;
 * beyond this the table shows its first {@link CUT_ROWS} rows, says how many it shows and links
 * the CSV and `?rows=all`.
 */
export const TABLE_LIMIT = 200;

/**
 * Rows of a cut table: a first page, sortable by any column on the server. Laying out a
 * 200-row table took a third of a second of a laptop's main thread while the page loaded, on
 * every frame of the parse, ahead of the map.
 */
export const CUT_ROWS = 50;

/** The first `limit` rows in the order of `sort` (all of them when there are no more). */
export function firstRows<T extends SortableRow>(
	rows: readonly T[],
	sort: Sort,
	limit = CUT_ROWS
): T[] {
	return sortRows(rows, sort).slice(0, limit);
}

/**
 * A sorted copy of `rows`; ties keep the rank order, then the code. Rows already in that order
 * (the values answer comes ranked, the default order) are copied after one pass that checks it,
 * not sorted again (9,746 communes: n comparisons, not n log n).
 */
export function sortRows<T extends SortableRow>(rows: readonly T[], sort: Sort): T[] {
	const get = pick[sort.key];
	const sign = sort.descending ? -1 : 1;
	const tie = (a: T, b: T) =>
		(a.rank ?? Infinity) - (b.rank ?? Infinity) || compareCodes(a.unit_code, b.unit_code);
	const compare = (a: T, b: T) => {
		const x = get(a);
		const y = get(b);
		if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
		const order =
			typeof x === 'string' ? compareNames(x, y as string) : (x as number) - (y as number);
		return sign * order || tie(a, b);
	};
	let sorted = true;
	for (let i = 1; i < rows.length && sorted; i++) sorted = compare(rows[i - 1], rows[i]) <= 0;
	return sorted ? [...rows] : [...rows].sort(compare);
}
