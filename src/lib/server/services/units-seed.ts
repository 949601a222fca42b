/**
 * Loads the project's own unit facts (codes, names, validity, centre points, lineage) into the
 * store. Idempotent: units are matched by code and validity start and updated in place.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Executor } from '../db/index.ts';
import { MEASURES } from '../../domain/measures.ts';
import { searchKey } from '../../domain/text.ts';
import {
	fillAncestors,
	linkParent,
	upsertLineage,
	upsertMeasure,
	upsertUnit
} from '../queries/unit-writes.ts';

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
		await upsertMeasure(tx, m, position);
	}
}

/** Loads units and lineage from a units CSV and a lineage CSV in the seed folder. */
export async function seedUnits(
	tx: Executor,
	files = { units: 'laichau-units.csv', lineage: 'laichau-lineage.csv' }
): Promise<{ units: number; lineage: number }> {
	const facts = readCsv<UnitFact>(files.units);
	for (const u of facts) {
		await upsertUnit(tx, {
			...u,
			valid_from: orNull(u.valid_from),
			valid_to: orNull(u.valid_to),
			lon: numOrNull(u.lon),
			lat: numOrNull(u.lat),
			area_km2: numOrNull(u.area_km2),
			population: numOrNull(u.population),
			search_name: searchKey(u.name)
		});
	}
	// Parents: the unit bearing parent_code that is valid on the child's first (or last) day.
	for (const u of facts.filter((f) => f.parent_code)) {
		await linkParent(tx, u.code, orNull(u.valid_from), u.parent_code);
	}
	await fillAncestors(tx);
	const links = readCsv<LineageFact>(files.lineage);
	for (const l of links) {
		await upsertLineage(tx, { ...l, share: Number(l.share), legal_basis: orNull(l.legal_basis) });
	}
	return { units: facts.length, lineage: links.length };
}

export { fillAncestors };
