/**
 * Latency of one URL under N concurrent clients (autocannon, in this process), with the exact
 * p50/p95 computed from every response time (autocannon's own summary has no p95). Requests
 * carry a browser's Accept-Encoding so that a compressed answer would count as such.
 *
 * Bodies are not accumulated. Stock autocannon (9.0, lib/pipelinedRequestsQueue.js `addBody`)
 * appends every body chunk to a JS string (`req.body += data`), i.e. UTF-8-decodes every
 * compressed answer, only for options the bench never uses (expectBody, verifyBody, onResponse):
 * for a 211 KB gzip answer that is ≈ 4 ms of the load generator's CPU per response, on the same
 * 2 cores as the server, and it capped the national answer at ≈ 200 req/s with p95 230–300 ms
 * while the server idled. The bench checks answers separately (`fetchOk`), so `load` swaps
 * `addBody` for a no-op during its runs; `keepBodies: true` measures with stock autocannon (the
 * `values_month_p95_ms_stock_autocannon` figure, reported next to the budgeted one).
 *
 * A run is a number of requests, not a duration: autocannon drops the requests still in flight
 * when a duration ends, so an endpoint slower than duration ÷ clients would report nothing (or
 * only its fastest answers). The count is sized from one warm request so a run lasts about
 * `seconds`, and is at least one request per client.
 */
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { percentile } from './stats.ts';

// The very module instance autocannon uses (CommonJS, cached by file name).
const PipelinedRequestsQueue = createRequire(import.meta.url)(
	'autocannon/lib/pipelinedRequestsQueue.js'
) as { prototype: { addBody(data: Buffer): void } };
const stockAddBody = PipelinedRequestsQueue.prototype.addBody;
const discardBody = () => {};

export interface LoadResult {
	url: string;
	clients: number;
	requests: number;
	errors: number;
	non2xx: number;
	p50: number;
	p95: number;
	p99: number;
	/** Requests per second. */
	rps: number;
	/** Mean response size, bytes. */
	bytes: number;
	/** Wall time of the run, seconds. */
	seconds: number;
}

/** Requests for a run of about `seconds` on `cores` cores, given one warm request's latency. */
export function requestsFor(
	singleMs: number,
	options: { clients: number; seconds: number; cores: number }
): number {
	const estimate = Math.round((options.seconds * 1000 * options.cores) / Math.max(1, singleMs));
	return Math.min(20_000, Math.max(options.clients, estimate));
}

/** Runs `fn` (an autocannon run) with bodies counted, not decoded (see above). */
export async function withoutBodies<T>(fn: () => Promise<T>): Promise<T> {
	PipelinedRequestsQueue.prototype.addBody = discardBody;
	try {
		return await fn();
	} finally {
		PipelinedRequestsQueue.prototype.addBody = stockAddBody;
	}
}

export async function load(
	url: string,
	options: { clients: number; amount: number; keepBodies?: boolean }
): Promise<LoadResult> {
	PipelinedRequestsQueue.prototype.addBody = options.keepBodies ? stockAddBody : discardBody;
	try {
		return await run(url, options);
	} finally {
		PipelinedRequestsQueue.prototype.addBody = stockAddBody;
	}
}

async function run(url: string, options: { clients: number; amount: number }): Promise<LoadResult> {
	const times: number[] = [];
	let bytes = 0;
	const started = performance.now();
	// Without a callback autocannon returns its instance, which is also a promise of the result.
	const instance = autocannon({
		url,
		connections: options.clients,
		amount: options.amount,
		timeout: 60,
		headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json, text/html' }
	}) as unknown as autocannon.Instance & Promise<autocannon.Result>;
	instance.on(
		'response',
		(_client: unknown, _status: number, resBytes: number, responseTime: number) => {
			times.push(responseTime);
			bytes += resBytes;
		}
	);
	const result = await instance;
	const seconds = (performance.now() - started) / 1000;
	return {
		url,
		clients: options.clients,
		requests: times.length,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		p50: percentile(times, 0.5),
		p95: percentile(times, 0.95),
		p99: percentile(times, 0.99),
		rps: times.length / seconds,
		bytes: times.length ? bytes / times.length : 0,
		seconds
	};
}

/** One request, to warm caches and check the answer; throws on a non-2xx. */
export async function fetchOk(url: string): Promise<{ ms: number; bytes: number; body: Buffer }> {
	const t = performance.now();
	const response = await fetch(url);
	const body = Buffer.from(await response.arrayBuffer());
	if (!response.ok)
		throw new Error(`GET ${url}: HTTP ${response.status} ${body.toString().slice(0, 300)}`);
	return { ms: performance.now() - t, bytes: body.length, body };
}
