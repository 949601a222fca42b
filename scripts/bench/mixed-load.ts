/**
 * What the cache hides (issue 13): an uncached mixed workload. At least 200 distinct views
 * (indicator × period × level × parent), each asked once as the API answer and once as the map
 * page, shuffled and shared by 32 clients, right after the cache was cleared: the data version
 * is bumped in the database (as an approval would), so every cached answer and value of the
 * server is out of date and each request is the first of its view. Its p95 is set beside the
 * bare-SQL floor: the aggregate SQL of the same views (`aggregate()`'s own text), run alone in
 * sequence on a sample of them.
 */
import postgres from 'postgres';
import { findIndicator } from '../../src/lib/domain/indicators.ts';
import { lastDay, parsePeriod } from '../../src/lib/domain/periods.ts';
import type { Level } from '../../src/lib/server/queries/units.ts';
import type { BenchUnit } from './geography.ts';
import { aggregateSql } from './sql-floor.ts';
import { rawGet } from './raw-get.ts';
import { mulberry32 } from './prng.ts';
import { summarize, type Summary } from './stats.ts';
import { cpuMeter, type CpuSplit } from './cpu.ts';

export const MIXED_INDICATORS = ['online_uptake', 'satisfaction_rate', 'overdue_backlog'];

export interface View {
	indicator: string;
	period: string;
	level: Level;
	parent: string | null;
}

export interface MixedRun {
	views: number;
	requests: number;
	clients: number;
	errors: number;
	/** Answers by status (`hit` for a 200 served from the cache, which counts as an error). */
	statuses: Record<string, number>;
	summary: Summary;
	api: Summary;
	pages: Summary;
	floor: Summary;
	seconds: number;
	/** Distinct map pages asked one at a time right after the cache was cleared again. */
	firstRenders: { path: string; ms: number; cpu: CpuSplit | null }[];
	firstRender: Summary;
	/** CPU of the whole concurrent run, server and database apart (null without /proc). */
	cpu: CpuSplit | null;
	/** CPU ms per first render, server and database apart (null without /proc). */
	firstRenderCpu: { server: Summary; database: Summary } | null;
}

/** The periods of the scenario's last year: the year, its halves, quarters and months. */
function periodsOf(months: readonly string[]): string[] {
	const year = months.at(-1)!.slice(0, 4);
	const mine = months.filter((m) => m.startsWith(year));
	const out = [...mine];
	if (mine.length === 12) out.push(year, `${year}-H1`, `${year}-H2`);
	for (const q of [1, 2, 3, 4])
		if (mine.includes(`${year}-${String(q * 3).padStart(2, '0')}`)) out.push(`${year}-Q${q}`);
	return out;
}

/**
 * `count` distinct views, spread over the indicators, periods and levels: the whole country by
 * province and by district, and communes under a province or a district (the national commune
 * map is the cached figure's own; here its parts).
 */
export function mixedViews(
	units: readonly BenchUnit[],
	months: readonly string[],
	count: number
): View[] {
	const provinces = units.filter((u) => u.level === 'province').map((u) => u.code);
	const districts = units.filter((u) => u.level === 'district').map((u) => u.code);
	const periods = periodsOf(months);
	const scopes: { level: Level; parent: string | null }[] = [
		{ level: 'province', parent: null },
		{ level: 'district', parent: null },
		...provinces.map((p) => ({ level: 'district' as Level, parent: p })),
		...provinces.map((p) => ({ level: 'commune' as Level, parent: p })),
		...districts.map((d) => ({ level: 'commune' as Level, parent: d }))
	];
	const seen = new Set<string>();
	const views: View[] = [];
	const random = mulberry32(13);
	for (let tries = 0; views.length < count && tries < count * 50; tries++) {
		const scope = scopes[Math.floor(random() * scopes.length)];
		const view: View = {
			indicator: MIXED_INDICATORS[Math.floor(random() * MIXED_INDICATORS.length)],
			period: periods[Math.floor(random() * periods.length)],
			...scope
		};
		const key = JSON.stringify(view);
		if (seen.has(key)) continue;
		seen.add(key);
		views.push(view);
	}
	return views;
}

const query = (v: View) =>
	`indicator=${v.indicator}&period=${v.period}&level=${v.level}${v.parent ? `&parent=${v.parent}` : ''}`;

/** The API and page paths of the views, shuffled (seeded). */
export function mixedPaths(views: readonly View[]): string[] {
	const paths = views.flatMap((v) => [`/api/v1/values?${query(v)}`, `/?${query(v)}`]);
	const random = mulberry32(1313);
	for (let i = paths.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[paths[i], paths[j]] = [paths[j], paths[i]];
	}
	return paths;
}

/** Bumps the data version as an approval does: every cached answer of every server is stale. */
async function clearCaches(db: postgres.Sql): Promise<void> {
	await db.begin(async (tx) => {
		const [row] = await tx<{ v: string }[]>`
			insert into settings (key, value) values ('data_version', '1'::jsonb)
			on conflict (key) do update set value = to_jsonb((settings.value #>> '{}')::bigint + 1)
			returning value #>> '{}' as v`;
		await tx`select pg_notify('xaso_data_version', ${row.v})`;
	});
	// The notification is delivered at once; the server's memo of the version lasts 1 s at most.
	await new Promise((done) => setTimeout(done, 1200));
}

/** The bare SQL of up to `sample` of the views, each run alone after one warm-up run. */
async function sqlFloor(
	db: postgres.Sql,
	views: readonly View[],
	sample: number
): Promise<number[]> {
	const ids = new Map(
		(await db<{ id: number; code: string }[]>`select id, code from units`).map((r) => [
			r.code,
			Number(r.id)
		])
	);
	const step = Math.max(1, Math.floor(views.length / sample));
	const out: number[] = [];
	for (let i = 0; i < views.length && out.length < sample; i += step) {
		const v = views[i];
		const period = parsePeriod(v.period)!;
		const q = await aggregateSql({
			indicators: [findIndicator(v.indicator)!],
			level: v.level,
			start: period.start,
			end: period.end,
			startDay: `${period.start}-01`,
			endDay: lastDay(period.end),
			...(v.parent ? { parentIds: [ids.get(v.parent)!] } : {})
		});
		await db.unsafe(q.text, q.params as never[]);
		const t = performance.now();
		await db.unsafe(q.text, q.params as never[]);
		out.push(performance.now() - t);
	}
	return out;
}

/** Runs the workload against the server (its URL and process) on the database at `databaseUrl`. */
export async function mixedLoad(
	server: { url: string; pid: number },
	databaseUrl: string,
	views: readonly View[],
	opts: { clients: number; floorSample: number; firstRenders: number }
): Promise<MixedRun> {
	const base = server.url;
	const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const floor = await sqlFloor(db, views, opts.floorSample);
		await clearCaches(db);
		const paths = mixedPaths(views);
		const times = { all: [] as number[], api: [] as number[], pages: [] as number[] };
		let errors = 0;
		const statuses: Record<string, number> = {};
		const count = (r: { status: number; headers: Record<string, unknown> }) => {
			const hit = r.status === 200 && r.headers['x-cache'] === 'hit';
			const key = hit ? 'hit' : String(r.status);
			statuses[key] = (statuses[key] ?? 0) + 1;
			if (r.status !== 200 || hit) errors++;
		};
		let next = 0;
		const meter = await cpuMeter(db, server.pid);
		const t0 = performance.now();
		const client = async () => {
			for (let i = next++; i < paths.length; i = next++) {
				const t = performance.now();
				const r = await rawGet(base + paths[i], { 'accept-encoding': 'br, gzip' });
				const ms = performance.now() - t;
				count(r);
				times.all.push(ms);
				(paths[i].startsWith('/api/') ? times.api : times.pages).push(ms);
			}
		};
		await Promise.all(Array.from({ length: opts.clients }, client));
		const seconds = (performance.now() - t0) / 1000;
		const cpu = await meter.stop();
		// First renders alone: every view is new again once the version is bumped; a sample of
		// the pages, one request at a time, is what one leader opening a new view waits.
		await clearCaches(db);
		const pages = paths.filter((p) => p.startsWith('/?'));
		const step = Math.max(1, Math.floor(pages.length / Math.max(1, opts.firstRenders)));
		const firstRenders: MixedRun['firstRenders'] = [];
		for (let i = 0; i < pages.length && firstRenders.length < opts.firstRenders; i += step) {
			const alone = await cpuMeter(db, server.pid, 50);
			const t = performance.now();
			const r = await rawGet(base + pages[i], { 'accept-encoding': 'br, gzip' });
			const ms = performance.now() - t;
			count(r);
			firstRenders.push({ path: pages[i], ms, cpu: await alone.stop() });
		}
		const split = firstRenders.map((f) => f.cpu);
		const measured = split.every((c) => c !== null) ? (split as CpuSplit[]) : null;
		return {
			views: views.length,
			requests: paths.length,
			clients: opts.clients,
			errors,
			statuses,
			summary: summarize(times.all),
			api: summarize(times.api),
			pages: summarize(times.pages),
			floor: summarize(floor),
			seconds,
			firstRenders,
			firstRender: summarize(firstRenders.map((f) => f.ms)),
			cpu,
			firstRenderCpu: measured && {
				server: summarize(measured.map((c) => c.serverMs)),
				database: summarize(measured.map((c) => c.databaseMs))
			}
		};
	} finally {
		await db.end();
	}
}
