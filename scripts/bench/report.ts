/**
 * The bench's output: one table of figures (value, floor, ratio), the budgets with PASS/FAIL,
 * and `bench/results.json` ({ machine, figures, budgets }).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Figure {
	name: string;
	value: number | null;
	unit: string;
	floor: number | null;
	ratio: number | null;
	note: string;
}

export interface Budget {
	name: string;
	pass: boolean | null;
	detail: string;
}

export interface Machine {
	cores: number;
	memory: string;
	node: string;
	postgres: string;
	date: string;
	/** 1-minute load average at the start and at the end: other work on the machine shows here. */
	loadavg: { start: number; end: number | null };
}

export function machineInfo(postgres: string): Machine {
	return {
		cores: cpus().length,
		memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
		node: process.version,
		postgres,
		date: new Date().toISOString(),
		loadavg: { start: Number(loadavg()[0].toFixed(2)), end: null }
	};
}

/** A figure; the ratio is value ÷ floor when both are known. */
export function figure(
	name: string,
	value: number | null,
	unit: string,
	floor: number | null,
	note: string
): Figure {
	const ok = (x: number | null) => x !== null && Number.isFinite(x);
	const round = (x: number | null) =>
		ok(x) ? Number((x as number).toFixed(x! >= 100 ? 0 : 2)) : null;
	return {
		name,
		value: round(value),
		unit,
		floor: round(floor),
		ratio: ok(value) && ok(floor) && floor !== 0 ? Number((value! / floor!).toFixed(2)) : null,
		note
	};
}

const fmt = (x: number | null) =>
	x === null ? '–' : x >= 1000 ? Math.round(x).toLocaleString('en-US') : String(x);

export function printTable(figures: readonly Figure[]): void {
	const rows = figures.map((f) => [
		f.name,
		fmt(f.value),
		f.unit,
		fmt(f.floor),
		f.ratio === null ? '–' : f.ratio.toFixed(2),
		f.note
	]);
	const head = ['figure', 'value', 'unit', 'floor', 'ratio', 'note'];
	const width = head.map((h, i) =>
		Math.max(h.length, ...rows.map((r) => (i === 5 ? 0 : r[i].length)))
	);
	const line = (r: string[]) =>
		r
			.map((c, i) => (i === 5 ? c : i === 0 || i === 2 ? c.padEnd(width[i]) : c.padStart(width[i])))
			.join('  ');
	console.log('\n' + line(head));
	console.log(width.map((w) => '-'.repeat(w)).join('  ') + '  ----');
	for (const r of rows) console.log(line(r));
}

export function printBudgets(budgets: readonly Budget[]): void {
	console.log('\nBudgets');
	for (const b of budgets)
		console.log(`  ${b.pass === null ? 'N/A ' : b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.detail}`);
}

export function writeResults(
	path: string,
	machine: Machine,
	figures: readonly Figure[],
	budgets: readonly Budget[],
	extra: Record<string, unknown>
): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, JSON.stringify({ machine, figures, budgets, ...extra }, null, '\t') + '\n');
}
