/**
 * The soak: `clients` autocannon connections cycling through the public endpoints and pages
 * (values, series, priorities, geometry, pages) for a warm-up and then `seconds`, while one
 * writer uploads and approves small reports over HTTP (soak-writer.ts). Reported: errors
 * (socket errors, timeouts and any non-2xx, readers and writer alike), p50/p95/p99 of every
 * read, and the server process's resident memory after the warm-up and after the soak, with
 * the server's own breakdown (heap, external, cache entries and bytes: server-memory.ts) when it
 * was started with `XASO_MEMORY_REPORT`.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { withoutBodies } from './http-load.ts';
import { percentile } from './stats.ts';
import { newWriterStats, runWriter, signInWriters, type WriterStats } from './soak-writer.ts';
import { describeMemory, serverMemory, type MemoryReport } from './server-memory.ts';

export interface MixedRun {
	seconds: number;
	requests: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	statuses: Record<string, number>;
	p50: number;
	p95: number;
	p99: number;
	rps: number;
	writer: WriterStats;
}

export interface SoakResult {
	paths: string[];
	clients: number;
	warmup: MixedRun;
	soak: MixedRun;
	rss: { afterWarmupMb: number; afterSoakMb: number; peakMb: number; growthPct: number };
	rssSamplesMb: number[];
	/** The server's breakdown at the same two moments (null without a report file). */
	memory: { afterWarmup: MemoryReport | null; afterSoak: MemoryReport | null };
}

/** Resident memory of a process, MB (Linux /proc). */
export function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
	return kb / 1024;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function mixed(
	base: string,
	paths: readonly string[],
	communes: readonly string[],
	options: {
		clients: number;
		/** Ends the run, checked every 250 ms with the seconds elapsed and the writer's progress. */
		until: (seconds: number, writer: WriterStats) => boolean;
		firstCycle: number;
		seed: number;
		cookies: { editor: string; approver: string };
		onTick?: () => void;
	}
): Promise<MixedRun> {
	const times: number[] = [];
	const statuses: Record<string, number> = {};
	let stop = false;
	const stats = newWriterStats();
	const writer = runWriter(base, communes, {
		pauseMs: 1000,
		first: options.firstCycle,
		seed: options.seed,
		shouldStop: () => stop,
		cookies: options.cookies,
		stats
	});
	const started = performance.now();
	const tick = options.onTick ? setInterval(options.onTick, 5000) : null;
	const result = await withoutBodies(async (): Promise<autocannon.Result> => {
		const instance = autocannon({
			url: base,
			connections: options.clients,
			duration: 24 * 3600,
			timeout: 30,
			headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json, text/html' },
			requests: paths.map((path) => ({ method: 'GET', path }))
		}) as unknown as autocannon.Instance & Promise<autocannon.Result>;
		instance.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
			times.push(ms);
			statuses[status] = (statuses[status] ?? 0) + 1;
		});
		const check = setInterval(() => {
			if (options.until((performance.now() - started) / 1000, stats)) {
				clearInterval(check);
				instance.stop();
			}
		}, 250);
		try {
			return await instance;
		} finally {
			clearInterval(check);
		}
	});
	if (tick) clearInterval(tick);
	stop = true;
	const w = await writer;
	const seconds = (performance.now() - started) / 1000;
	return {
		seconds,
		requests: times.length,
		errors: result.errors + w.failures.length,
		timeouts: result.timeouts,
		non2xx: result.non2xx,
		statuses,
		p50: percentile(times, 0.5),
		p95: percentile(times, 0.95),
		p99: percentile(times, 0.99),
		rps: times.length / seconds,
		writer: w
	};
}

/** Warm-up, then the soak proper; memory is read after each, once the server has settled. */
export async function soak(options: {
	base: string;
	pid: number;
	/** The server's XASO_MEMORY_REPORT file, if it was started with one. */
	memoryFile: string | null;
	/** The bench's seed: the figures the writer uploads. */
	seed: number;
	paths: string[];
	communes: readonly string[];
	clients: number;
	warmupSeconds: number;
	seconds: number;
	log: (s: string) => void;
}): Promise<SoakResult> {
	const { base, pid, paths, communes, clients, log } = options;
	const breakdown = () =>
		options.memoryFile ? serverMemory(pid, options.memoryFile) : Promise.resolve(null);
	const cookies = await signInWriters(base);
	// The warm-up lasts until the writer has done two whole cycles too: the first import starts
	// the parsing worker and fills the caches an import keeps, which is not growth.
	const warmup = await mixed(base, paths, communes, {
		clients,
		until: (s, w) =>
			(s >= options.warmupSeconds && w.cycles - w.failures.length >= 2 && w.cycleMs.length >= 2) ||
			s >= options.warmupSeconds * 6,
		firstCycle: 0,
		seed: options.seed,
		cookies
	});
	await sleep(2000);
	const afterWarmupMb = rssMb(pid);
	const memoryAfterWarmup = await breakdown();
	log(`soak memory after warm-up: ${describeMemory(memoryAfterWarmup)}`);
	log(
		`soak warm-up: ${warmup.requests} reads in ${warmup.seconds.toFixed(0)} s, p95 ${warmup.p95.toFixed(0)} ms, ${warmup.writer.ok}/${warmup.writer.cycles} import cycles, errors ${warmup.errors}, RSS ${afterWarmupMb.toFixed(0)} MB`
	);
	const samples: number[] = [afterWarmupMb];
	const soakRun = await mixed(base, paths, communes, {
		clients,
		until: (s) => s >= options.seconds,
		firstCycle: warmup.writer.cycles,
		seed: options.seed,
		cookies,
		onTick: () => samples.push(rssMb(pid))
	});
	await sleep(2000);
	const afterSoakMb = rssMb(pid);
	samples.push(afterSoakMb);
	const memoryAfterSoak = await breakdown();
	log(`soak memory after the soak: ${describeMemory(memoryAfterSoak)}`);
	const growthPct = ((afterSoakMb - afterWarmupMb) / afterWarmupMb) * 100;
	log(
		`soak: ${soakRun.requests} reads in ${soakRun.seconds.toFixed(0)} s (${soakRun.rps.toFixed(0)}/s), p50 ${soakRun.p50.toFixed(0)} ms, p95 ${soakRun.p95.toFixed(0)} ms, p99 ${soakRun.p99.toFixed(0)} ms, statuses ${JSON.stringify(soakRun.statuses)}, ${soakRun.writer.ok}/${soakRun.writer.cycles} import cycles (p95 ${percentile(soakRun.writer.cycleMs, 0.95).toFixed(0)} ms, upload p95 ${percentile(soakRun.writer.uploadMs, 0.95).toFixed(0)} ms), errors ${soakRun.errors}, RSS ${afterWarmupMb.toFixed(0)} → ${afterSoakMb.toFixed(0)} MB (${growthPct >= 0 ? '+' : ''}${growthPct.toFixed(1)} %, peak ${Math.max(...samples).toFixed(0)} MB)`
	);
	for (const f of [...warmup.writer.failures, ...soakRun.writer.failures].slice(0, 5))
		log(`soak writer failure: ${f}`);
	return {
		paths,
		clients,
		warmup,
		soak: soakRun,
		rss: {
			afterWarmupMb,
			afterSoakMb,
			peakMb: Math.max(...samples),
			growthPct
		},
		rssSamplesMb: samples.map((s) => Math.round(s)),
		memory: { afterWarmup: memoryAfterWarmup, afterSoak: memoryAfterSoak }
	};
}
