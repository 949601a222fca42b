/**
 * The query parameters of the cached public pages, one declaration each (re-exported by
 * public-params.ts, where every public parameter is declared).
 */
import { findIndicator } from '../../domain/indicators.ts';
import { isIsoDate, parsePeriod } from '../../domain/periods.ts';
import {
	DEFAULT_CLASSES,
	DEFAULT_INDICATOR,
	DEFAULT_LEVEL,
	isAreaCode,
	isClassChoice,
	LEVELS
} from '../../state/map-view.ts';
import { DEFAULT_SORT, parseSort } from '../../state/table-sort.ts';
import { parseClassing } from '../../state/picture-links.ts';
import type { ParamParser, ParamSchema } from './query-params.ts';

/*
 * Pages never refuse a link: a parameter they do not know (utm_source, fbclid…) is ignored, and
 * one with a value they cannot use falls back to the default with a notice. Each page is
 * rendered from, and cached under, its canonical query (hooks.server.ts): known parameters only,
 * defaults left out, and an unusable value replaced by INVALID, which the page reports exactly as
 * it reported the original (it never shows the value). So no tag or junk value makes a new cache
 * entry, and none leaks into the links of a page someone else is then served.
 */

/** Stands for any value a page could not use: every check of the page refuses it. */
export const INVALID = 'invalid';

const ignoredUnless =
	(ok: (v: string) => boolean, fallback: string | null = null): ParamParser =>
	(raw) =>
		!raw ? null : raw === fallback ? null : ok(raw) ? raw : INVALID;

const pageLang: ParamParser = (raw) => (raw === 'en' ? 'en' : null);
const period = ignoredUnless((v) => !!parsePeriod(v));

/**
 * `/?indicator=…&period=…&level=…[&as_of=…][&classes=…][&parent=…][&sort=…][&rows=all]`
 * `[&source=official][&lang=en]`
 * (state/map-view.ts).
 */
export const MAP_PAGE_PARAMS = {
	indicator: ignoredUnless((v) => !!findIndicator(v), DEFAULT_INDICATOR),
	period,
	level: ignoredUnless((v) => (LEVELS as readonly string[]).includes(v), DEFAULT_LEVEL),
	as_of: ignoredUnless(isIsoDate),
	classes: ignoredUnless(isClassChoice, DEFAULT_CLASSES),
	parent: ignoredUnless(isAreaCode),
	// Only these two never give a notice: anything they cannot use is their default.
	sort: (raw) => {
		const sort = parseSort(raw);
		if (sort.key === DEFAULT_SORT.key && sort.descending === DEFAULT_SORT.descending) return null;
		return `${sort.descending ? '-' : ''}${sort.key}`;
	},
	rows: (raw) => (raw === 'all' ? 'all' : null),
	// The portal's official scores instead of ours (services/map-source.ts).
	source: ignoredUnless((v) => v === 'official', 'computed'),
	lang: pageLang
} satisfies ParamSchema;

/** `/units/CODE?period=…[&indicator=…][&at=…][&lang=en]` (routes/units/[code]/links.ts). */
export const UNIT_PAGE_PARAMS = {
	period,
	indicator: ignoredUnless((v) => !!findIndicator(v), DEFAULT_INDICATOR),
	at: ignoredUnless(isIsoDate),
	lang: pageLang
} satisfies ParamSchema;

/** `/priorities?area=…&period=…&focus=…[&lang=en]` (routes/priorities/links.ts). */
export const PRIORITIES_PAGE_PARAMS = {
	area: ignoredUnless((v) => /^\d{2,5}$/.test(v)),
	period,
	focus: ignoredUnless((v) => /^[a-z0-9_]{1,40}$/.test(v)),
	lang: pageLang
} satisfies ParamSchema;

/** `/areas/CODE?period=…&indicator=…[&sort=…][&lang=en]` (state/area-links.ts). */
export const AREA_PAGE_PARAMS = {
	period,
	indicator: ignoredUnless((v) => !!findIndicator(v), 'service_index'),
	sort: MAP_PAGE_PARAMS.sort,
	rows: MAP_PAGE_PARAMS.rows,
	lang: pageLang
} satisfies ParamSchema;

/**
 * `/compare?units=A,B,…[&grain=…]` or `/compare?period=…&with=…&indicator=…[&level=…][&parent=…]`,
 * `[&base=CODE]` pre-filling the form, `[&lang=en]` (routes/compare/links.ts). `units` may hold
 * names typed in the form: the page looks them up and redirects to their codes.
 */
export const COMPARE_PAGE_PARAMS = {
	units: (raw) => (raw === null ? null : raw.length <= 300 ? raw : INVALID),
	grain: ignoredUnless((v) => ['quarter', 'year', 'month'].includes(v), 'quarter'),
	period,
	with: period,
	indicator: ignoredUnless((v) => !!findIndicator(v)),
	level: ignoredUnless((v) => v === 'province', 'commune'),
	parent: ignoredUnless((v) => /^\d{2,5}$/.test(v)),
	base: ignoredUnless((v) => /^\d{2,5}$/.test(v)),
	lang: pageLang
} satisfies ParamSchema;

/** `/areas/CODE/brief?period=…&indicator=…[&lang=en]` (state/area-links.ts): the A4 brief. */
export const AREA_BRIEF_PARAMS = {
	period,
	indicator: AREA_PAGE_PARAMS.indicator,
	lang: pageLang
} satisfies ParamSchema;

/** `/embed/map?indicator=…&period=…&level=…[&parent=…][&as_of=…][&classes=…][&lang=en]`. */
export const EMBED_MAP_PARAMS = {
	indicator: MAP_PAGE_PARAMS.indicator,
	period,
	level: MAP_PAGE_PARAMS.level,
	parent: ignoredUnless((v) => /^\d{2,5}$/.test(v)),
	as_of: MAP_PAGE_PARAMS.as_of,
	classes: ignoredUnless((v) => {
		try {
			return parseClassing(v) !== null;
		} catch {
			return false;
		}
	}),
	lang: pageLang
} satisfies ParamSchema;

/** `/embed/chart?unit=…&indicator=…[&at=…][&lang=en]`: a unit's monthly series. */
export const EMBED_CHART_PARAMS = {
	unit: ignoredUnless((v) => /^\d{2,5}$/.test(v)),
	indicator: MAP_PAGE_PARAMS.indicator,
	at: ignoredUnless(isIsoDate),
	lang: pageLang
} satisfies ParamSchema;

/** `/areas/CODE/reconciliation?period=…[&lang=en]` (official Decision 766 scores beside ours). */
export const RECONCILIATION_PAGE_PARAMS = {
	period,
	lang: pageLang
} satisfies ParamSchema;

/** The public pages whose anonymous renderings are cached, by route id. */
export const CACHED_PAGES: Readonly<Record<string, ParamSchema>> = {
	'/embed/map': EMBED_MAP_PARAMS,
	'/embed/chart': EMBED_CHART_PARAMS,
	'/': MAP_PAGE_PARAMS,
	'/units/[code=unitcode]': UNIT_PAGE_PARAMS,
	'/priorities': PRIORITIES_PAGE_PARAMS,
	'/areas/[code=unitcode]': AREA_PAGE_PARAMS,
	'/compare': COMPARE_PAGE_PARAMS,
	'/areas/[code=unitcode]/brief': AREA_BRIEF_PARAMS,
	'/areas/[code=unitcode]/reconciliation': RECONCILIATION_PAGE_PARAMS
};
