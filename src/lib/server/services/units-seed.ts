/**
 * Loads the project's own unit facts (codes, names, validity, centre points, lineage) into the
 * store. Idempotent: units are matched by code and validity start and updated in place.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { MEASURES } from '../../domain/measures.ts';
import { searchKey } from '../../domain/text.ts';

export const seedDir = resolve(process.env.SEED_DIR ?? 'src/lib/server/services/seed-data');

interface UnitFact {
	code: string;
	name: string;
	short_name: string;
	type: string;
	level: 'province' | 'district' | 'commune';
	parent_code: string;
	valid_from: string;
	valid_to: string;
	lon: string;
	lat: string;
	area_km2: string;
	population: string;
}

interface LineageFact {
	from_code: string;
	from_valid_to: string;
	to_code: string;
	to_valid_from: string;
	relation: string;
	share: string;
	legal_basis: string;
}

function readCsv<T>(file: string): T[] {
	return parse(readFileSync(resolve(seedDir, file), 'utf8'), {
		columns: true,
		comment: '#',
		skip_empty_lines: true,
		trim: true
	}) as T[];
}

const orNull = (s: string) => (s === '' ? null : s);
const numOrNull = (s: string) => (s === '' ? null : Number(s));

/** Writes the measure catalogue (names may change between versions; codes do not). */
export async function seedMeasures(tx: Executor): Promise<void> {
	for (const [position, m] of MEASURES.entries()) {
		await tx.run(sql`insert into measures (code, name_vi, name_en, kind, part_of, position)
			values (${m.code}, ${m.name.vi}, ${m.name.en}, ${m.kind}, ${m.partOf}, ${position})
			on conflict (code) do update set name_vi = excluded.name_vi, name_en = excluded.name_en,
				kind = excluded.kind, part_of = excluded.part_of, position = excluded.position`);
	}
}

/** Loads units and lineage from a units CSV and a lineage CSV in the seed folder. */
export async function seedUnits(
	tx: Executor,
	files = { units: 'laichau-units.csv', lineage: 'laichau-lineage.csv' }
): Promise<{ units: number; lineage: number }> {
	const facts = readCsv<UnitFact>(files.units);
	for (const u of facts) {
		await tx.run(sql`insert into units (code, name, short_name, type, level, valid_from, valid_to,
				lon, lat, area_km2, population, search_name)
			values (${u.code}, ${u.name}, ${u.short_name}, ${u.type}, ${u.level}, ${orNull(u.valid_from)},
				${orNull(u.valid_to)}, ${numOrNull(u.lon)}, ${numOrNull(u.lat)}, ${numOrNull(u.area_km2)},
				${numOrNull(u.population)}, ${searchKey(u.name)})
			on conflict (code, coalesce(valid_from, '0001-01-01')) do update set
				name = excluded.name, short_name = excluded.short_name, type = excluded.type,
				level = excluded.level, valid_to = excluded.valid_to, lon = excluded.lon, lat = excluded.lat,
				area_km2 = excluded.area_km2, population = excluded.population,
				search_name = excluded.search_name`);
	}
	// Parents: the unit bearing parent_code that is valid on the child's first (or last) day.
	for (const u of facts.filter((f) => f.parent_code)) {
		await tx.run(sql`update units c set parent_id = p.id
			from units p
			where c.code = ${u.code} and coalesce(c.valid_from, '0001-01-01') = coalesce(${orNull(u.valid_from)}::date, '0001-01-01')
				and p.code = ${u.parent_code}
				and coalesce(p.valid_from, '0001-01-01') <= coalesce(c.valid_from, '0001-01-01')
				and coalesce(p.valid_to, '9999-12-31') >= coalesce(c.valid_to, c.valid_from, '0001-01-01')`);
	}
	await fillAncestors(tx);
	const links = readCsv<LineageFact>(files.lineage);
	for (const l of links) {
		await tx.run(sql`insert into lineage (from_unit_id, to_unit_id, effective, relation, share, legal_basis)
			select f.id, t.id, ${l.to_valid_from}::date, ${l.relation}, ${Number(l.share)}, ${orNull(l.legal_basis)}
			from units f, units t
			where f.code = ${l.from_code} and f.valid_to = ${l.from_valid_to}::date
				and t.code = ${l.to_code} and t.valid_from = ${l.to_valid_from}::date
			on conflict (from_unit_id, to_unit_id) do update set effective = excluded.effective,
				relation = excluded.relation, share = excluded.share, legal_basis = excluded.legal_basis`);
	}
	return { units: facts.length, lineage: links.length };
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
