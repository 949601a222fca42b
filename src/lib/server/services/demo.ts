/**
 * Writes the seeded demo figures (see demo-model.ts) into the store: one import batch with source
 * 'demo', replacing the figures of earlier demo batches and never touching real ones. A unit-month
 * that already has real figures is left to them. Everything happens in one transaction.
 */
import { sql } from 'drizzle-orm';
import type { Executor, Store } from '../db/index.ts';
import { MEASURE_CODES } from '../../domain/measures.ts';
import { lastCompleteMonth } from '../../domain/periods.ts';
import { now, today } from '../../domain/clock.ts';
import { refreshFacts } from './facts.ts';
import { lockFigures } from './import/apply.ts';
import { buildDemo, DEFAULT_SEED, DEMO_START, type DemoCommune } from './demo-model.ts';

export interface DemoOptions {
	seed?: number;
	/** Last month to fill, `YYYY-MM`; default the last complete month of today. */
	until?: string;
}

export interface DemoResult {
	observations: number;
	seed: number;
	until: string;
	batchId: number;
}

const COLUMNS = ['unit_id', 'month', 'measure_code', 'value', 'batch_id'];

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
async function realUnitMonths(tx: Executor): Promise<Set<string>> {
	const rows = await tx.rows<{ key: string }>(sql`
		select distinct o.unit_id::text || '|' || to_char(o.month, 'YYYY-MM') as "key"
		from observations o join import_batches b on b.id = o.batch_id
		where b.source <> 'demo'`);
	return new Set(rows.map((r) => r.key));
}

/**
 * Generates the demo figures for every commune and month from 2021-01 to `until`, seeded and
 * reproducible (same seed and `until` → identical figures), and refreshes `monthly_facts`.
 */
export async function generateDemo(store: Store, options: DemoOptions = {}): Promise<DemoResult> {
	const seed = options.seed ?? DEFAULT_SEED;
	const until = options.until ?? lastCompleteMonth(today());
	if (!Number.isSafeInteger(seed)) throw new Error(`demo seed must be an integer, got ${seed}`);
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(until) || until < DEMO_START)
		throw new Error(`demo until must be a month YYYY-MM from ${DEMO_START}, got ${until}`);

	return store.transaction(async (tx) => {
		await lockFigures(tx);
		const communes = await loadCommunes(tx);
		const real = await realUnitMonths(tx);
		const rows = buildDemo(communes, { seed, until }).filter(
			(r) => !real.has(`${r.unitId}|${r.month}`)
		);
		const note = `seed ${seed}, until ${until}`;
		const [batch] = await tx.rows<{ id: number }>(sql`
			insert into import_batches (source, actor, note) values ('demo', 'demo generator', ${note})
			returning id::int as "id"`);
		await tx.run(sql`delete from observations
			where batch_id in (select id from import_batches where source = 'demo' and id <> ${batch.id})`);

		const lines: string[] = [];
		for (const r of rows) {
			const prefix = `${r.unitId},${r.month}-01,`;
			r.values.forEach((v, m) => lines.push(`${prefix}${MEASURE_CODES[m]},${v},${batch.id}\n`));
		}
		if (lines.length > 0) await tx.copyIn('observations', COLUMNS, lines.join(''));
		await tx.run(sql`update import_batches set inserted = ${lines.length} where id = ${batch.id}`);
		await refreshFacts(tx);

		const setting = JSON.stringify({ seed, until, generated_at: new Date(now()).toISOString() });
		await tx.run(sql`insert into settings (key, value) values ('demo', ${setting}::jsonb)
			on conflict (key) do update set value = excluded.value`);
		return { observations: lines.length, seed, until, batchId: batch.id };
	});
}
