/**
 * The end of a run: every measurement assessed into figures and budgets (issue 5's, the area
 * pages', the uncached mixed workload's, the soak's), printed as a table and written to
 * bench/results.json (bench/results-quick.json for --quick).
 */
import { join } from 'node:path';
import { assess, type RunData } from './assess.ts';
import { assessAreaPages, type AreaPageRun } from './area-pages.ts';
import type { MixedRun } from './mixed-load.ts';
import { assessMixed } from './mixed-report.ts';
import { printBudgets, printTable, writeResults, type Machine } from './report.ts';
import type { SoakResult } from './soak.ts';
import { roundAll } from './log.ts';

export interface RunReport {
	machine: Machine;
	data: RunData;
	areaPages: AreaPageRun;
	mixed: MixedRun;
	scenario: Record<string, unknown>;
	phases: Record<string, number>;
	notes: string[];
	benchDir: string;
	kept: string | null;
}

function soakJson(s: SoakResult | null) {
	return (
		s && {
			paths: s.paths,
			clients: s.clients,
			warmup: { ...roundAll(s.warmup), writer: undefined },
			soak: { ...roundAll(s.soak), writer: undefined },
			writer: {
				warmup: { ...s.warmup.writer, cycleMs: undefined, uploadMs: undefined },
				soak: { ...s.soak.writer, cycleMs: undefined, uploadMs: undefined }
			},
			rss_mb: roundAll(s.rss),
			rss_samples_mb: s.rssSamplesMb
		}
	);
}

/** Prints the table and budgets and writes the JSON; returns the file written. */
export function report(r: RunReport): string {
	const quick = r.data.opts.quick;
	const scope = quick ? 'quick scenario (1 province)' : 'whole country';
	const { figures, budgets } = assess(r.data);
	for (const part of [assessAreaPages(r.areaPages, scope), assessMixed(r.mixed, scope)]) {
		figures.push(...part.figures);
		budgets.push(...part.budgets);
	}
	printTable(figures);
	printBudgets(budgets);
	console.log(`\nphases (ms): ${JSON.stringify(r.phases)}`);
	for (const n of r.notes) console.log(`note: ${n}`);
	const totalS = Math.round(r.data.totalMs / 1000);
	console.log(`total: ${totalS} s${r.kept ? ` (kept: ${r.kept})` : ''}`);
	const out = join(r.benchDir, quick ? 'results-quick.json' : 'results.json');
	writeResults(out, r.machine, figures, budgets, {
		scenario: r.scenario,
		area_pages: r.areaPages.views.map((v) => ({ ...v, ms: Math.round(v.ms) })),
		mixed: {
			first_renders: r.mixed.firstRenders.map((v) => ({ ...v, ms: Math.round(v.ms) }))
		},
		phases_ms: r.phases,
		soak: soakJson(r.data.soak),
		notes: r.notes,
		total_s: totalS
	});
	console.log(`written to ${out}`);
	return out;
}
