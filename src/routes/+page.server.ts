import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import type { ValueRow, ValuesResult } from '$lib/server/queries/values';
import { cachedValuesFor } from '$lib/server/queries/values-cached';
import { geometrySourcesAt, mapFrame, provinceNameAt } from '$lib/server/queries/map';
import { listUnits, resolveUnit } from '$lib/server/queries/units';
import { dataSpan } from '$lib/server/queries/settings';
import type { Executor } from '$lib/server/db';
import { firstDay, lastDay, parsePeriod } from '$lib/domain/periods';
import { today as todayInVietnam } from '$lib/domain/clock';
import { districtsExistIn, readView, type Level, type MapView } from '$lib/state/map-view';
import { defaultPeriod } from '$lib/state/period-menu';
import { packFigures, type MapFigures } from '$lib/state/map-figures';
import { firstRows, parseSort, TABLE_LIMIT } from '$lib/state/table-sort';
import { readSource, withSource, type MapSource } from '$lib/server/services/map-source';
import { perVersion } from '$lib/server/queries/version-memo';

/** Above this many units the no-JavaScript map is too heavy to draw and too fine to read. */
const NOSCRIPT_MAP_UNITS = 400;

/** What the map and table show of a figure (the API row without its composite breakdown). */
export type MapRow = Omit<ValueRow, 'components'>;

/** A unit of the list beside the map: the units under the selected area. */
export type ChildRow = Pick<ValueRow, 'unit_code' | 'unit_name' | 'value' | 'low_confidence'> & {
	level: Level;
};

export type Unavailable =
	| { reason: 'district_gone' }
	| { reason: 'future'; last: string }
	| { reason: 'query'; message: string };

interface Figures {
	all: MapRow[];
	/** Packed for the map when the table may be cut. */
	figures: MapFigures | null;
}

// What the page makes of a cached values answer, made once per answer (the answer itself is
// kept by the value cache, per data version: queries/values-cached.ts).
const madeFrom = new WeakMap<ValuesResult, Figures>();

function figuresOf(result: ValuesResult): Figures {
	let made = madeFrom.get(result);
	if (!made) {
		// Only composites carry components: other answers' rows are the map's rows as they are.
		const all = result.rows.some((r) => r.components)
			? result.rows.map(({ components: _components, ...row }): MapRow => row)
			: result.rows;
		made = { all, figures: all.length > TABLE_LIMIT ? packFigures(all) : null };
		madeFrom.set(result, made);
	}
	return made;
}

/**
 * The public map: the figures of one indicator, period and level (from the URL; see
 * state/map-view.ts), the URL of the shapes to draw them on, what the page must say about them
 * (boundary sources, a reorganisation inside the period; demo data is the layout's), the areas
 * one can select and the units under the selected one (`parent`).
 *
 * The figures come from the verb `GET /api/v1/values` calls (`cachedValuesFor`), through the
 * same value cache, keyed by the parsed view and the data version: a national view costs its
 * SQL once per change of the figures, not once per visitor, and an approval shows at once.
 *
 * The table gets full rows: all of them up to {@link TABLE_LIMIT} units (or with `?rows=all`),
 * and the map reads its figures from them; else the first rows in the order of `sort`, and the
 * map gets every unit's value packed apart (state/map-figures.ts).
 */
export const load: PageServerLoad = async ({ url }) => {
	const store = await ready();
	// Lookups that change only with the data version are asked once per version.
	const memo = perVersion(store);
	const today = todayInVietnam();
	const lastMonth = (await memo('span', () => dataSpan(store))).last;
	const read = readView(url.searchParams, defaultPeriod(lastMonth, today));
	const { view } = read;
	const asked = readSource(url.searchParams);
	const invalid = asked.invalid ? [...read.invalid, 'source'] : read.invalid;
	const period = parsePeriod(view.period)!;
	const side = { areas: [] as Area[], children: null as Children | null };
	const none: MapSource = { available: false, official: false };
	const base = { view, invalid, lastMonth, today, ...side, source: none };

	if (view.level === 'district' && !districtsExistIn(view.period) && !view.asOf) {
		return { ...base, ...empty(), unavailable: { reason: 'district_gone' } as Unavailable };
	}
	// A period after the last month with figures (a typed URL, 2030-01) says so, not a blank map.
	if (lastMonth && period.start > lastMonth)
		return {
			...base,
			...empty(),
			unavailable: { reason: 'future', last: lastMonth } as Unavailable
		};
	try {
		const startDay = firstDay(period.start);
		const endDay = lastDay(period.end);
		// The key valuesFor's own memo of the frame uses (queries/values.ts).
		const frame = await memo(`frame|${view.level}|${startDay}|${endDay}|${view.asOf ?? ''}`, () =>
			mapFrame(store, { level: view.level, startDay, endDay, asOf: view.asOf })
		);
		const query = new URLSearchParams({
			indicator: view.indicator,
			period: view.period,
			level: view.level
		});
		if (view.asOf) query.set('as_of', view.asOf);
		const [result, sources, place, areas, children] = await Promise.all([
			cachedValuesFor(store, { ...view, parent: null }),
			memo(`sources|${view.level}|${frame.at}`, () =>
				geometrySourcesAt(store, view.level, frame.at)
			),
			memo(`place|${frame.at}`, () => provinceNameAt(store, frame.at)),
			memo(
				`areas|${frame.at}|${view.asOf ?? ''}|${districtsExistIn(view.period)}|${view.parent ?? ''}`,
				() => areasAt(store, view, frame.at)
			),
			childrenOf(store, view)
		]);
		const drawn = figuresOf(result);
		// The portal's official totals in place of ours, when asked (services/map-source.ts).
		const { rows: all, source } = await withSource(store, view, drawn.all, asked.official);
		const figures = source.official && all.length > TABLE_LIMIT ? packFigures(all) : drawn.figures;
		const whole = all.length <= TABLE_LIMIT || url.searchParams.get('rows') === 'all';
		// One URL per set of units (`level` left out at its default, commune), in the binary
		// form the map reads without parsing (shapes-binary.ts).
		const geometry = new URLSearchParams({ at: frame.at });
		if (view.level !== 'commune') geometry.set('level', view.level);
		geometry.set('format', 'binary');
		return {
			...base,
			source,
			areas,
			children,
			rows: whole ? all : firstRows(all, parseSort(url.searchParams.get('sort'))),
			// A whole table already carries every figure: the map reads them from the rows.
			figures: whole ? null : figures,
			// For the browser: the map's cards fetch a cut view's full rows from it.
			valuesUrl: `/api/v1/values?${query}`,
			sources,
			geometryUrl: `/api/v1/geometry?${geometry}`,
			mergedOnto: frame.implicitAsOf ? frame.asOf : null,
			fallback: {
				// The view's framable map in its place, for a reader without JavaScript: not for a
				// national view (too many units to draw) nor the portal's figures (it draws ours).
				noscriptMap: !source.official && all.length > 0 && all.length <= NOSCRIPT_MAP_UNITS,
				place
			} satisfies PageFallback,
			unavailable: null
		};
	} catch (caught) {
		if (!(caught instanceof QueryError)) throw caught;
		const unavailable: Unavailable = { reason: 'query', message: caught.message };
		return { ...base, ...empty(), unavailable };
	}
};

/** An area one can select to list its units. */
export interface Area {
	code: string;
	name: string;
	level: Level;
}

/** The units under the selected area, or why they cannot be listed. */
export type Children = { parent: string; rows: ChildRow[] } | { parent: string; message: string };

/**
 * Provinces on the map's day and, while districts existed, the districts of one province: the
 * lone province's, or else the selected area's (the province chosen, or the district's own).
 */
async function areasAt(store: Executor, view: MapView, at: string): Promise<Area[]> {
	const slim = (u: { code: string; name: string; level: Level }): Area => ({
		code: u.code,
		name: u.name,
		level: u.level
	});
	const provinces = (await listUnits(store, { level: 'province', at })).map(slim);
	if (view.asOf || !districtsExistIn(view.period)) return provinces;
	const province = provinces.length === 1 ? provinces[0].code : await provinceOf(store, view, at);
	if (!province) return provinces;
	const districts = (await listUnits(store, { level: 'district', parentCode: province, at })).map(
		slim
	);
	// Each province's districts right after it, as the select shows them indented.
	const k = provinces.findIndex((p) => p.code === province);
	return [...provinces.slice(0, k + 1), ...districts, ...provinces.slice(k + 1)];
}

/** The province the selected area is or lies in on `at`; null when none is selected or known. */
async function provinceOf(store: Executor, view: MapView, at: string): Promise<string | null> {
	if (!view.parent) return null;
	try {
		const unit = await resolveUnit(store, view.parent, at);
		if (unit.level === 'province') return unit.code;
		return unit.level === 'district' ? unit.parent_code : null;
	} catch (caught) {
		if (caught instanceof QueryError) return null;
		throw caught;
	}
}

/** The units one level under `view.parent` (districts of a province while they existed). */
async function childrenOf(store: Executor, view: MapView): Promise<Children | null> {
	const parent = view.parent;
	if (!parent) return null;
	const level: Level =
		parent.length === 2 && districtsExistIn(view.period) && !view.asOf ? 'district' : 'commune';
	try {
		const result = await cachedValuesFor(store, { ...view, level, parent });
		const rows = result.rows.map((r) => ({
			unit_code: r.unit_code,
			unit_name: r.unit_name,
			value: r.value,
			low_confidence: r.low_confidence,
			level
		}));
		return { parent, rows };
	} catch (caught) {
		if (!(caught instanceof QueryError)) throw caught;
		return { parent, message: caught.message };
	}
}

function empty() {
	return {
		rows: [] as MapRow[],
		figures: null as MapFigures | null,
		valuesUrl: null as string | null,
		sources: [] as string[],
		geometryUrl: null as string | null,
		mergedOnto: null as string | null,
		fallback: null as PageFallback | null
	};
}

interface PageFallback {
	/** Whether the page offers the map without JavaScript (NoScriptMap.svelte). */
	noscriptMap: boolean;
	place: string | null;
}
