/**
 * What the demo generator (services/demo.ts) reads and writes besides the figures themselves:
 * the communes it fills, the unit-months real sources already hold, and its one batch.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { DemoCommune } from '../services/demo-model.ts';

/** Reads the communes of every era with their district, size, centre and predecessors. */
export async function loadCommunes(tx: Executor): Promise<DemoCommune[]> {
	const units = await tx.rows<Omit<DemoCommune, 'predecessors'>>(sql`
		select c.id::int as "id", c.code, c.type, d.code as "districtCode",
			c.valid_from::text as "validFrom", c.valid_to::text as "validTo",
			c.area_km2::float8 as "areaKm2", c.population::int as "population",
			c.lon::float8 as "lon", c.lat::float8 as "lat"
		from units c left join units d on d.id = c.district_id
		where c.level = 'commune'
		order by c.code, c.valid_from nulls first`);
	const links = await tx.rows<{ from: number; to: number }>(sql`
		select from_unit_id::int as "from", to_unit_id::int as "to" from lineage order by 1, 2`);
	return units.map((u) => ({
		...u,
		predecessors: links.filter((l) => l.to === u.id).map((l) => l.from)
	}));
}

/** Unit-months (`id|YYYY-MM`) that hold figures from real sources. */
export async function realUnitMonths(tx: Executor): Promise<Set<string>> {
	const rows = await tx.rows<{ key: string }>(sql`
		select distinct o.unit_id::text || '|' || to_char(o.month, 'YYYY-MM') as "key"
		from observations o join import_batches b on b.id = o.batch_id
		where b.source <> 'demo'`);
	return new Set(rows.map((r) => r.key));
}

/**
 * Opens the demo's batch (noted `note`) and removes the figures of every earlier demo batch;
 * returns the new batch's id.
 */
export async function replaceDemoBatch(tx: Executor, note: string): Promise<number> {
	const [batch] = await tx.rows<{ id: number }>(sql`
		insert into import_batches (source, actor, note) values ('demo', 'demo generator', ${note})
		returning id::int as "id"`);
	await tx.run(sql`delete from observations
		where batch_id in (select id from import_batches where source = 'demo' and id <> ${batch.id})`);
	return batch.id;
}

/** Records how many figures a batch inserted. */
export async function setBatchInserted(tx: Executor, batchId: number, inserted: number) {
	await tx.run(sql`update import_batches set inserted = ${inserted} where id = ${batchId}`);
}
