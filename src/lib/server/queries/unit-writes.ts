/**
 * Writes of the units, their lineage and the measure catalogue (seeding, boundary imports and
 * schematic shapes). Idempotent: units are matched by code and validity start, lineage by its ends.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Measure } from '../../domain/measures.ts';

/** A unit's facts as stored (nulls for what is not known). */
export interface UnitRecord {
	code: string;
	name: string;
	short_name: string;
	type: string;
	level: 'province' | 'district' | 'commune';
	valid_from: string | null;
	valid_to: string | null;
	lon: number | null;
	lat: number | null;
	area_km2: number | null;
	population: number | null;
	search_name: string;
}

/** A merger link between the last version of one unit and the first of another. */
export interface LineageRecord {
	from_code: string;
	from_valid_to: string;
	to_code: string;
	to_valid_from: string;
	relation: string;
	share: number;
	legal_basis: string | null;
}

/** Writes one measure of the catalogue at its position (names may change; codes do not). */
export async function upsertMeasure(tx: Executor, m: Measure, position: number): Promise<void> {
	await tx.run(sql`insert into measures (code, name_vi, name_en, kind, part_of, position)
		values (${m.code}, ${m.name.vi}, ${m.name.en}, ${m.kind}, ${m.partOf}, ${position})
		on conflict (code) do update set name_vi = excluded.name_vi, name_en = excluded.name_en,
			kind = excluded.kind, part_of = excluded.part_of, position = excluded.position`);
}

/** Inserts a unit, or updates the one with the same code and validity start. */
export async function upsertUnit(tx: Executor, u: UnitRecord): Promise<void> {
	await tx.run(sql`insert into units (code, name, short_name, type, level, valid_from, valid_to,
			lon, lat, area_km2, population, search_name)
		values (${u.code}, ${u.name}, ${u.short_name}, ${u.type}, ${u.level}, ${u.valid_from},
			${u.valid_to}, ${u.lon}, ${u.lat}, ${u.area_km2},
			${u.population}, ${u.search_name})
		on conflict (code, coalesce(valid_from, '0001-01-01')) do update set
			name = excluded.name, short_name = excluded.short_name, type = excluded.type,
			level = excluded.level, valid_to = excluded.valid_to, lon = excluded.lon, lat = excluded.lat,
			area_km2 = excluded.area_km2, population = excluded.population,
			search_name = excluded.search_name`);
}

/** Sets a unit's parent: the unit bearing `parentCode` valid on the child's first (or last) day. */
export async function linkParent(
	tx: Executor,
	code: string,
	validFrom: string | null,
	parentCode: string
): Promise<void> {
	await tx.run(sql`update units c set parent_id = p.id
		from units p
		where c.code = ${code} and coalesce(c.valid_from, '0001-01-01') = coalesce(${validFrom}::date, '0001-01-01')
			and p.code = ${parentCode}
			and coalesce(p.valid_from, '0001-01-01') <= coalesce(c.valid_from, '0001-01-01')
			and coalesce(p.valid_to, '9999-12-31') >= coalesce(c.valid_to, c.valid_from, '0001-01-01')`);
}

/** Inserts or updates a lineage link. */
export async function upsertLineage(tx: Executor, l: LineageRecord): Promise<void> {
	await tx.run(sql`insert into lineage (from_unit_id, to_unit_id, effective, relation, share, legal_basis)
		select f.id, t.id, ${l.to_valid_from}::date, ${l.relation}, ${l.share}, ${l.legal_basis}
		from units f, units t
		where f.code = ${l.from_code} and f.valid_to = ${l.from_valid_to}::date
			and t.code = ${l.to_code} and t.valid_from = ${l.to_valid_from}::date
		on conflict (from_unit_id, to_unit_id) do update set effective = excluded.effective,
			relation = excluded.relation, share = excluded.share, legal_basis = excluded.legal_basis`);
}

/** Fills district_id / province_id from the parent chain (at most two steps up). */
export async function fillAncestors(tx: Executor): Promise<void> {
	await tx.run(sql`update units c set
			district_id = case when c.level = 'district' then c.id when p.level = 'district' then p.id end,
			province_id = case when c.level = 'province' then c.id when p.level = 'province' then p.id
				when g.level = 'province' then g.id end
		from units c2
			left join units p on p.id = c2.parent_id
			left join units g on g.id = p.parent_id
		where c2.id = c.id`);
}

/** The communes valid on `at` that have a centre point, and whether each has geometry already. */
export function communeCentresAt(
	tx: Executor,
	at: string
): Promise<{ id: number; lon: number; lat: number; has: boolean }[]> {
	return tx.rows<{ id: number; lon: number; lat: number; has: boolean }>(sql`
		select id, lon::float8 as lon, lat::float8 as lat, geometry is not null as has from units
		where level = 'commune' and lon is not null and lat is not null
			and coalesce(valid_from, '0001-01-01') <= ${at}::date and coalesce(valid_to, '9999-12-31') >= ${at}::date
		order by id`);
}

/** Sets one unit's geometry and where it comes from. */
export async function setGeometry(
	tx: Executor,
	unitId: number,
	geometry: unknown,
	source: string
): Promise<void> {
	await tx.run(
		sql`update units set geometry = ${JSON.stringify(geometry)}::jsonb, geometry_source = ${source} where id = ${unitId}`
	);
}

/**
 * Sets the geometry of the unit bearing `code` on `at` (of `level` when given); returns how many
 * units took it (0 when no unit matches).
 */
export function setGeometryByCode(
	tx: Executor,
	code: string,
	geometry: unknown,
	options: { at: string; source: string; level?: string | null }
): Promise<number> {
	return tx.run(sql`update units set geometry = ${JSON.stringify(geometry)}::jsonb,
			geometry_source = ${options.source}
		where code = ${code}
			and coalesce(valid_from, '0001-01-01') <= ${options.at}::date
			and coalesce(valid_to, '9999-12-31') >= ${options.at}::date
			${options.level ? sql`and level = ${options.level}` : sql``}`);
}

/**
 * Districts and provinces without geometry get the union (a MultiPolygon) of their communes'
 * (a province: of its communes still valid on `today`); returns how many units got one.
 */
export function fillGeometryFromCommunes(tx: Executor, today: string): Promise<number> {
	return tx.run(sql`update units u set geometry = g.geometry, geometry_source = g.source
		from (
			select a.id,
				jsonb_build_object('type', 'MultiPolygon', 'coordinates', jsonb_agg(
					case when c.geometry->>'type' = 'Polygon' then c.geometry->'coordinates' end
				) filter (where c.geometry->>'type' = 'Polygon')) as geometry,
				case when bool_and(c.geometry_source = 'schematic') then 'schematic' else min(c.geometry_source) end as source
			from units a
			join units c on c.level = 'commune' and c.geometry is not null
				and (c.district_id = a.id or (a.level = 'province' and c.province_id = a.id
					and coalesce(c.valid_to, '9999-12-31') >= ${today}::date))
			where a.level in ('district', 'province') and a.geometry is null
			group by a.id
		) g
		where u.id = g.id`);
}
