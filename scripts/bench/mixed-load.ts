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
import { figure, type Budget, type Figure } from './report.ts';

/** The aim of issue 13 for the uncached mixed workload's p95 on the national data. */
export const MIXED_P95_AIM_MS = 150;

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
	summary: Summary;
	api: Summary;
	pages: Summary;
	floor: Summary;
	seconds: number;
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

/** Runs the workload against `base` (the server) on the database at `databaseUrl`. */
export async function mixedLoad(
	base: string,
	databaseUrl: string,
	views: readonly View[],
	opts: { clients: number; floorSample: number }
): Promise<MixedRun> {
	const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const floor = await sqlFloor(db, views, opts.floorSample);
		await clearCaches(db);
		const paths = mixedPaths(views);
		const times = { all: [] as number[], api: [] as number[], pages: [] as number[] };
		let errors = 0;
		let next = 0;
		const t0 = performance.now();
		const client = async () => {
			for (let i = next++; i < paths.length; i = next++) {
				const t = performance.now();
				const r = await rawGet(base + paths[i], { 'accept-encoding': 'br, gzip' });
				const ms = performance.now() - t;
				if (r.status !== 200 || r.headers['x-cache'] === 'hit') errors++;
				times.all.push(ms);
				(paths[i].startsWith('/api/') ? times.api : times.pages).push(ms);
			}
		};
		await Promise.all(Array.from({ length: opts.clients }, client));
		return {
			views: views.length,
			requests: paths.length,
			clients: opts.clients,
			errors,
			summary: summarize(times.all),
			api: summarize(times.api),
			pages: summarize(times.pages),
			floor: summarize(floor),
			seconds: (performance.now() - t0) / 1000
		};
	} finally {
		await db.end();
	}
}

/** The workload's figures (p95 beside the bare-SQL floor) and its aim, as a budget. */
export function assessMixed(
	run: MixedRun,
	scenario: string
): { figures: Figure[]; budget: Budget } {
	const what = `${run.views} distinct views (indicator × period × level × parent) × (API, page), ${run.requests} requests once each, ${run.clients} clients, cache cleared (data version bumped) first; ${scenario}`;
	const figures = [
		figure('mixed_uncached_p50_ms', run.summary.p50, 'ms', run.floor.p50, what),
		figure(
			'mixed_uncached_p95_ms',
			run.summary.p95,
			'ms',
			run.floor.p95,
			`floor: the aggregate SQL of ${run.floor.n} of the views alone, p95; ${run.errors} non-200 or hits; ${(run.requests / run.seconds).toFixed(0)} req/s`
		),
		figure('mixed_uncached_api_p95_ms', run.api.p95, 'ms', run.floor.p95, 'the API answers alone'),
		figure(
			'mixed_uncached_page_p95_ms',
			run.pages.p95,
			'ms',
			null,
			'the map pages alone (first render)'
		)
	];
	return {
		figures,
		budget: {
			name: `uncached mixed workload p95 ≤ ${MIXED_P95_AIM_MS} ms (aim)`,
			pass: run.errors === 0 && run.summary.p95 <= MIXED_P95_AIM_MS,
			detail: `${run.summary.p95.toFixed(0)} ms (floor ${run.floor.p95.toFixed(0)} ms; API ${run.api.p95.toFixed(0)}, pages ${run.pages.p95.toFixed(0)}); ${scenario}`
		}
	};
}
