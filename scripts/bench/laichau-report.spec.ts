import { describe, expect, it } from 'vitest';
import { assess, type RunData } from './assess.ts';
import type { Visit } from './browser.ts';
import type { LoadResult } from './http-load.ts';
import { COLD_BYTES_BUDGET, laiChauFigures, type LaiChauRun } from './laichau-report.ts';
import type { LighthouseResult } from './lighthouse.ts';
import type { BenchOptions } from './options.ts';

const visit = (bytes: number): Visit => ({
	paintedMs: 900,
	fillCount: 38,
	bytes,
	requests: 13,
	breakdown: {
		responseStart: 10,
		responseEnd: 20,
		domContentLoaded: 300,
		load: 400,
		geometryStart: 500,
		geometryEnd: 600,
		fills: 900
	},
	errors: []
});

const lighthouse = (performance: number | null): LighthouseResult => ({
	performance,
	accessibility: 100,
	totalBlockingTimeMs: 80,
	largestContentfulPaintMs: 1500,
	totalByteWeight: 98_000,
	lighthouseVersion: '12.8.2',
	failedAccessibility: [],
	flagged: []
});

const run = (cold: number, lh: LighthouseResult | null): LaiChauRun => ({
	cold: visit(cold),
	warm: visit(262),
	lighthouse: lh
});

/** The budgets' verdicts: cold bytes, Lighthouse measured (true PASS, false FAIL, null N/A). */
const verdicts = (lc: LaiChauRun | null, browserRan: boolean) =>
	laiChauFigures(lc, browserRan).budgets.map((b) => b.pass);

describe('the Lai Châu budgets', () => {
	it.each([
		['98,020 B, score 97', run(98_020, lighthouse(97)), true, [true, true]],
		['exactly the budget', run(COLD_BYTES_BUDGET, lighthouse(91)), true, [true, true]],
		['one byte over', run(COLD_BYTES_BUDGET + 1, lighthouse(99)), true, [false, true]],
		['Lighthouse did not run', run(98_020, null), true, [true, false]],
		['Lighthouse gave no performance score', run(98_020, lighthouse(null)), true, [true, false]],
		['the browser ran, Lai Châu not measured', null, true, [false, false]],
		['--skip-browser', null, false, [null, null]]
	] as const)('%s', (_, lc, browserRan, expected) => {
		expect(verdicts(lc, browserRan)).toEqual(expected);
	});

	it('says why in each detail', () => {
		const [bytes, lh] = laiChauFigures(run(100_001, null), true).budgets;
		expect(bytes).toMatchObject({
			name: 'Lai Châu / cold ≤ 100,000 B',
			detail: '100,001 B in 13 requests'
		});
		expect(lh.detail).toMatch(/^not run .*notes/);
		expect(laiChauFigures(null, false).budgets[1].detail).toBe('skipped (--skip-browser)');
	});

	it('are among the budgets of a run, with the figures they judge', () => {
		const load: LoadResult = {
			url: '/',
			clients: 32,
			requests: 100,
			errors: 0,
			non2xx: 0,
			p50: 10,
			p95: 20,
			p99: 30,
			rps: 50,
			bytes: 1000,
			seconds: 2
		};
		const summary = { n: 10, p50: 5, p95: 10, max: 12 };
		const ingest = { rows: 1000, ms: 100, perFile: [100] };
		const data: RunData = {
			opts: { clients: 32, quick: true } as BenchOptions,
			nCommunes: 38,
			importMonths: ['2025-01'],
			preloaded: null,
			floor: ingest,
			ingest,
			sql: { month: summary, year: summary, series: summary },
			http: { month: load, year: load, series: load, page: load },
			monthStock: null,
			firstHit: { page: 50 },
			cached: { ...load, gzipBytes: 500 },
			browser: {
				ours: [visit(500_000)],
				plain: [visit(900_000)],
				warm: visit(262),
				laiChau: run(COLD_BYTES_BUDGET + 1, null)
			},
			pglite: {
				months: ['2025-01'],
				floor: ingest,
				ingest,
				sqlMonth: [5],
				http: load,
				serverStartMs: 1000,
				httpError: null,
				sqlMonthSummary: summary
			},
			soak: null,
			totalMs: 60_000,
			soakMs: 0
		};
		const { figures, budgets } = assess(data);
		expect(figures.find((f) => f.name === 'page_bytes_cold_laichau')?.value).toBe(100_001);
		expect(budgets.filter((b) => b.name.startsWith('Lai Châu /')).map((b) => b.pass)).toEqual([
			false,
			false
		]);
	});
});
