/**
 * Turns the raw measurements of a run into the named figures (value, floor, ratio, note) and the
 * budgets of issue 5 (PASS / FAIL, or N/A when a figure could not be measured), with those of the
 * Lai Châu page (laichau-report.ts) and of the soak (soak-report.ts).
 */
import type { BenchOptions } from './options.ts';
import type { IngestRun } from './ingest.ts';
import type { LoadResult } from './http-load.ts';
import type { Visit } from './browser.ts';
import type { PgliteResult } from './pglite-pass.ts';
import { laiChauFigures, type LaiChauRun } from './laichau-report.ts';
import { figure, type Budget, type Figure } from './report.ts';
import { percentile, type Summary } from './stats.ts';
import type { SoakResult } from './soak.ts';
import { soakFigures } from './soak-report.ts';

export interface RunData {
	opts: BenchOptions;
	nCommunes: number;
	importMonths: string[];
	preloaded: IngestRun | null;
	floor: IngestRun;
	ingest: IngestRun;
	sql: { month: Summary; year: Summary; series: Summary };
	http: Record<'month' | 'year' | 'series' | 'page', LoadResult>;
	/** The month load again with stock autocannon (bodies decoded into strings): not budgeted. */
	monthStock: LoadResult | null;
	firstHit: Record<string, number>;
	cached: LoadResult & { gzipBytes: number };
	browser: {
		ours: Visit[];
		plain: Visit[];
		warm: Visit;
		laiChau: LaiChauRun | null;
	} | null;
	pglite: PgliteResult & { sqlMonthSummary: Summary };
	soak: SoakResult | null;
	totalMs: number;
	/** Of which the soak (its length is chosen, so the 10-minute budget leaves it out). */
	soakMs: number;
}

const rate = (r: IngestRun) => (r.ms > 0 ? (r.rows / r.ms) * 1000 : null);
const median = (xs: (number | null)[]) => {
	const ok = xs.filter((x): x is number => x !== null);
	return ok.length === xs.length && ok.length ? percentile(ok, 0.5) : null;
};

export function assess(d: RunData): { figures: Figure[]; budgets: Budget[] } {
	const c = d.opts.clients;
	const load = (r: LoadResult) =>
		`${r.clients} clients, ${r.requests} req in ${r.seconds.toFixed(1)} s (${r.rps.toFixed(1)}/s), ${(r.bytes / 1024).toFixed(0)} KiB/answer` +
		(r.errors || r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : '');
	const sqlNote = (s: Summary, runs: string) =>
		`floor: the same aggregate SQL alone, ${s.n} sequential runs (${runs})`;
	const months = d.importMonths.length;
	const ingestNote =
		`importFile on ${months} monthly wide CSV (${d.ingest.rows} figures) into a store already holding ` +
		`${d.preloaded ? d.preloaded.rows : 0} rows; per file ${d.ingest.perFile.map((x) => (x / 1000).toFixed(1)).join('/')} s; ` +
		`floor: plain COPY of the same rows into an empty observations-like table (PK + checks, no FKs)`;
	const b = d.browser;
	const ours = b ? median(b.ours.map((r) => r.paintedMs)) : null;
	const plain = b && b.plain.length ? median(b.plain.map((r) => r.paintedMs)) : null;
	const ms = (x: number | null) => (x === null ? '–' : (x / 1000).toFixed(1));
	const where = (v: Visit) =>
		`document ${ms(v.breakdown.responseStart)}–${ms(v.breakdown.responseEnd)} s, DOMContentLoaded ${ms(v.breakdown.domContentLoaded)} s, geometry ${ms(v.breakdown.geometryStart)}–${ms(v.breakdown.geometryEnd)} s, fills ${ms(v.breakdown.fills)} s`;
	const oursNote = !b
		? 'skipped (--skip-browser)'
		: ours === null
			? `our map never showed ${d.nCommunes} fills (max seen: ${Math.max(0, ...b.ours.map((r) => r.fillCount ?? 0))})`
			: `median of ${b.ours.length} cold load(s) of / (service_index, latest quarter, all communes), navigation → paint after data-fills ≥ ${d.nCommunes}; first run: ${where(b.ours[0])}` +
				(b.plain.length
					? `; floor: plain Leaflet L.geoJSON (SVG) on the same geometry bytes: ${where(b.plain[0])}`
					: '');
	const laiChau = laiChauFigures(b?.laiChau ?? null, b !== null);
	const scope = d.opts.quick ? 'quick scenario (1 province)' : 'whole country';
	const p = d.pglite;
	const figures: Figure[] = [
		figure('ingest_rows_per_s', rate(d.ingest), 'rows/s', rate(d.floor), ingestNote),
		figure('values_month_p50_ms', d.http.month.p50, 'ms', d.sql.month.p50, load(d.http.month)),
		figure(
			'values_month_p95_ms',
			d.http.month.p95,
			'ms',
			d.sql.month.p95,
			sqlNote(d.sql.month, `p50 ${d.sql.month.p50.toFixed(0)} ms`)
		),
		figure(
			'values_month_p95_ms_stock_autocannon',
			d.monthStock?.p95 ?? null,
			'ms',
			d.sql.month.p95,
			d.monthStock
				? `not budgeted: the same load with stock autocannon, whose addBody decodes every compressed body into a JS string (≈ 4 ms of the load generator's CPU per 200 KB answer, on the same cores); the budgeted figure discards bodies (http-load.ts). ${load(d.monthStock)}, p50 ${d.monthStock.p50.toFixed(0)} ms`
				: 'not measured'
		),
		figure(
			'values_month_cached_p95_ms',
			d.cached.p95,
			'ms',
			d.sql.month.p95,
			`what-if, not our server: the same answer served from memory, compressed as our cache does (${(d.cached.gzipBytes / 1024).toFixed(0)} KiB gzip, ${(d.cached.bytes / 1024).toFixed(0)} KiB sent: brotli when accepted), by a bare node:http process, ${c} clients, ${d.cached.requests} req (${d.cached.rps.toFixed(0)}/s)`
		),
		figure('values_year_p50_ms', d.http.year.p50, 'ms', d.sql.year.p50, load(d.http.year)),
		figure(
			'values_year_p95_ms',
			d.http.year.p95,
			'ms',
			d.sql.year.p95,
			sqlNote(d.sql.year, `p50 ${d.sql.year.p50.toFixed(0)} ms`)
		),
		figure('series_p50_ms', d.http.series.p50, 'ms', d.sql.series.p50, load(d.http.series)),
		figure(
			'series_p95_ms',
			d.http.series.p95,
			'ms',
			d.sql.series.p95,
			sqlNote(d.sql.series, '60 months, one commune')
		),
		figure('page_p50_ms', d.http.page.p50, 'ms', null, load(d.http.page)),
		figure(
			'page_p95_ms',
			d.http.page.p95,
			'ms',
			null,
			`server-rendered / (default view: service_index, latest quarter, all communes); first hit ${d.firstHit.page?.toFixed(0)} ms`
		),
		figure('choropleth_first_paint_ms', ours, 'ms', plain, oursNote),
		figure(
			'page_bytes_cold',
			b ? b.ours[0].bytes : null,
			'bytes',
			b?.plain[0]?.bytes ?? null,
			b
				? `${scope}, / with every subresource, ${b.ours[0].requests} requests${b.ours[0].paintedMs === null ? ' (map never complete: counted to network idle)' : ''}; floor: the plain Leaflet page (same geometry bytes + values JSON + leaflet)`
				: 'skipped'
		),
		figure(
			'page_bytes_warm',
			b ? b.warm.bytes : null,
			'bytes',
			null,
			b
				? `${scope}, second visit in the same context, ${b.warm.requests} requests (the page is revalidated by ETag: 304)`
				: 'skipped'
		),
		...laiChau.figures,
		figure(
			'pglite_ingest_rows_per_s',
			rate(p.ingest),
			'rows/s',
			rate(p.floor),
			`PGlite, all ${d.nCommunes} communes × ${p.months.length} months through importFile (per file ${p.ingest.perFile.map((x) => (x / 1000).toFixed(1)).join('/')} s); floor: PGlite COPY of the same rows`
		),
		figure(
			'pglite_values_month_p95_ms',
			p.http?.p95 ?? null,
			'ms',
			p.sqlMonthSummary.p95,
			p.http
				? `PGlite server, ${load(p.http)}; floor: PGlite bare SQL p95 (p50 ${p.sqlMonthSummary.p50.toFixed(0)} ms)`
				: `PGlite server failed: ${p.httpError}`
		),
		figure(
			'bench_total_s',
			d.totalMs / 1000,
			's',
			null,
			`${d.opts.quick ? 'quick scenario' : 'whole run, build excluded only if build/ was current'}; of which the soak ${(d.soakMs / 1000).toFixed(0)} s`
		)
	];
	const soak = soakFigures(d.soak);
	figures.push(...soak.figures);
	const value = (name: string) => figures.find((f) => f.name === name)!;
	const vm = value('values_month_p95_ms');
	const ing = value('ingest_rows_per_s');
	const ch = value('choropleth_first_paint_ms');
	const budgets: Budget[] = [
		{
			name: `values month p95 ≤ 50 ms at ${c} clients`,
			pass: vm.value === null ? null : vm.value <= 50,
			detail: `${vm.value} ms`
		},
		{
			name: 'values month p95 within 2× the bare SQL',
			pass: vm.ratio === null ? null : vm.ratio <= 2,
			detail: `${vm.value} ms vs SQL p95 ${vm.floor} ms: ×${vm.ratio}`
		},
		{
			name: 'ingest ≥ half of plain COPY',
			pass: ing.ratio === null ? null : ing.ratio >= 0.5,
			detail: `${ing.value} rows/s vs ${ing.floor} rows/s: ×${ing.ratio}`
		},
		{
			name: 'first complete choropleth ≤ 1.5 s',
			pass: ch.value === null ? (b ? false : null) : ch.value <= 1500,
			detail: ch.value === null ? ch.note : `${ch.value} ms`
		},
		{
			name: 'choropleth faster than plain Leaflet',
			pass: ch.value === null || ch.floor === null ? (b ? false : null) : ch.value < ch.floor,
			detail: `${ch.value ?? '–'} ms vs ${ch.floor ?? '–'} ms`
		},
		...laiChau.budgets,
		{
			name: 'whole bench < 10 minutes (the soak, of a chosen length, not counted)',
			pass: d.totalMs - d.soakMs < 600_000,
			detail: `${((d.totalMs - d.soakMs) / 1000).toFixed(0)} s (+ soak ${(d.soakMs / 1000).toFixed(0)} s)`
		},
		...soak.budgets
	];
	return { figures, budgets };
}
