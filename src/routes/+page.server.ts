import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import type { ValueRow } from '$lib/server/queries/values';
import { geometrySourcesAt, mapFrame } from '$lib/server/queries/map';
import { dataSpan } from '$lib/server/queries/settings';
import { mapFallback, type MapFallback } from '$lib/server/queries/map-fallback';
import { firstDay, lastDay, parsePeriod } from '$lib/domain/periods';
import { today as todayInVietnam } from '$lib/domain/clock';
import { districtsExistIn, readView } from '$lib/state/map-view';
import { defaultPeriod } from '$lib/state/period-menu';
import { packFigures, type MapFigures } from '$lib/state/map-figures';
import { firstRows, parseSort, TABLE_LIMIT } from '$lib/state/table-sort';

/** What the map and table show of a figure (the API row without its composite breakdown). */
export type MapRow = Omit<ValueRow, 'components'>;

export type Unavailable = { reason: 'district_gone' } | { reason: 'query'; message: string };

interface Figures {
	etag: string;
	all: MapRow[];
	/** Packed for the map when the table may be cut. */
	figures: MapFigures | null;
}

// The figures of recent views, parsed and packed, by values URL and the ETag of their answer:
// a national answer is 2 MB of JSON, and re-reading it for every visitor costs more than the
// rest of the page. The ETag names the data version, so an approval is never missed.
const recent = new Map<string, Figures>();
const RECENT = 8;

/**
 * The public map: the figures of one indicator, period and level (from the URL; see
 * state/map-view.ts), the URL of the shapes to draw them on, and what the page must say about
 * them (boundary sources, a reorganisation inside the period; demo data is the layout's).
 *
 * The figures come from `/api/v1/values` (called in-process), whose answers are cached per data
 * version: a national view costs its SQL once per change of the figures, not once per visitor,
 * and is parsed here once per version (then revalidated by ETag).
 *
 * The table gets full rows: all of them up to {@link TABLE_LIMIT} units (or with `?rows=all`),
 * and the map reads its figures from them; else the first {@link CUT_ROWS} in the order of
 * `sort`, and the map gets every unit's value packed apart (state/map-figures.ts). Only a cut
 * table reads `sort`, so sorting a whole table in the browser does not reload the figures;
 * changing `lang` never does.
 */
export const load: PageServerLoad = async ({ url, fetch, isDataRequest }) => {
	const store = await ready();
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const { view, invalid } = readView(url.searchParams, defaultPeriod(lastMonth, today));
	const period = parsePeriod(view.period)!;
	const base = { view, invalid, lastMonth, today };

	if (view.level === 'district' && !districtsExistIn(view.period) && !view.asOf) {
		return { ...base, ...empty(), unavailable: { reason: 'district_gone' } as Unavailable };
	}
	try {
		const frame = await mapFrame(store, {
			level: view.level,
			startDay: firstDay(period.start),
			endDay: lastDay(period.end),
			asOf: view.asOf
		});
		const query = new URLSearchParams({
			indicator: view.indicator,
			period: view.period,
			level: view.level
		});
		// Only an asked as_of: the API applies the same frame (mapFrame) to a period across a
		// reorganisation, so the map reads the very URL its downloads are made from.
		if (view.asOf) query.set('as_of', view.asOf);
		const valuesUrl = `/api/v1/values?${query}`;
		const [read, sources] = await Promise.all([
			readFigures(fetch, valuesUrl),
			geometrySourcesAt(store, view.level, frame.at)
		]);
		if ('message' in read)
			return { ...base, ...empty(), unavailable: { reason: 'query', ...read } as Unavailable };
		const { all, figures } = read;
		const whole = all.length <= TABLE_LIMIT || url.searchParams.get('rows') === 'all';
		// One URL per set of units (`level` left out at its default, commune), in the binary
		// form the map reads without parsing (shapes-binary.ts).
		const geometry = new URLSearchParams({ at: frame.at });
		if (view.level !== 'commune') geometry.set('level', view.level);
		geometry.set('format', 'binary');
		return {
			...base,
			rows: whole ? all : firstRows(all, parseSort(url.searchParams.get('sort'))),
			// A whole table already carries every figure: the map reads them from the rows.
			figures: whole ? null : figures,
			valuesUrl,
			sources,
			geometryUrl: `/api/v1/geometry?${geometry}`,
			mergedOnto: frame.implicitAsOf ? frame.asOf : null,
			fallback: await mapFallback(store, view.level, frame.at, !isDataRequest),
			unavailable: null
		};
	} catch (caught) {
		if (!(caught instanceof QueryError)) throw caught;
		const unavailable: Unavailable = { reason: 'query', message: caught.message };
		return { ...base, ...empty(), unavailable };
	}
};

/** The figures of a values URL (from `recent` when the answer is unchanged), or why not. */
async function readFigures(
	fetch: typeof globalThis.fetch,
	valuesUrl: string
): Promise<Figures | { message: string }> {
	const known = recent.get(valuesUrl);
	const response = await fetch(
		valuesUrl,
		known ? { headers: { 'if-none-match': known.etag } } : undefined
	);
	if (response.status === 304 && known) {
		// Most recently used last, so the oldest is dropped first.
		recent.delete(valuesUrl);
		recent.set(valuesUrl, known);
		return known;
	}
	if (!response.ok) {
		const message = ((await response.json().catch(() => null)) as { error?: string } | null)?.error;
		if (response.status >= 500 || !message) error(500, 'The figures could not be read');
		return { message };
	}
	const all = ((await response.json()) as { rows: ValueRow[] }).rows.map(
		({ components: _components, ...row }): MapRow => row
	);
	const read: Figures = {
		etag: response.headers.get('etag') ?? '',
		all,
		figures: all.length > TABLE_LIMIT ? packFigures(all) : null
	};
	if (read.etag) {
		recent.delete(valuesUrl);
		recent.set(valuesUrl, read);
		while (recent.size > RECENT) recent.delete(recent.keys().next().value!);
	}
	return read;
}

function empty() {
	return {
		rows: [] as MapRow[],
		figures: null as MapFigures | null,
		valuesUrl: null as string | null,
		sources: [] as string[],
		geometryUrl: null as string | null,
		mergedOnto: null as string | null,
		fallback: null as MapFallback | null
	};
}
