/**
 * The uncached mixed workload's figures (p95 beside the bare-SQL floor, the first renders of
 * distinct pages alone) and the aims of issue 13 as budgets.
 */
import type { MixedRun } from './mixed-load.ts';
import { figure, type Budget, type Figure } from './report.ts';

/** The aim of issue 13 for the uncached mixed workload's p95 on the national data. */
export const MIXED_P95_AIM_MS = 150;
/** The aim of issue 13 for a first render of a distinct page, alone. */
export const FIRST_RENDER_AIM_MS = 200;

/** The workload's figures (p95 beside the bare-SQL floor) and its aim, as a budget. */
export function assessMixed(
	run: MixedRun,
	scenario: string
): { figures: Figure[]; budgets: Budget[] } {
	const what = `${run.views} distinct views (indicator × period × level × parent) × (API, page), ${run.requests} requests once each, ${run.clients} clients, cache cleared (data version bumped) first; ${scenario}`;
	const figures = [
		figure('mixed_uncached_p50_ms', run.summary.p50, 'ms', run.floor.p50, what),
		figure(
			'mixed_uncached_p95_ms',
			run.summary.p95,
			'ms',
			run.floor.p95,
			`floor: the aggregate SQL of ${run.floor.n} of the views alone, p95; ${run.errors} non-200 or hits (${JSON.stringify(run.statuses)}); ${(run.requests / run.seconds).toFixed(0)} req/s`
		),
		figure('mixed_uncached_api_p95_ms', run.api.p95, 'ms', run.floor.p95, 'the API answers alone'),
		figure(
			'mixed_uncached_page_p95_ms',
			run.pages.p95,
			'ms',
			null,
			'the map pages alone (first render)'
		),
		figure(
			'first_render_distinct_page_p50_ms',
			run.firstRender.p50,
			'ms',
			null,
			`${run.firstRender.n} distinct map pages (/?indicator…&period…&level…[&parent…]) asked one at a time right after the cache was cleared again, request → last byte`
		),
		figure(
			'first_render_distinct_page_p95_ms',
			run.firstRender.p95,
			'ms',
			null,
			`max ${run.firstRender.max.toFixed(0)} ms`
		),
		...cpuFigures(run)
	];
	return {
		figures,
		budgets: [
			{
				name: `uncached mixed workload p95 ≤ ${MIXED_P95_AIM_MS} ms (aim, issue 13)`,
				pass: run.errors === 0 && run.summary.p95 <= MIXED_P95_AIM_MS,
				detail: `${run.summary.p95.toFixed(0)} ms (floor ${run.floor.p95.toFixed(0)} ms; API ${run.api.p95.toFixed(0)}, pages ${run.pages.p95.toFixed(0)}); ${scenario}`
			},
			{
				name: `first render of a distinct page ≤ ${FIRST_RENDER_AIM_MS} ms (aim, issue 13)`,
				pass: Number.isFinite(run.firstRender.p95)
					? run.firstRender.p95 <= FIRST_RENDER_AIM_MS
					: null,
				detail: `p50 ${run.firstRender.p50.toFixed(0)} ms, p95 ${run.firstRender.p95.toFixed(0)} ms over ${run.firstRender.n} pages alone; ${scenario}`
			}
		]
	};
}

/**
 * CPU per request, the server's process and its database backends apart (/proc): which side a
 * request's time is spent on, whatever else the shared machine runs.
 */
function cpuFigures(run: MixedRun): Figure[] {
	const out: Figure[] = [];
	if (run.cpu) {
		const per = (ms: number) => Math.round(ms / run.requests);
		out.push(
			figure(
				'mixed_uncached_server_cpu_per_request_ms',
				per(run.cpu.serverMs),
				'ms',
				null,
				`the server process's CPU over the concurrent run / ${run.requests} requests (${Math.round(run.cpu.serverMs)} ms in all)`
			),
			figure(
				'mixed_uncached_database_cpu_per_request_ms',
				per(run.cpu.databaseMs),
				'ms',
				null,
				`the database backends' CPU over the run / requests (${Math.round(run.cpu.databaseMs)} ms in all; parallel workers sampled every 200 ms, so a lower bound)`
			)
		);
	}
	if (run.firstRenderCpu) {
		const { server, database } = run.firstRenderCpu;
		out.push(
			figure(
				'first_render_server_cpu_p50_ms',
				server.p50,
				'ms',
				null,
				`the server's CPU per first render alone; p95 ${server.p95} ms`
			),
			figure(
				'first_render_database_cpu_p50_ms',
				database.p50,
				'ms',
				null,
				`the database backends' CPU per first render alone; p95 ${database.p95} ms`
			)
		);
	}
	return out;
}
