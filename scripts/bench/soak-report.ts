/** The soak's figures and budgets (soak.ts), in the bench's table and bench/results.json. */
import { figure, type Budget, type Figure } from './report.ts';
import { percentile } from './stats.ts';
import type { SoakResult } from './soak.ts';
import type { MemoryReport } from './server-memory.ts';

const MB = 1024 * 1024;

/**
 * The server's own breakdown after the warm-up and after the soak (server-memory.ts): where
 * resident memory went (V8 heap, memory outside it such as Buffers, the cache's entries and
 * bytes). The figure is the value after the soak; its reference, the value after the warm-up.
 */
function breakdownFigures(a: MemoryReport | null, b: MemoryReport | null): Figure[] {
	if (!a || !b)
		return [figure('soak_heap_used_mb', null, 'MB', null, 'no memory report from the server')];
	const row = (name: string, unit: string, read: (m: MemoryReport) => number, note: string) =>
		figure(
			name,
			read(b),
			unit,
			read(a),
			`after the soak; ${read(a).toFixed(0)} after the warm-up. ${note}`
		);
	return [
		row('soak_server_rss_mb', 'MB', (m) => m.rssBytes / MB, 'process.memoryUsage().rss'),
		row(
			'soak_heap_used_mb',
			'MB',
			(m) => m.heapUsedBytes / MB,
			`V8 heap used (of ${(b.heapTotalBytes / MB).toFixed(0)} MB)`
		),
		row(
			'soak_external_mb',
			'MB',
			(m) => m.externalBytes / MB,
			`outside the V8 heap, Buffers included (array buffers ${(b.arrayBuffersBytes / MB).toFixed(0)} MB)`
		),
		row(
			'soak_cache_entries',
			'entries',
			(m) => m.cacheEntries,
			'values and answers in the one cache'
		),
		row('soak_cache_mb', 'MB', (m) => m.cacheBytes / MB, "the cache's own count of its bytes")
	];
}

/** Growth of the server's resident memory over the soak that still counts as steady. */
export const RSS_GROWTH_BUDGET_PCT = 10;

export function soakFigures(s: SoakResult | null): { figures: Figure[]; budgets: Budget[] } {
	if (!s)
		return {
			figures: [figure('soak_errors', null, 'errors', null, 'skipped (--skip-soak)')],
			budgets: []
		};
	const r = s.soak;
	const w = r.writer;
	const mix = `${s.clients} clients cycling through ${s.paths.length} public GETs (${s.paths.join(' ')}) for ${r.seconds.toFixed(0)} s after a ${s.warmup.seconds.toFixed(0)} s warm-up, with one writer uploading a 5-commune report over POST /api/v1/imports and approving each report over POST /api/v1/reports/… (${w.ok}/${w.cycles} cycles, 1 s apart)`;
	const figures = [
		figure(
			'soak_errors',
			r.errors + r.non2xx,
			'errors',
			null,
			`socket errors ${r.errors - w.failures.length}, timeouts ${r.timeouts}, non-2xx ${r.non2xx} (statuses ${JSON.stringify(r.statuses)}), writer failures ${w.failures.length}${w.failures.length ? `: ${w.failures[0]}` : ''}`
		),
		figure('soak_requests', r.requests, 'requests', null, mix),
		figure('soak_rps', r.rps, 'req/s', null, 'reads per second over the soak'),
		figure('soak_p50_ms', r.p50, 'ms', null, 'every read of the soak'),
		figure('soak_p95_ms', r.p95, 'ms', null, `warm-up p95 ${s.warmup.p95.toFixed(0)} ms`),
		figure('soak_p99_ms', r.p99, 'ms', null, ''),
		figure(
			'soak_import_cycle_p95_ms',
			w.cycleMs.length ? percentile(w.cycleMs, 0.95) : null,
			'ms',
			null,
			`upload + approvals of one file under the read load; upload alone p95 ${w.uploadMs.length ? percentile(w.uploadMs, 0.95).toFixed(0) : '–'} ms`
		),
		figure(
			'soak_rss_after_warmup_mb',
			s.rss.afterWarmupMb,
			'MB',
			null,
			'server process VmRSS, 2 s after the warm-up load stopped'
		),
		figure(
			'soak_rss_after_soak_mb',
			s.rss.afterSoakMb,
			'MB',
			s.rss.afterWarmupMb,
			`2 s after the soak stopped; peak ${s.rss.peakMb.toFixed(0)} MB; samples every 5 s: ${s.rssSamplesMb.join(' ')}`
		),
		figure(
			'soak_rss_growth_pct',
			s.rss.growthPct,
			'%',
			null,
			'after the soak vs after the warm-up'
		),
		...breakdownFigures(s.memory?.afterWarmup ?? null, s.memory?.afterSoak ?? null)
	];
	const errors = r.errors + r.non2xx + w.failures.length;
	const budgets: Budget[] = [
		{
			name: 'soak: 0 errors',
			pass: errors === 0 && w.cycles > 0,
			detail: `${errors} errors in ${r.requests} reads and ${w.cycles} import cycles`
		},
		{
			name: `soak: server memory growth ≤ ${RSS_GROWTH_BUDGET_PCT} %`,
			pass: s.rss.growthPct <= RSS_GROWTH_BUDGET_PCT,
			detail: `${s.rss.afterWarmupMb.toFixed(0)} → ${s.rss.afterSoakMb.toFixed(0)} MB (${s.rss.growthPct.toFixed(1)} %)`
		}
	];
	return { figures, budgets };
}
