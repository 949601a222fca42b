/**
 * Writes accepted figures in the caller's transaction, and keeps every replaced value in the
 * audit log (old, new, who, when, which batch). Writing the same figures again changes nothing.
 *
 * Shaped for a national monthly report (200,000 figures) to go in at about the speed of a plain
 * COPY (docs/SCALING.md): the stored figures of the touched unit-months are read once (from
 * `monthly_facts`, one row per unit-month), new figures are COPYed straight into `observations`
 * (its key leads with the month, so a new month appends), only changed figures go through a
 * staging table, the audit and an update, and the facts of unit-months that had none are
 * written from the file's own figures. Writers of figures are serialised by a transaction-level
 * advisory lock, so what was read as stored stays true until commit.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { MEASURE_CODES, MEASURE_INDEX, type MeasureCode } from '../../domain/measures.ts';
import { refreshFacts } from './facts.ts';
import { bumpDataVersion } from './data-version.ts';
import { storedFigures, type StoredFigures } from './approved-figures.ts';

export interface BatchInfo {
	source: 'import' | 'form' | 'demo' | 'bench';
	fileName: string | null;
	sha256: string | null;
	userId: number | null;
	actor: string;
	note?: string | null;
}

export interface ApplyCounts {
	batchId: number;
	inserted: number;
	updated: number;
	unchanged: number;
}

export interface FigureValue {
	unitId: number;
	month: string;
	measure: string;
	value: number;
}

/** Any number, the same for every writer of observations (pg_advisory_xact_lock's key). */
const FIGURES_LOCK = 7_246_001;

/**
 * Waits until no other transaction is writing figures, and holds that until this one ends.
 * Take it before reading the stored figures a write depends on (re-entrant within a transaction).
 */
export async function lockFigures(tx: Executor): Promise<void> {
	await tx.rows(sql`select pg_advisory_xact_lock(${FIGURES_LOCK})`);
}

/** The distinct unit-months of some figures, in order of first appearance. */
export function unitMonthsOf(figures: readonly FigureValue[]): { unitId: number; month: string }[] {
	const out = new Map<string, { unitId: number; month: string }>();
	let last: FigureValue | null = null;
	for (const f of figures) {
		if (last && f.unitId === last.unitId && f.month === last.month) continue;
		last = f;
		const key = `${f.unitId}|${f.month}`;
		if (!out.has(key)) out.set(key, { unitId: f.unitId, month: f.month });
	}
	return [...out.values()];
}

interface Touched {
	unitId: number;
	month: string;
	/** It had figures before this write (its facts row is recomputed). */
	stored: boolean;
	/** For a unit-month new to the store: its monthly_facts row, in MEASURE_CODES order. */
	row: (number | null)[] | null;
}

/**
 * Audits and writes figures; returns the counts. Call inside a transaction. `stored` is what
 * `storedFigures` returned for these figures' unit-months in this transaction, after
 * `lockFigures` (it is read here when not given).
 */
export async function applyFigures(
	tx: Executor,
	figures: FigureValue[],
	batch: BatchInfo,
	stored?: StoredFigures
): Promise<ApplyCounts> {
	await lockFigures(tx);
	const known = stored ?? (await storedFigures(tx, unitMonthsOf(figures)));
	return writeFigures(tx, [figures], batch, known);
}

/**
 * Writes figures that arrive in slices (a lazy iterable: a slice is only asked for when the
 * COPY into observations can take more, so a file is validated while PostgreSQL writes what
 * came before). `stored` must cover every unit-month of the figures and have been read under
 * `lockFigures` in this transaction. New figures are COPYed, changed ones audited and updated,
 * unchanged ones counted; then the facts of the touched unit-months are brought up to date.
 */
export async function writeFigures(
	tx: Executor,
	slices: Iterable<readonly FigureValue[]>,
	batch: BatchInfo,
	stored: StoredFigures
): Promise<ApplyCounts> {
	const [{ id }] = await tx.rows<{ id: number }>(sql`insert into import_batches
		(source, file_name, sha256, user_id, actor, note)
		values (${batch.source}, ${batch.fileName}, ${batch.sha256}, ${batch.userId}, ${batch.actor}, ${batch.note ?? null})
		returning id`);
	const batchId = Number(id);
	// What the figures touched, per unit-month: whether it had figures before, and for one that
	// had none, its monthly_facts row made from the file.
	const touched = new Map<string, Touched>();
	const codes = new Set<string>();
	const changed: FigureValue[] = [];
	let inserted = 0;
	let unchanged = 0;
	function* newLines(): Generator<string> {
		const suffix = `,${batchId}\n`;
		for (const slice of slices) {
			let piece = '';
			let last: FigureValue | null = null;
			let prefix = '';
			let before: Map<MeasureCode, number> | undefined;
			let key = '';
			let row: Touched['row'] = null;
			for (const f of slice) {
				if (!last || f.unitId !== last.unitId || f.month !== last.month) {
					prefix = `${f.month}-01,${f.unitId},`;
					key = `${f.unitId}|${f.month}`;
					before = stored.get(key);
					row = touched.get(key)?.row ?? null;
				}
				last = f;
				const old = before?.get(f.measure as MeasureCode);
				if (old === undefined) {
					inserted++;
					piece += prefix + f.measure + ',' + f.value + suffix;
					if (!before && !row) {
						row = new Array<number | null>(MEASURE_CODES.length).fill(null);
						touched.set(key, { unitId: f.unitId, month: f.month, stored: false, row });
					}
					if (row) row[MEASURE_INDEX[f.measure as MeasureCode]] = f.value;
				} else if (old !== f.value) changed.push(f);
				else {
					unchanged++;
					continue;
				}
				codes.add(f.measure);
				if (before && !touched.has(key))
					touched.set(key, { unitId: f.unitId, month: f.month, stored: true, row: null });
			}
			if (piece) yield piece;
		}
		// While PostgreSQL writes the last piece: the facts rows of unit-months new to the store.
		for (const t of touched.values())
			if (t.row)
				factText.push(
					`${t.unitId},${t.month}-01,${t.row.map((v) => (v === null ? '' : v)).join(',')}\n`
				);
	}
	const factText: string[] = [];
	await tx.copyIn(
		'observations',
		['month', 'unit_id', 'measure_code', 'value', 'batch_id'],
		newLines()
	);
	const counts = { inserted, updated: changed.length, unchanged };
	if (touched.size > 0) {
		await checkReferences(
			tx,
			[...touched.values()].map((t) => t.unitId),
			[...codes]
		);
		// New figures are audited per batch (who, when, file, SHA-256 are on the batch; each
		// observation keeps its batch_id), replaced ones per figure below.
		await tx.run(sql`insert into audit_log (user_id, actor, action, batch_id, detail)
			values (${batch.userId}, ${batch.actor}, ${batch.source}, ${batchId},
				${JSON.stringify({ file: batch.fileName, sha256: batch.sha256, ...counts })}::jsonb)`);
		if (changed.length > 0) await replace(tx, changed, batch, batchId);
		// Facts: unit-months with no figures before get their row from the file alone; the others
		// are recomputed from observations.
		if (factText.length > 0)
			await tx.copyIn('monthly_facts', ['unit_id', 'month', ...MEASURE_CODES], factText);
		const recompute = [...touched.values()].filter((t) => t.stored);
		if (recompute.length > 0) {
			const ids = recompute.map((t) => t.unitId);
			const days = recompute.map((t) => `${t.month}-01`);
			await refreshFacts(
				tx,
				sql`select * from unnest(${`{${ids.join(',')}}`}::int[], ${`{${days.join(',')}}`}::date[]) as k(unit_id, month)`
			);
		} else await bumpDataVersion(tx);
	}
	await tx.run(sql`update import_batches set inserted = ${counts.inserted}, updated = ${counts.updated},
		unchanged = ${counts.unchanged} where id = ${batchId}`);
	return { batchId, ...counts };
}

/**
 * What the foreign keys of observations used to check, once per write instead of once per row:
 * every unit id names a unit and every measure code a measure.
 */
async function checkReferences(
	tx: Executor,
	unitIds: readonly number[],
	measures: readonly string[]
): Promise<void> {
	const ids = [...new Set(unitIds.map(Number))];
	const [found] = await tx.rows<{ units: number; measures: number }>(sql`
		select (select count(*)::int from units where id = any(${`{${ids.join(',')}}`}::int[])) as units,
			(select count(*)::int from measures where code = any(${`{${measures.join(',')}}`}::text[])) as measures`);
	if (found.units !== ids.length || found.measures !== measures.length)
		throw new Error(
			`figures name ${ids.length - found.units} unknown unit id(s) and ${measures.length - found.measures} unknown measure(s)`
		);
}

/** Replaces stored figures: each old value goes to the audit log with its batch, then the update. */
async function replace(
	tx: Executor,
	changed: readonly FigureValue[],
	batch: BatchInfo,
	batchId: number
): Promise<void> {
	await tx.run(sql`create temp table import_staging (
		unit_id integer not null, month date not null, measure_code text not null, value bigint not null
	) on commit drop`);
	await tx.copyIn(
		'import_staging',
		['unit_id', 'month', 'measure_code', 'value'],
		changed.map((f) => `${f.unitId},${f.month}-01,${f.measure},${f.value}\n`).join('')
	);
	// Without statistics the planner hashes all of observations for the joins below (15 s at
	// 12 million rows); with them it probes the primary key (npm run bench, docs/SCALING.md).
	await tx.run(sql`analyze import_staging`);
	await tx.run(sql`insert into audit_log (user_id, actor, action, unit_id, month, measure_code, old_value, new_value, batch_id, detail)
		select ${batch.userId}, ${batch.actor}, 'update', s.unit_id, s.month, s.measure_code, o.value, s.value, ${batchId},
			jsonb_build_object('replaced_batch_id', o.batch_id, 'replaced_at', o.updated_at)
		from import_staging s
			join observations o on o.month = s.month and o.unit_id = s.unit_id and o.measure_code = s.measure_code`);
	await tx.run(sql`update observations o set value = s.value, batch_id = ${batchId}, updated_at = now()
		from import_staging s
		where o.month = s.month and o.unit_id = s.unit_id and o.measure_code = s.measure_code`);
}
