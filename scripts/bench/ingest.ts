/**
 * Ingest: the scenario's report files (one wide CSV per month) through the product's import path
 * (`importFile`: decode, parse, validate every cell while COPYing the new figures into
 * observations, check parts against wholes, audit, write the monthly facts, commit), against the
 * floor of a plain COPY of the same rows into an empty table shaped like `observations` (same
 * columns, primary key and checks).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { importFile } from '../../src/lib/server/services/import/index.ts';
import { MEASURE_CODES } from '../../src/lib/domain/measures.ts';
import { longCsv, MEASURE_COUNT, monthFigures, wideCsv, type GenCommune } from './figures.ts';

export interface Scenario {
	seed: number;
	communes: readonly GenCommune[];
	/** All months of the scenario (figures of month k use index k of this list). */
	months: readonly string[];
}

const figuresOf = (s: Scenario, month: string) =>
	monthFigures(
		s.seed,
		s.communes,
		s.months.indexOf(month),
		Number(month.slice(5, 7)),
		s.months.length
	);

/** Writes one wide report per month into `dir`; returns the paths in month order. */
export function writeReports(s: Scenario, months: readonly string[], dir: string): string[] {
	mkdirSync(dir, { recursive: true });
	return months.map((month) => {
		const path = join(dir, `report-${month}.csv`);
		writeFileSync(path, wideCsv(s.communes, month, figuresOf(s, month)));
		return path;
	});
}

export interface IngestRun {
	rows: number;
	ms: number;
	/** Per-file durations (ms), in order. */
	perFile: number[];
}

/** Imports the files one by one through `importFile`, as `npm run import` would. */
export async function importReports(
	store: Store,
	files: readonly string[],
	onFile?: (i: number, ms: number) => void
): Promise<IngestRun> {
	let rows = 0;
	const perFile: number[] = [];
	for (const [i, file] of files.entries()) {
		const t = performance.now();
		const result = await importFile(store, {
			bytes: readFileSync(file),
			fileName: file.split('/').pop()!,
			actor: 'bench',
			userId: null,
			source: 'bench'
		});
		if (!result.ok)
			throw new Error(
				`import of ${file} rejected: ${result.errors
					.slice(0, 5)
					.map((e) => `line ${e.line} ${e.column}: ${e.message}`)
					.join('; ')}`
			);
		if (result.dryRun || result.updated || result.unchanged)
			throw new Error(`unexpected import counts for ${file}: ${JSON.stringify(result)}`);
		rows += result.inserted;
		const ms = performance.now() - t;
		perFile.push(ms);
		onFile?.(i, ms);
	}
	return { rows, ms: perFile.reduce((a, b) => a + b, 0), perFile };
}

/**
 * The floor: the same rows, a plain COPY per month into `bench_copy_floor` (created empty, like
 * observations with its key and checks). Text generation is outside the timing; the table is
 * dropped afterwards.
 */
export async function copyFloor(
	store: Store,
	s: Scenario,
	months: readonly string[],
	unitIds: readonly number[]
): Promise<IngestRun> {
	await store.run(sql`drop table if exists bench_copy_floor`);
	await store.run(sql`create table bench_copy_floor (like observations including all)`);
	const [{ id: batchId }] = await store.rows<{ id: number }>(
		sql`insert into import_batches (source, actor, note) values ('bench', 'bench', 'copy floor') returning id`
	);
	const perFile: number[] = [];
	let rows = 0;
	try {
		for (const month of months) {
			const csv = longCsv(unitIds, month, figuresOf(s, month), Number(batchId));
			const t = performance.now();
			await store.copyIn(
				'bench_copy_floor',
				['unit_id', 'month', 'measure_code', 'value', 'batch_id'],
				csv
			);
			perFile.push(performance.now() - t);
			rows += unitIds.length * MEASURE_COUNT;
		}
	} finally {
		// The batch row stays (batches are history; it wrote nothing that remains).
		await store.run(sql`drop table if exists bench_copy_floor`);
	}
	return { rows, ms: perFile.reduce((a, b) => a + b, 0), perFile };
}

/**
 * NOT the product's path: loads months straight into `observations` and `monthly_facts` with COPY,
 * with triggers off for this transaction (`session_replication_role = replica`, superuser only;
 * the ids come from the units just loaded and the catalogue, so every reference holds). Rows go
 * in primary-key order (month by month, as the key leads with the month), so the indexes are
 * appended to rather than updated at random. Used to bring the store to national size before the
 * measured imports: at the import path's rate 57 months would take longer than the bench may.
 */
export async function preload(
	store: Store,
	s: Scenario,
	months: readonly string[],
	unitIds: readonly number[]
): Promise<IngestRun> {
	const t = performance.now();
	// Measure codes in the key's (text) order, with their position in a figures row.
	const order = MEASURE_CODES.map((code, k) => ({ code, k })).sort((a, b) =>
		a.code < b.code ? -1 : 1
	);
	// Units in id order within a month, as the key sorts them.
	const byId = unitIds.map((id, i) => ({ id, i })).sort((a, b) => a.id - b.id);
	await store.transaction(async (tx) => {
		await tx.run(sql`set local session_replication_role = replica`);
		const [{ id: batchId }] = await tx.rows<{ id: number }>(
			sql`insert into import_batches (source, actor, note) values ('bench', 'bench', 'preload by COPY') returning id`
		);
		for (const month of months) {
			const figures = figuresOf(s, month);
			const day = `${month}-01`;
			const obs: string[] = [];
			const facts: string[] = [];
			for (const { id, i } of byId) {
				const row = figures.subarray(i * MEASURE_COUNT, (i + 1) * MEASURE_COUNT);
				const prefix = `${day},${id},`;
				for (const { code, k } of order) obs.push(`${prefix}${code},${row[k]},${batchId}\n`);
				// Every measure is present, so the pivot is the figures row itself.
				facts.push(`${id},${day},${row.join(',')}\n`);
			}
			await tx.copyIn(
				'observations',
				['month', 'unit_id', 'measure_code', 'value', 'batch_id'],
				obs.join('')
			);
			await tx.copyIn('monthly_facts', ['unit_id', 'month', ...MEASURE_CODES], facts.join(''));
		}
		await tx.run(
			sql`update import_batches set inserted = ${unitIds.length * MEASURE_COUNT * months.length} where id = ${batchId}`
		);
	});
	const ms = performance.now() - t;
	await store.run('analyze observations');
	await store.run('analyze monthly_facts');
	return { rows: unitIds.length * MEASURE_COUNT * months.length, ms, perFile: [ms] };
}
