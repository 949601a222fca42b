/**
 * Loads the scenario's units into a store the way units-seed.ts does (units, then parents by
 * code, then `fillAncestors`), but with one COPY instead of a statement per unit: 10k units and
 * their GeoJSON would otherwise take minutes.
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { fillAncestors } from '../../src/lib/server/services/units-seed.ts';
import { compactUnits } from '../../src/lib/server/services/boundary-import.ts';
import { searchKey } from '../../src/lib/domain/text.ts';
import type { BenchUnit } from './geography.ts';

const field = (v: string | number | null) => {
	if (v === null) return '';
	const s = String(v);
	return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Inserts the units and links parents; returns the commune ids by code. */
export async function loadUnits(
	store: Store,
	units: readonly BenchUnit[],
	options: { withGeometry: boolean }
): Promise<Map<string, number>> {
	const columns = [
		'code',
		'name',
		'short_name',
		'type',
		'level',
		'lon',
		'lat',
		'area_km2',
		'search_name',
		'geometry',
		'geometry_source'
	];
	const csv = units
		.map((u) => {
			const geometry = options.withGeometry && u.geometry ? JSON.stringify(u.geometry) : null;
			return [
				u.code,
				u.name,
				u.shortName,
				u.type,
				u.level,
				u.lon,
				u.lat,
				u.areaKm2,
				searchKey(u.name),
				geometry,
				geometry ? 'gadm' : null
			]
				.map(field)
				.join(',');
		})
		.join('\n');
	await store.transaction(async (tx) => {
		await tx.copyIn('units', columns, csv + '\n');
		await tx.run(
			sql`create temp table bench_parent (code text, level text, parent text) on commit drop`
		);
		await tx.copyIn(
			'bench_parent',
			['code', 'level', 'parent'],
			units
				.filter((u) => u.parentCode)
				.map((u) => `${u.code},${u.level},${u.parentCode}\n`)
				.join('')
		);
		await tx.run(sql`update units c set parent_id = p.id from bench_parent x, units p
			where x.code = c.code and x.level = c.level and p.code = x.parent
				and p.level = case x.level when 'commune' then 'district' else 'province' end`);
		await fillAncestors(tx);
	});
	// Parents and ancestors were written by updates: rewrite the table as boundaries:import does.
	await compactUnits(store);
	await store.run('analyze units');
	const rows = await store.rows<{ id: number; code: string }>(
		sql`select id, code from units where level = 'commune' order by code`
	);
	return new Map(rows.map((r) => [r.code, Number(r.id)]));
}
