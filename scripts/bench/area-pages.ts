/**
 * Cold first renders of the area overview (`/areas/CODE?period=…`, issue 14): N distinct views
 * (provinces and districts of the scenario, each with its own period), each requested once, in
 * sequence, from the built server — so neither the page cache nor any memo of the server has
 * seen that view before. The time is the client's, from sending the request to the last byte of
 * the answer, on the same machine (the server's time plus a loopback round trip).
 *
 * One unmeasured request first, on an area and period left out of the sample: a fresh server's
 * first render of the route compiles its code (JIT) and opens pool connections, which is not the
 * cost of a view.
 *
 * On a shared machine the time moves with everyone else's load, so each view's CPU time is
 * taken too: the server process's and its PostgreSQL backends' (Linux /proc, clock ticks of
 * 10 ms), before and after the request — what the view costs, whatever else runs.
 */
import postgres from 'postgres';
import type { BenchUnit } from './geography.ts';
import { fetchOk } from './http-load.ts';
import { summarize, type Summary } from './stats.ts';
import { backendsOf, cpuOf } from './cpu.ts';
import { figure, type Budget, type Figure } from './report.ts';

/** The budget of issue 14: a cold, first render of a distinct area page. */
export const AREA_PAGE_BUDGET_MS = 300;

export interface AreaPageRun {
	/** Every measured view, in order: path, time, bytes. */
	views: { path: string; ms: number; bytes: number; cpuMs: number | null }[];
	warmUp: { path: string; ms: number };
	summary: Summary;
	/** CPU ms per view (server + database backends); null where /proc cannot be read. */
	cpu: Summary | null;
}

/** The periods a leader opens, on the scenario's months: years, halves, quarters, months. */
function periodsOf(months: readonly string[]): string[] {
	const years = [...new Set(months.map((m) => m.slice(0, 4)))].filter(
		(y) => months.includes(`${y}-01`) && months.includes(`${y}-12`)
	);
	const out: string[] = [];
	for (const y of years.reverse())
		out.push(y, `${y}-H2`, `${y}-Q3`, `${y}-11`, `${y}-Q1`, `${y}-H1`);
	return out;
}

/**
 * `count` distinct views: areas taken at an even stride through the provinces and through the
 * districts (half each, so both kinds are measured), each paired with the next period in turn.
 */
export function areaViews(
	units: readonly BenchUnit[],
	months: readonly string[],
	count: number
): string[] {
	const pick = (level: 'province' | 'district', n: number) => {
		const all = units.filter((u) => u.level === level).map((u) => u.code);
		const step = Math.max(1, Math.floor(all.length / Math.max(1, n)));
		return all.filter((_, i) => i % step === 0).slice(0, n);
	};
	const provinces = pick('province', Math.ceil(count / 2));
	const districts = pick('district', count - provinces.length);
	const periods = periodsOf(months);
	const areas: string[] = [];
	for (let i = 0; i < Math.max(provinces.length, districts.length); i++) {
		if (provinces[i]) areas.push(provinces[i]);
		if (districts[i]) areas.push(districts[i]);
	}
	// Too few areas (the quick scenario's one province): an area comes back with another period.
	const views = new Set<string>();
	for (let k = 0; views.size < count && k < count * periods.length; k++)
		views.add(`/areas/${areas[k % areas.length]}?period=${periods[k % periods.length]}`);
	return [...views];
}

export async function measureAreaPages(
	server: { url: string; pid: number },
	databaseUrl: string,
	units: readonly BenchUnit[],
	months: readonly string[],
	count: number
): Promise<AreaPageRun> {
	const all = areaViews(units, months, count + 1);
	const [first, ...sample] = all;
	const warm = await fetchOk(server.url + first);
	const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const processes = async () => [server.pid, ...(await backendsOf(db))];
	const views: AreaPageRun['views'] = [];
	try {
		for (const path of sample) {
			const before = new Map((await processes()).map((pid) => [pid, cpuOf(pid)]));
			const r = await fetchOk(server.url + path);
			let cpuMs: number | null = 0;
			for (const pid of await processes()) {
				const now = cpuOf(pid);
				if (now === null || cpuMs === null) cpuMs = null;
				else cpuMs += now - (before.get(pid) ?? 0);
			}
			views.push({ path, ms: r.ms, bytes: r.bytes, cpuMs });
		}
	} finally {
		await db.end();
	}
	const cpu = views.map((v) => v.cpuMs);
	return {
		views,
		warmUp: { path: first, ms: warm.ms },
		summary: summarize(views.map((v) => v.ms)),
		cpu: cpu.every((c) => c !== null) ? summarize(cpu as number[]) : null
	};
}

/** The figures (median, p95) and the budget line of a run. */
export function assessAreaPages(
	run: AreaPageRun,
	scope: string
): { figures: Figure[]; budgets: Budget[] } {
	const s = run.summary;
	const slowest = [...run.views].sort((a, b) => b.ms - a.ms)[0];
	const note =
		`${scope}: ${s.n} distinct /areas/CODE?period=… views (provinces and districts), each requested once in sequence, ` +
		`request → last byte; slowest ${slowest ? `${slowest.path} ${slowest.ms.toFixed(0)} ms` : '–'}; ` +
		`unmeasured first render ${run.warmUp.path} ${run.warmUp.ms.toFixed(0)} ms`;
	return {
		figures: [
			figure('area_page_cold_p50_ms', s.p50, 'ms', null, note),
			figure('area_page_cold_p95_ms', s.p95, 'ms', null, `max ${s.max.toFixed(0)} ms`),
			figure(
				'area_page_cold_cpu_p50_ms',
				run.cpu?.p50 ?? null,
				'ms',
				null,
				run.cpu
					? `CPU time per view, the server's process and its PostgreSQL backends together (/proc, 10 ms ticks): what a view costs whatever else runs; p95 ${run.cpu.p95.toFixed(0)} ms`
					: 'not measured (no /proc)'
			)
		],
		budgets: [
			{
				name: `area page cold first render ≤ ${AREA_PAGE_BUDGET_MS} ms (issue 14)`,
				pass: Number.isFinite(s.p95) ? s.p95 <= AREA_PAGE_BUDGET_MS : null,
				detail:
					`p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms over ${s.n} views` +
					(run.cpu ? `; CPU per view p50 ${run.cpu.p50} ms, p95 ${run.cpu.p95} ms` : '')
			}
		]
	};
}
