/**
 * The Lai Châu demo store's page in the bench (issue 15): the bytes of / cold and warm and
 * Lighthouse's mobile scores as figures, and their budgets: the cold visit within 100,000 bytes,
 * and a performance score at all (a Lighthouse that did not run fails, never passes unseen).
 * A budget is N/A only when the browser phase was skipped (--skip-browser); when it ran, a
 * figure it should have given and did not is a FAIL, as for the choropleth's budgets.
 */
import type { Visit } from './browser.ts';
import type { LighthouseResult } from './lighthouse.ts';
import { figure, type Budget, type Figure } from './report.ts';

/** Issue 15: "cold ≤ 100 KB" of / on the Lai Châu demo store, every byte over the wire. */
export const COLD_BYTES_BUDGET = 100_000;

export interface LaiChauRun {
	cold: Visit;
	warm: Visit;
	lighthouse: LighthouseResult | null;
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

export function laiChauFigures(
	lc: LaiChauRun | null,
	browserRan: boolean
): { figures: Figure[]; budgets: Budget[] } {
	const lh = lc?.lighthouse ?? null;
	const notRun = browserRan ? 'not run' : 'skipped (--skip-browser)';
	const figures = [
		figure(
			'page_bytes_cold_laichau',
			lc ? lc.cold.bytes : null,
			'bytes',
			null,
			lc
				? `Lai Châu demo store (db:seed --demo), ${lc.cold.requests} requests; its choropleth: ${lc.cold.paintedMs?.toFixed(0) ?? '–'} ms`
				: 'skipped'
		),
		figure(
			'page_bytes_warm_laichau',
			lc ? lc.warm.bytes : null,
			'bytes',
			null,
			lc ? `Lai Châu demo store, second visit, ${lc.warm.requests} requests` : 'skipped'
		),
		figure(
			'lighthouse_mobile_performance_laichau',
			lh?.performance ?? null,
			'score',
			null,
			lh
				? `Lighthouse ${lh.lighthouseVersion} mobile (simulated slow 4G, 4× CPU) on / of the Lai Châu demo store: accessibility ${lh.accessibility}${lh.failedAccessibility.length ? ` (failing: ${lh.failedAccessibility.join(', ')})` : ''}, TBT ${lh.totalBlockingTimeMs?.toFixed(0)} ms, LCP ${lh.largestContentfulPaintMs?.toFixed(0)} ms, ${lh.totalByteWeight} bytes`
				: 'not run'
		),
		figure(
			'lighthouse_mobile_accessibility_laichau',
			lh?.accessibility ?? null,
			'score',
			null,
			lh ? 'Lighthouse mobile, same run' : 'not run'
		),
		figure(
			'lighthouse_mobile_tbt_ms_laichau',
			lh?.totalBlockingTimeMs ?? null,
			'ms',
			null,
			lh ? 'total blocking time, Lighthouse mobile, same run' : 'not run'
		)
	];
	const missing = browserRan ? false : null;
	const budgets: Budget[] = [
		{
			name: `Lai Châu / cold ≤ ${bytes(COLD_BYTES_BUDGET)}`,
			pass: lc ? lc.cold.bytes <= COLD_BYTES_BUDGET : missing,
			detail: lc ? `${bytes(lc.cold.bytes)} in ${lc.cold.requests} requests` : notRun
		},
		{
			name: 'Lai Châu / Lighthouse mobile performance score measured',
			pass: lh?.performance !== null && lh?.performance !== undefined ? true : missing,
			detail: !lh
				? `${notRun}${browserRan ? ' (why: the notes below)' : ''}`
				: lh.performance === null
					? 'Lighthouse ran but gave no performance score'
					: `performance ${lh.performance}, accessibility ${lh.accessibility}, TBT ${lh.totalBlockingTimeMs?.toFixed(0)} ms`
		}
	];
	return { figures, budgets };
}
