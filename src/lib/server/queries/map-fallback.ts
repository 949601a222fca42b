/**
 * What the public map page adds for readers the interactive map does not reach: the units drawn
 * as a small server-side SVG (shown without JavaScript, one path per unit with its name and
 * figure as a title: the names are the table's), and the area they lie in, for the sentence
 * above the map.
 *
 * Only in the page's first HTML: a client-side navigation (`isDataRequest`) has JavaScript, so
 * it gets no SVG. Per data version, level and date of the units, the SVG is made once.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Level } from './units.ts';
import { shapesAt } from './map.ts';
import { dataVersion } from './data-version.ts';
import { svgMap, type ShapeInput, type SvgMap } from '../../geo/svg-map.ts';

export interface MapFallback {
	/** The units as SVG paths (400 px wide), or null: not asked for, or too many to be useful. */
	svgMap: SvgMap | null;
	/** The province every unit lies in (its short name), when there is one. */
	place: string | null;
}

/** Above this many units a static map is too heavy for the page and too fine to read. */
export const MAX_SVG_UNITS = 400;
const WIDTH = 400;
const HEIGHT = 300;

// Promises, so that the concurrent first requests of a view share one computation.
const memo = new Map<string, Promise<MapFallback>>();
let memoVersion: number | null = null;

/**
 * The fallback of a map of `level` drawn on the units in force on `at` (mapFrame's `at`).
 * @param svg false for a client-side navigation: only the place is read.
 */
export async function mapFallback(
	db: Executor,
	level: Level,
	at: string,
	svg: boolean
): Promise<MapFallback> {
	const version = await dataVersion(db);
	if (version !== memoVersion) {
		memo.clear();
		memoVersion = version;
	}
	const key = `${level}|${at}|${svg}`;
	const known = memo.get(key);
	if (known) return known;
	const made = makeFallback(db, level, at, svg);
	memo.set(key, made);
	// A failure is not kept: the next request tries again.
	made.catch(() => memo.get(key) === made && memo.delete(key));
	while (memo.size > 16) memo.delete(memo.keys().next().value!);
	return made;
}

async function makeFallback(
	db: Executor,
	level: Level,
	at: string,
	svg: boolean
): Promise<MapFallback> {
	// Above MAX_SVG_UNITS no shape is read: only their count.
	const [place, shapes] = await Promise.all([
		placeAt(db, at),
		svg ? shapesAt(db, level, at, MAX_SVG_UNITS) : []
	]);
	return {
		svgMap:
			shapes.length > 0
				? svgMap(
						shapes.map((s) => ({ code: s.code, geometry: s.geometry as ShapeInput['geometry'] })),
						WIDTH,
						HEIGHT,
						// A map to read at a glance, kept to a few kilobytes of HTML (whole pixels).
						{ minStep: 2.5, padding: 2, compact: true }
					)
				: null,
		place
	};
}

/** The short name of the one province in force on `at`; null when there are several. */
async function placeAt(db: Executor, at: string): Promise<string | null> {
	const rows = await db.rows<{ name: string }>(sql`
		select coalesce(nullif(short_name, ''), name) as name from units
		where level = 'province'
			and coalesce(valid_from, '0001-01-01') <= ${at}::date
			and coalesce(valid_to, '9999-12-31') >= ${at}::date
		limit 2`);
	return rows.length === 1 ? rows[0].name : null;
}
