/**
 * The units an import checks codes against: every span of every code, and the successor of each
 * retired unit (for the message that says where its figures now go). A national store has
 * 10,000+ units; reading and indexing them took ≈ 40 ms of every national import, on its
 * critical path. They are kept per store and read again only when the `units_version` setting
 * has moved: a trigger bumps it with every statement that changes the units' codes, names,
 * levels or validity, or the lineage (migration 0005), in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { UnitSpan } from '../services/import/validate.ts';

export interface ImportUnits {
	/** Every span of every code, in order of validity. */
	byCode: Map<string, UnitSpan[]>;
	/** The successor of a retired unit, as "code (name)". */
	successors: Map<number, string>;
}

const known = new WeakMap<Executor, { version: string; units: ImportUnits }>();

/** The units as they are now (cached per store while `units_version` holds). */
export async function importUnits(db: Executor): Promise<ImportUnits> {
	// The version first, then the units: units read later are at least as new as the version,
	// so a change missed here is caught by its own bump on the next call.
	const [row] = await db.rows<{ v: string }>(
		sql`select value #>> '{}' as v from settings where key = 'units_version'`
	);
	const version = row?.v ?? '0';
	const cached = known.get(db);
	if (cached?.version === version) return cached.units;
	const [byCode, successors] = await Promise.all([spansByCode(db), successorsOf(db)]);
	const units = { byCode, successors };
	known.set(db, { version, units });
	return units;
}

async function spansByCode(db: Executor): Promise<Map<string, UnitSpan[]>> {
	const rows = await db.rows<{
		id: number;
		code: string;
		name: string;
		level: string;
		valid_from: string | null;
		valid_to: string | null;
	}>(
		sql`select id, code, name, level, valid_from::text as valid_from, valid_to::text as valid_to from units order by valid_from nulls first`
	);
	const map = new Map<string, UnitSpan[]>();
	for (const r of rows) {
		const list = map.get(r.code) ?? [];
		list.push({
			id: Number(r.id),
			code: r.code,
			name: r.name,
			level: r.level,
			validFrom: r.valid_from,
			validTo: r.valid_to
		});
		map.set(r.code, list);
	}
	return map;
}

async function successorsOf(db: Executor): Promise<Map<number, string>> {
	const rows = await db.rows<{ from_id: number; name: string; code: string }>(
		sql`select l.from_unit_id as from_id, u.name, u.code from lineage l join units u on u.id = l.to_unit_id`
	);
	return new Map(rows.map((r) => [Number(r.from_id), `${r.code} (${r.name})`]));
}
