/**
 * What the public map needs beyond the figures: which units (and so which shapes) a view is
 * drawn on, the shapes themselves in a compact form, and the
 * sources of those shapes for the attribution.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Level } from './units.ts';

/**
 * The latest date on or before `day` at which the units of a level changed (a unit began, or
 * the day after one ended). The set of units in force is the same on every day from that date
 * to `day`, so it names the set: every period drawn on the same units shares one geometry URL,
 * which a browser downloads once.
 */
export async function unitsChangedOn(db: Executor, level: Level, day: string): Promise<string> {
	const rows = await db.rows<{ at: string | null }>(sql`
		select greatest(
			(select max(valid_from) from units where level = ${level} and valid_from <= ${day}::date),
			(select max(valid_to + 1) from units where level = ${level} and valid_to + 1 <= ${day}::date)
		)::text as at`);
	return rows[0]?.at ?? '1900-01-01';
}

export interface MapFrame {
	/** The date naming the set of units drawn (see {@link unitsChangedOn}). */
	at: string;
	/** The `as_of` the figures must be computed with: as asked, or the period's last day when
	 * units ended during the period (else two eras overlap on the map and share codes, as 03618
	 * does): a period that straddles a reorganisation is reported on the units valid at its end,
	 * which for the districts (abolished on 2025-07-01) is none. */
	asOf: string | null;
	/** True when `asOf` was chosen here rather than asked for. */
	implicitAsOf: boolean;
}

/**
 * Which units a view of `level` over [startDay, endDay] is drawn on, and so which units its
 * figures are reported on: the one rule of the map, the values API and its downloads
 * (`valuesFor` applies it), so a download holds exactly the rows the map draws.
 */
export async function mapFrame(
	db: Executor,
	options: { level: Level; startDay: string; endDay: string; asOf: string | null }
): Promise<MapFrame> {
	const { level, startDay, endDay, asOf } = options;
	if (asOf) return { at: await unitsChangedOn(db, level, asOf), asOf, implicitAsOf: false };
	const [change] = await db.rows<{ ended: boolean; began: boolean }>(sql`
		select
			exists (select 1 from units where level = ${level}
				and valid_to >= ${startDay}::date and valid_to < ${endDay}::date) as ended,
			exists (select 1 from units where level = ${level}
				and valid_from > ${startDay}::date and valid_from <= ${endDay}::date) as began`);
	if (change?.ended)
		return { at: await unitsChangedOn(db, level, endDay), asOf: endDay, implicitAsOf: true };
	const day = change?.began ? endDay : startDay;
	return { at: await unitsChangedOn(db, level, day), asOf: null, implicitAsOf: false };
}

export interface MapShape {
	code: string;
	name: string;
	source: string | null;
	geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** Shapes of the units of a level in force on `at`, with their source, ordered by code. */
export async function shapesAt(db: Executor, level: Level, at: string): Promise<MapShape[]> {
	const rows = await db.rows<{
		code: string;
		name: string;
		source: string | null;
		geometry: string;
	}>(sql`select code, name, geometry_source as source, geometry::text as geometry from units
		where level = ${level} and geometry is not null
			and coalesce(valid_from, '0001-01-01') <= ${at}::date
			and coalesce(valid_to, '9999-12-31') >= ${at}::date
		order by code`);
	return rows.map((r) => ({
		code: r.code,
		name: r.name,
		source: r.source,
		geometry: JSON.parse(r.geometry)
	}));
}

/**
 * The distinct sources of the shapes a map of `level` on `at` draws (for the attribution line):
 * the same units as {@link shapesAt}, without reading their geometry.
 */
export async function geometrySourcesAt(db: Executor, level: Level, at: string): Promise<string[]> {
	const rows = await db.rows<{ source: string }>(sql`
		select distinct geometry_source as source from units
		where level = ${level} and geometry is not null and geometry_source is not null
			and coalesce(valid_from, '0001-01-01') <= ${at}::date
			and coalesce(valid_to, '9999-12-31') >= ${at}::date
		order by 1`);
	return rows.map((r) => r.source);
}

/**
 * The short name of the one province in force on `at`, for the sentence above the map; null
 * when there are several (a national view).
 */
export async function provinceNameAt(db: Executor, at: string): Promise<string | null> {
	const rows = await db.rows<{ name: string }>(sql`
		select coalesce(nullif(short_name, ''), name) as name from units
		where level = 'province'
			and coalesce(valid_from, '0001-01-01') <= ${at}::date
			and coalesce(valid_to, '9999-12-31') >= ${at}::date
		limit 2`);
	return rows.length === 1 ? rows[0].name : null;
}
