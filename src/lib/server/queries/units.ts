/** Units: listing by level and parent at a date, resolving a code at a date or in a period. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { badRequest, notFound } from './errors.ts';
import { intArray } from './arrays.ts';
import type { UnitSpan } from '../services/import/validate.ts';

export type Level = 'province' | 'district' | 'commune';
export const LEVELS: readonly Level[] = ['province', 'district', 'commune'];

export interface UnitRow {
	id: number;
	code: string;
	name: string;
	short_name: string;
	type: string;
	level: Level;
	parent_code: string | null;
	valid_from: string | null;
	valid_to: string | null;
	lon: number | null;
	lat: number | null;
	geometry_source: string | null;
}

const columns = sql`u.id, u.code, u.name, u.short_name, u.type, u.level, p.code as parent_code,
	u.valid_from::text as valid_from, u.valid_to::text as valid_to, u.lon::float8 as lon,
	u.lat::float8 as lat, u.geometry_source`;

/** Checks a level parameter. */
export function parseLevel(level: string | null | undefined, fallback?: Level): Level {
	if (!level && fallback) return fallback;
	if (!LEVELS.includes(level as Level))
		badRequest(`Unknown level "${level ?? ''}": use province, district or commune`);
	return level as Level;
}

const validOn = (at: string) =>
	sql`coalesce(u.valid_from, '0001-01-01') <= ${at}::date and coalesce(u.valid_to, '9999-12-31') >= ${at}::date`;

/** Units at a level valid on `at`, optionally under a parent unit (any depth). */
export async function listUnits(
	db: Executor,
	options: { level?: Level; parentCode?: string; at: string }
): Promise<UnitRow[]> {
	let parentId: number | null = null;
	if (options.parentCode) parentId = (await resolveUnit(db, options.parentCode, options.at)).id;
	return db.rows<UnitRow>(sql`select ${columns} from units u left join units p on p.id = u.parent_id
		where ${validOn(options.at)}
			${options.level ? sql`and u.level = ${options.level}` : sql``}
			${parentId !== null ? sql`and (u.parent_id = ${parentId} or u.district_id = ${parentId} or u.province_id = ${parentId}) and u.id <> ${parentId}` : sql``}
		order by u.code`);
}

/** The unit bearing `code` on `at`; 404 naming the dates the code was valid otherwise. */
export async function resolveUnit(db: Executor, code: string, at: string): Promise<UnitRow> {
	const rows =
		await db.rows<UnitRow>(sql`select ${columns} from units u left join units p on p.id = u.parent_id
		where u.code = ${code} order by u.valid_from nulls first`);
	const hit = rows.find(
		(u) => (u.valid_from ?? '0001-01-01') <= at && (u.valid_to ?? '9999-12-31') >= at
	);
	if (hit) return hit;
	if (rows.length === 0) notFound(`Unknown unit code "${code}"`);
	const spans = rows
		.map((u) => `${u.name} ${u.valid_from ?? '…'} – ${u.valid_to ?? 'now'}`)
		.join('; ');
	notFound(`No unit bore code "${code}" on ${at} (it was: ${spans})`);
}

/** The units bearing `code` at some time between two dates (codes are reused across eras). */
export async function unitsInSpan(
	db: Executor,
	code: string,
	from: string,
	to: string
): Promise<UnitRow[]> {
	return db.rows<UnitRow>(sql`select ${columns} from units u left join units p on p.id = u.parent_id
		where u.code = ${code} and coalesce(u.valid_from, '0001-01-01') <= ${to}::date
			and coalesce(u.valid_to, '9999-12-31') >= ${from}::date
		order by u.valid_from nulls first`);
}

/** Every unit that bore `code`, of any era, oldest first. */
export function unitsBearing(db: Executor, code: string): Promise<UnitSpan[]> {
	return db.rows<UnitSpan>(sql`select id, code, name, level,
			valid_from::text as "validFrom", valid_to::text as "validTo"
		from units where code = ${code} order by valid_from nulls first`);
}

/** What a figure's row says of its unit: code, names and validity (YYYY-MM-DD, null open). */
export interface UnitName {
	code: string;
	name: string;
	shortName: string;
	validFrom: string | null;
	validTo: string | null;
}

/**
 * The names of the units `ids` (every unit without `ids`), by id. Read once per data version by
 * the values of a view (values.ts), so the aggregate of a national view returns numbers only:
 * its 10,000 rows' names cost the server more to read than the figures.
 */
export async function unitNames(db: Executor, ids?: number[]): Promise<Map<number, UnitName>> {
	const rows = await db.rows<{
		id: number;
		code: string;
		name: string;
		short_name: string;
		valid_from: string | null;
		valid_to: string | null;
	}>(sql`select id, code, name, short_name, valid_from::text as valid_from,
		valid_to::text as valid_to from units ${ids ? sql`where id = any(${intArray(ids)})` : sql``}`);
	return new Map(
		rows.map((r) => [
			Number(r.id),
			{
				code: r.code,
				name: r.name,
				shortName: r.short_name,
				validFrom: r.valid_from,
				validTo: r.valid_to
			}
		])
	);
}
