/**
 * The query parameters of every public endpoint and cached page (CONTRACT.md, README), one
 * declaration each: the endpoint reads its parameters through it, hooks.server.ts finds a cached
 * answer with the key built from it, and anything undeclared is a 400 on the API. Parsers fill in
 * defaults and normalise, so the same view is one key however it is spelled; validation the
 * queries already do (indicator, period, unit codes) stays there, with its own messages. The
 * pages' parameters, which never refuse a link, are declared in page-params.ts and re-exported
 * here.
 */
import { badRequest } from '../queries/errors.ts';
import { parseLevel, type Level } from '../queries/units.ts';
import { optionalDate } from '../queries/values.ts';
import { today } from '../../domain/clock.ts';
import { parseClassing } from '../../state/picture-links.ts';
import { format, optional, text, type ParamParser, type ParamSchema } from './query-params.ts';

const level: ParamParser<Level | null> = (raw) => (raw ? parseLevel(raw) : null);
const commune: ParamParser<Level> = (raw) => parseLevel(raw, 'commune');
const asOf: ParamParser = (raw) => optionalDate('as_of', raw);
/** `at`, default today (the day is part of every cache key anyway). */
const atOrToday: ParamParser<string> = (raw) => optionalDate('at', raw) ?? today();
const lang: ParamParser<'vi' | 'en'> = (raw) => (raw === 'en' ? 'en' : 'vi');

/** `GET /api/v1/values` */
export const VALUES_PARAMS = {
	indicator: text,
	period: text,
	level: commune,
	parent: optional,
	as_of: asOf,
	format: format(['json', 'csv', 'zip', 'xlsx', 'geojson'] as const)
} satisfies ParamSchema;

/** What a series is of: shared by `/api/v1/series` and the chart pictures drawn from it. */
const SERIES_QUERY = {
	indicator: text,
	unit: text,
	from: optional,
	to: optional,
	grain: (raw) => raw ?? 'month',
	at: atOrToday
} satisfies ParamSchema;

/** `GET /api/v1/series` */
export const SERIES_PARAMS = {
	...SERIES_QUERY,
	format: format(['json', 'csv', 'zip'] as const)
} satisfies ParamSchema;

/** `GET /api/v1/priorities` */
export const PRIORITIES_PARAMS = {
	parent: (raw) =>
		raw ||
		badRequest('Missing "parent": the code of the district or province whose communes to rank'),
	period: text,
	as_of: asOf,
	lang,
	focus: optional,
	format: format(['json', 'csv'] as const)
} satisfies ParamSchema;

/** `GET /priorities/download` (routes/priorities: the planners' list as a file). */
export const PRIORITIES_DOWNLOAD_PARAMS = {
	area: optional,
	period: optional,
	focus: optional,
	lang,
	format: format(['csv', 'xlsx'] as const)
} satisfies ParamSchema;

/** `GET /api/v1/units` (not cached: a search is answered from the database each time). */
export const UNITS_PARAMS = {
	level,
	parent: optional,
	at: atOrToday,
	q: (raw) => raw,
	format: format(['json', 'csv'] as const)
} satisfies ParamSchema;

/** `GET /api/v1/indicators` */
export const INDICATORS_PARAMS = {
	format: format(['json', 'csv'] as const)
} satisfies ParamSchema;

/** `GET /api/v1/geometry` (its shapes have a memo of their own, keyed by level, day and format). */
export const GEOMETRY_PARAMS = {
	level: commune,
	format: (raw): 'geojson' | 'topojson' | 'binary' => {
		const f = raw ?? 'geojson';
		if (f !== 'geojson' && f !== 'topojson' && f !== 'binary')
			badRequest('format must be geojson (the default), topojson or binary');
		return f;
	},
	period: optional,
	as_of: asOf,
	at: optional
} satisfies ParamSchema;

/** `GET /compare/download` (routes/compare: the units' series as one CSV). */
export const COMPARE_DOWNLOAD_PARAMS = {
	units: text,
	grain: (raw) => raw || 'quarter',
	format: format(['csv'] as const)
} satisfies ParamSchema;

/** `classes=` of a map picture or embed (state/picture-links.ts): one of the map's choices. */
const classes: ParamParser = (raw) => {
	if (!raw) return null;
	try {
		return parseClassing(raw);
	} catch (error) {
		return badRequest((error as Error).message);
	}
};

/** `GET /api/v1/map.svg` and `/api/v1/map.png` (services/map-picture.ts). */
export const MAP_PICTURE_PARAMS = {
	indicator: text,
	period: text,
	level: commune,
	parent: optional,
	as_of: asOf,
	classes,
	lang,
	size: (raw): 'default' | 'og' => {
		if (!raw || raw === 'default') return 'default';
		if (raw === 'og') return 'og';
		return badRequest(`size must be default (1200 × 900) or og (1200 × 630), not "${raw}"`);
	}
} satisfies ParamSchema;

/**
 * `GET /api/v1/chart.svg` and `/api/v1/chart.png` (services/chart-picture.ts): the series
 * parameters (`unit` may list up to six codes, comma-separated), and the language of the texts.
 */
export const CHART_PICTURE_PARAMS = { ...SERIES_QUERY, lang } satisfies ParamSchema;

/** The API answers kept in the answer cache, by route id. */
export const CACHED_API: Readonly<Record<string, ParamSchema>> = {
	'/api/v1/map.svg': MAP_PICTURE_PARAMS,
	'/api/v1/map.png': MAP_PICTURE_PARAMS,
	'/api/v1/chart.svg': CHART_PICTURE_PARAMS,
	'/api/v1/chart.png': CHART_PICTURE_PARAMS,
	'/api/v1/values': VALUES_PARAMS,
	'/api/v1/series': SERIES_PARAMS,
	'/api/v1/priorities': PRIORITIES_PARAMS,
	'/priorities/download': PRIORITIES_DOWNLOAD_PARAMS,
	'/compare/download': COMPARE_DOWNLOAD_PARAMS
};

export * from './page-params.ts';
