/**
 * The demo generator against a real store (PGlite, or PostgreSQL when DATABASE_URL is set):
 * calibration to the published Than Uyên 2022 facts, a map with every band and laggards to find
 * (read through valuesFor, as the map reads them), the part ≤ whole rules, validity windows,
 * missingness and late reporters, reproducibility, and monthly_facts kept equal to observations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { prepareStore } from '../../src/lib/server/services/setup.ts';
import { generateDemo, loadCommunes, type DemoResult } from '../../src/lib/server/services/demo.ts';
import { buildDemo } from '../../src/lib/server/services/demo-model.ts';
import { valuesFor, type ValueRow } from '../../src/lib/server/queries/values.ts';
import { MEASURE_CODES } from '../../src/lib/domain/measures.ts';
import { firstDay, lastCompleteMonth, lastDay, parsePeriod } from '../../src/lib/domain/periods.ts';
import { mapFrame } from '../../src/lib/server/queries/map.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

const SEED = 20250701;
const UNTIL = '2026-06';

let handle: TestStore;
let store: Store;
let first: DemoResult;
let firstChecksum: string;

async function one<T>(query: ReturnType<typeof sql> | string): Promise<T> {
	const rows = await store.rows<T>(query);
	return rows[0];
}

async function checksum(): Promise<string> {
	const { h } = await one<{ h: string }>(sql`
		select md5(string_agg(unit_id::text || ':' || month::text || ':' || measure_code || ':' || value::text,
			',' order by unit_id, month, measure_code)) as h
		from observations`);
	return h;
}

/** Than Uyên (pre-2025 district 110) communes in 2022, over reported unit-months. */
async function thanUyen2022(): Promise<{ received: number; onTime: number }> {
	return one(sql`
		select sum(f.dossiers_received)::int as "received",
			(sum(f.dossiers_resolved_on_time)::float8 / sum(f.dossiers_resolved)::float8 * 100)::float8 as "onTime"
		from monthly_facts f
			join units c on c.id = f.unit_id
			join units d on d.id = c.district_id
		where d.code = '110' and c.level = 'commune'
			and f.month between '2022-01-01' and '2022-12-01'
			and f.dossiers_resolved is not null and f.dossiers_resolved_on_time is not null`);
}

/**
 * What the map shows: the values API's rows for one indicator and period at commune level, on
 * the units the map draws (a period that straddles the 2025 merger is shown on the new units).
 */
async function mapped(indicator: string, period: string, asOf?: string): Promise<ValueRow[]> {
	const { start, end } = parsePeriod(period)!;
	const frame = await mapFrame(store, {
		level: 'commune',
		startDay: firstDay(start),
		endDay: lastDay(end),
		asOf: asOf ?? null
	});
	return (await valuesFor(store, { indicator, period, level: 'commune', asOf: frame.asOf })).rows;
}

const valued = (rows: ValueRow[]) => rows.filter((r) => r.value !== null);
const share = (rows: ValueRow[], test: (r: ValueRow) => boolean) =>
	rows.filter(test).length / rows.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareStore(store, { demo: false });
	const started = performance.now();
	first = await generateDemo(store, { seed: SEED, until: UNTIL });
	console.info(
		`generateDemo on ${store.engine}: ${first.observations} observations in ${Math.round(performance.now() - started)} ms`
	);
	firstChecksum = await checksum();
});

afterAll(async () => {
	await handle?.cleanup();
});

describe('demo figures', () => {
	it('writes one demo batch covering every measure of each reported unit-month', async () => {
		expect(first.seed).toBe(SEED);
		expect(first.until).toBe(UNTIL);
		const counts = await one<{
			n: number;
			batches: number;
			months: number;
			first: string;
			last: string;
		}>(sql`
			select count(*)::int as n, count(distinct batch_id)::int as batches,
				min(month)::text as first, max(month)::text as last,
				count(distinct (unit_id, month))::int as months
			from observations`);
		expect(counts.n).toBe(first.observations);
		expect(counts.n).toBe(counts.months * MEASURE_CODES.length);
		expect(counts.batches).toBe(1);
		expect(counts.first).toBe('2021-01-01');
		expect(counts.last).toBe(`${UNTIL}-01`);
		const incomplete = await one<{ n: number }>(sql`
			select count(*)::int as n from (select unit_id, month from observations
				group by unit_id, month having count(distinct measure_code) <> ${MEASURE_CODES.length}) x`);
		expect(incomplete.n).toBe(0);
		const batch = await one<{ source: string; actor: string; inserted: number; note: string }>(sql`
			select source, actor, inserted::int as inserted, note from import_batches where id = ${first.batchId}`);
		expect(batch).toMatchObject({
			source: 'demo',
			actor: 'demo generator',
			inserted: first.observations
		});
		expect(batch.note).toContain(String(SEED));
		expect(batch.note).toContain(UNTIL);
		const setting = await one<{ seed: number; until: string; generated_at: string }>(sql`
			select (value->>'seed')::int as seed, value->>'until' as until, value->>'generated_at' as generated_at
			from settings where key = 'demo'`);
		expect(setting.seed).toBe(SEED);
		expect(setting.until).toBe(UNTIL);
		expect(Number.isNaN(Date.parse(setting.generated_at))).toBe(false);
	});

	it('reproduces the published Than Uyên 2022 figures', async () => {
		const tu = await thanUyen2022();
		expect(tu.received).toBe(12122);
		expect(tu.onTime).toBeGreaterThanOrEqual(99.85);
		expect(tu.onTime).toBeLessThanOrEqual(99.95);
	});

	it('spreads the 2025 service index on the map over at least four bands, a tenth in the lowest two', async () => {
		const rows = valued(await mapped('service_index', '2025'));
		expect(rows.length).toBe(38);
		const bands = new Set(rows.map((r) => r.band));
		expect(bands.size, [...bands].join(', ')).toBeGreaterThanOrEqual(4);
		expect(share(rows, (r) => r.band === 'average' || r.band === 'weak')).toBeGreaterThanOrEqual(
			0.1
		);
		const values = rows.map((r) => r.value!);
		expect(Math.min(...values)).toBeLessThan(50);
		expect(Math.max(...values)).toBeGreaterThan(90);
	});

	it('has a tail of laggards: on time below 80% in 2022, online filing below 25% in 2025', async () => {
		const onTime = valued(await mapped('on_time_rate', '2022'));
		expect(onTime.length).toBeGreaterThan(100);
		expect(onTime.filter((r) => r.value! < 80).length).toBeGreaterThanOrEqual(5);
		expect(median(onTime.map((r) => r.value!))).toBeGreaterThanOrEqual(90);
		const online = valued(await mapped('online_uptake', '2025'));
		expect(share(online, (r) => r.value! < 25)).toBeGreaterThanOrEqual(0.1);
		expect(median(online.map((r) => r.value!))).toBeGreaterThanOrEqual(40);
	});

	it('tells a story over time: Mù Cả clearly improves, Bản Bo clearly declines', async () => {
		// On the units of 2025-07 the years before the merger are summed from the predecessors.
		const at = async (period: string) =>
			new Map((await mapped('service_index', period, '2025-07-01')).map((r) => [r.unit_code, r]));
		const [y2022, y2023, y2026] = await Promise.all(['2022', '2023', '2026-H1'].map(at));
		const change = (code: string, from: Map<string, ValueRow>) =>
			y2026.get(code)!.value! - from.get(code)!.value!;
		expect(change('03451', y2022)).toBeGreaterThan(30);
		expect(y2026.get('03451')!.band).toBe('good');
		expect(change('03424', y2023)).toBeLessThan(-15);
		expect(y2023.get('03424')!.band).toBe('good');
	});

	it('leaves months unreported (blank, not zero) and has a few late reporters', async () => {
		const months = await mapped('dossier_volume', '2024');
		const gaps = months.filter((r) => r.months_reported < r.months_expected);
		expect(gaps.length).toBeGreaterThan(5);
		expect(gaps.every((r) => r.value === null || r.value > 0)).toBe(true);
		// Communes whose report for the last month is not in yet: a few, not none, not many.
		const last = await mapped('dossier_volume', UNTIL);
		const late = last.filter((r) => r.months_reported === 0).length;
		expect(late).toBeGreaterThanOrEqual(2);
		expect(late).toBeLessThanOrEqual(8);
	});

	it('never lets a part exceed its whole, and has no negative or fractional value', async () => {
		const pairs = await one<{ n: number }>(
			sql`select count(*)::int as n from measures where part_of is not null`
		);
		expect(pairs.n).toBe(10);
		const broken = await one<{ n: number }>(sql`
			select count(*)::int as n
			from observations p
				join measures m on m.code = p.measure_code and m.part_of is not null
				join observations w on w.unit_id = p.unit_id and w.month = p.month and w.measure_code = m.part_of
			where p.value > w.value`);
		expect(broken.n).toBe(0);
		const bad = await one<{ negative: number; flags: number }>(sql`
			select count(*) filter (where value < 0)::int as negative,
				count(*) filter (where measure_code = 'one_stop_shop_standard' and value not in (0, 1))::int as flags
			from observations`);
		expect(bad).toEqual({ negative: 0, flags: 0 });
	});

	it('fills each commune only in the months it existed', async () => {
		const outside = await one<{ old: number; young: number; any: number }>(sql`
			select count(*) filter (where u.valid_to = '2025-06-30' and o.month > '2025-06-01')::int as old,
				count(*) filter (where u.valid_from = '2025-07-01' and o.month < '2025-07-01')::int as young,
				count(*) filter (where (u.valid_to is not null and o.month > u.valid_to)
					or (u.valid_from is not null and o.month < u.valid_from))::int as any
			from observations o join units u on u.id = o.unit_id`);
		expect(outside).toEqual({ old: 0, young: 0, any: 0 });
		const reporting = await one<{ old: number; young: number; other: number }>(sql`
			select count(distinct o.unit_id) filter (where u.valid_to = '2025-06-30')::int as old,
				count(distinct o.unit_id) filter (where u.valid_from = '2025-07-01')::int as young,
				count(distinct o.unit_id) filter (where u.level <> 'commune')::int as other
			from observations o join units u on u.id = o.unit_id`);
		expect(reporting).toEqual({ old: 106, young: 38, other: 0 });
	});

	it('leaves about 2% of commune-months unreported', async () => {
		const { expected } = await one<{ expected: number }>(sql`
			select count(*)::int as expected
			from units u cross join generate_series('2021-01-01'::date, ${`${UNTIL}-01`}::date, interval '1 month') g(m)
			where u.level = 'commune' and (u.valid_from is null or u.valid_from <= g.m)
				and (u.valid_to is null or u.valid_to >= g.m)`);
		const { reported } = await one<{ reported: number }>(
			sql`select count(*)::int as reported from (select distinct unit_id, month from observations) x`
		);
		const share = 1 - reported / expected;
		expect(share).toBeGreaterThanOrEqual(0.01);
		expect(share).toBeLessThanOrEqual(0.03);
	});

	it('keeps monthly_facts equal to the pivot of observations', async () => {
		const counts = await one<{ facts: number; unitMonths: number }>(sql`
			select (select count(*)::int from monthly_facts) as "facts",
				(select count(*)::int from (select distinct unit_id, month from observations) x) as "unitMonths"`);
		expect(counts.facts).toBe(counts.unitMonths);
		const cases = MEASURE_CODES.map((c) => `when '${c}' then f."${c}"`).join(' ');
		const { mismatches } = await one<{ mismatches: number }>(`
			select count(*)::int as mismatches from observations o
				left join monthly_facts f on f.unit_id = o.unit_id and f.month = o.month
			where o.value is distinct from (case o.measure_code ${cases} end)`);
		expect(mismatches).toBe(0);
		const sums = MEASURE_CODES.map(
			(c) =>
				`(select coalesce(sum("${c}"), 0)::float8 from monthly_facts) - ` +
				`(select coalesce(sum(value), 0)::float8 from observations where measure_code = '${c}') as "${c}"`
		);
		const differences = await one<Record<string, number>>(`select ${sums.join(', ')}`);
		expect(Object.values(differences).every((d) => d === 0)).toBe(true);
	});

	it('looks plausible: rising online uptake, mostly timely, continuity across 2025-07', async () => {
		const years = await store.rows<{
			y: number;
			online: number;
			onTime: number;
			satisfied: number;
		}>(sql`
			select extract(year from month)::int as y,
				(sum(dossiers_received_online)::float8 / sum(dossiers_received))::float8 as online,
				(sum(dossiers_resolved_on_time)::float8 / sum(dossiers_resolved))::float8 as "onTime",
				(sum(survey_satisfied)::float8 / sum(survey_responses))::float8 as satisfied
			from monthly_facts group by 1 order by 1`);
		const online = years.map((r) => r.online);
		expect(online).toEqual([...online].sort((a, b) => a - b));
		expect(online[0]).toBeLessThan(0.15);
		expect(online[online.length - 1]).toBeGreaterThan(0.45);
		for (const r of years) {
			// Laggards pull the province below the best communes' 99%, not below 90%.
			expect(r.onTime).toBeGreaterThanOrEqual(0.9);
			expect(r.satisfied).toBeGreaterThanOrEqual(0.85);
			expect(r.satisfied).toBeLessThanOrEqual(0.99);
		}
		const total = await store.rows<{ month: string; received: number; population: number }>(sql`
			select f.month::text as month, sum(f.dossiers_received)::float8 as received, sum(f.population)::float8 as population
			from monthly_facts f where f.month in ('2025-05-01', '2025-06-01', '2025-07-01', '2025-08-01')
			group by f.month order by f.month`);
		expect(total).toHaveLength(4);
		const [may, june, july, august] = total;
		const before = (may.received + june.received) / 2;
		const after = (july.received + august.received) / 2;
		expect(after / before).toBeGreaterThan(0.85);
		expect(after / before).toBeLessThan(1.25);
		expect(july.population / june.population).toBeGreaterThan(0.97);
		expect(july.population / june.population).toBeLessThan(1.1);
	});

	it('is reproducible: the same seed and month give identical figures and replace the old batch', async () => {
		const again = await generateDemo(store, { seed: SEED, until: UNTIL });
		expect(again.observations).toBe(first.observations);
		expect(again.batchId).not.toBe(first.batchId);
		expect(await checksum()).toBe(firstChecksum);
		const batches = await store.rows<{ batch_id: number }>(
			sql`select distinct batch_id::int as batch_id from observations`
		);
		expect(batches).toEqual([{ batch_id: again.batchId }]);
	});

	it('keeps earlier months unchanged when `until` moves on; late reports arrive later', async () => {
		const communes = await loadCommunes(store);
		const short = buildDemo(communes, { seed: SEED, until: '2024-12' });
		const long = buildDemo(communes, { seed: SEED, until: UNTIL });
		expect(short.length).toBeGreaterThan(0);
		// A late reporter's last month or two are missing at 2024-12 and there later, the same.
		const settled = (rows: typeof short) => rows.filter((r) => r.month <= '2024-10');
		expect(settled(long)).toEqual(settled(short));
		const later = new Map(long.map((r) => [`${r.unitId}|${r.month}`, r]));
		for (const r of short) expect(later.get(`${r.unitId}|${r.month}`)).toEqual(r);
		expect(long.filter((r) => r.month <= '2024-12').length).toBeGreaterThan(short.length);
		await expect(generateDemo(store, { until: '2020-12' })).rejects.toThrow(/YYYY-MM/);
		await expect(generateDemo(store, { until: '2025-13' })).rejects.toThrow(/YYYY-MM/);
	});

	it('gives different figures for a different seed, calibrated all the same', async () => {
		const other = await generateDemo(store, { seed: SEED + 1, until: UNTIL });
		expect(other.seed).toBe(SEED + 1);
		expect(await checksum()).not.toBe(firstChecksum);
		const tu = await thanUyen2022();
		expect(tu.received).toBe(12122);
		expect(tu.onTime).toBeGreaterThanOrEqual(99.85);
		expect(tu.onTime).toBeLessThanOrEqual(99.95);
	});

	it('never replaces real figures, and defaults to the last complete month', async () => {
		const [batch] = await store.rows<{ id: number }>(sql`
			insert into import_batches (source, actor, note) values ('import', 'test', 'real figures')
			returning id::int as id`);
		const [unit] = await store.rows<{ id: number }>(sql`
			select id::int as id from units where level = 'commune' and valid_to = '2025-06-30' order by code limit 1`);
		// A real report for a unit-month that the demo had filled.
		await store.run(
			sql`delete from observations where unit_id = ${unit.id} and month = '2024-03-01'`
		);
		await store.run(sql`insert into observations (unit_id, month, measure_code, value, batch_id)
			values (${unit.id}, '2024-03-01', 'dossiers_received', 5, ${batch.id})`);

		const result = await generateDemo(store);
		expect(result.seed).toBe(SEED);
		expect(result.until).toBe(lastCompleteMonth(new Date().toISOString().slice(0, 10)));

		const kept = await store.rows<{ measure_code: string; value: number; batch_id: number }>(sql`
			select measure_code, value::int as value, batch_id::int as batch_id from observations
			where unit_id = ${unit.id} and month = '2024-03-01'`);
		expect(kept).toEqual([{ measure_code: 'dossiers_received', value: 5, batch_id: batch.id }]);
		const fact = await one<{ received: number; online: number | null }>(sql`
			select dossiers_received::int as received, dossiers_received_online::int as online
			from monthly_facts where unit_id = ${unit.id} and month = '2024-03-01'`);
		expect(fact).toEqual({ received: 5, online: null });
		const { last } = await one<{ last: string }>(sql`
			select max(month)::text as last from observations where batch_id = ${result.batchId}`);
		expect(last).toBe(`${result.until}-01`);
	});
});
