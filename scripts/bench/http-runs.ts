/**
 * The built server under autocannon load: the values of a month and of a year, a commune's
 * series and the page `/`, each first asked once (its first, uncached answer), then loaded by
 * the bench's clients; the month again with stock autocannon (bodies decoded), not budgeted.
 */
import { fetchOk, load, requestsFor, type LoadResult } from './http-load.ts';
import type { BenchLog } from './log.ts';

export type PathName = 'month' | 'year' | 'series' | 'page';

export function benchPaths(months: readonly string[], seriesUnit: string) {
	const lastMonth = months[months.length - 1];
	const year = lastMonth.slice(0, 4);
	return {
		month: `/api/v1/values?indicator=online_uptake&period=${lastMonth}&level=commune`,
		year: `/api/v1/values?indicator=online_uptake&period=${year}&level=commune`,
		series: `/api/v1/series?indicator=online_uptake&unit=${seriesUnit}&from=${months[0]}&to=${lastMonth}`,
		page: '/'
	} satisfies Record<PathName, string>;
}

export interface HttpRuns {
	http: Record<PathName, LoadResult>;
	monthStock: LoadResult | null;
	firstHit: Record<string, number>;
	monthBody: Buffer;
}

export async function httpRuns(
	base: string,
	paths: Record<PathName, string>,
	opts: { clients: number; loadSeconds: number; cores: number },
	{ log }: BenchLog
): Promise<HttpRuns> {
	const http = {} as Record<PathName, LoadResult>;
	let monthStock: LoadResult | null = null;
	const firstHit: Record<string, number> = {};
	let monthBody: Buffer = Buffer.alloc(0);
	for (const [name, path] of Object.entries(paths) as [PathName, string][]) {
		const first = await fetchOk(base + path);
		firstHit[name] = first.ms;
		if (name === 'month') monthBody = first.body;
		const single = await fetchOk(base + path);
		const budgeted = name === 'month' || name === 'year';
		// The budgeted figures always get all clients; the others fewer when 32 would queue for
		// longer than ~25 s (the page at national scale), to keep the run inside 10 minutes.
		const clients = budgeted
			? opts.clients
			: Math.min(opts.clients, Math.max(4, Math.floor((25_000 * opts.cores) / single.ms)));
		let amount = requestsFor(single.ms, { clients, seconds: opts.loadSeconds, cores: opts.cores });
		if (budgeted) {
			// A fresh server's first few hundred answers run unoptimised code (JIT) and open the
			// clients' connections: measured alone they add 10–70 ms to the p95 of a 3,000-request
			// run. The budgets are about a server in service, so a short unmeasured load first.
			const warm = await load(base + path, { clients, amount: 20 * clients });
			log(
				`${name} warm-up: ${warm.requests} requests at ${warm.rps.toFixed(0)} req/s, p95 ${warm.p95.toFixed(0)} ms (not counted)`
			);
			// Sized from the rate under load, not from one request alone (whose time is mostly the
			// client decompressing and parsing 2 MB): a run of ~loadSeconds, so the p95 rests on
			// thousands of answers, not on the slowest dozen of a one-second burst.
			amount = Math.min(20_000, Math.max(amount, Math.round(warm.rps * opts.loadSeconds)));
		}
		const r = (http[name] = await load(base + path, { clients, amount }));
		log(
			`${name}: ${r.clients} clients, ${r.requests} requests in ${r.seconds.toFixed(1)} s (one alone: ${single.ms.toFixed(0)} ms), p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KiB each, errors ${r.errors}, non-2xx ${r.non2xx}`
		);
		if (name === 'month') {
			// The same load with stock autocannon, which decodes every body into a string
			// (http-load.ts): shown, not budgeted. Fewer requests, as it runs ~4× slower.
			monthStock = await load(base + path, {
				clients,
				amount: Math.min(amount, 30 * clients),
				keepBodies: true
			});
			log(
				`month, stock autocannon: ${monthStock.requests} requests in ${monthStock.seconds.toFixed(1)} s, p50 ${monthStock.p50.toFixed(0)} ms, p95 ${monthStock.p95.toFixed(0)} ms`
			);
		}
	}
	return { http, monthStock, firstHit, monthBody };
}
