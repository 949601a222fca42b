/**
 * An editor's upload: the file is checked exactly as `npm run import` checks it (importFile in a
 * dry run: every row error, nothing written), then its figures go into the open draft of each
 * unit-month they touch (created when missing) — never into `observations`: that waits for an
 * approver. Counts compare with the approved figures, as the preview shows them. Every problem
 * comes in one answer: the file's errors, rows outside the editor's area, reports locked in
 * review, and figures far from the recent median that need a confirmation. A report the file
 * would not change (figures already approved, or already in its open draft) is left alone.
 */
import type { Executor, Store } from '../db/index.ts';
import type { MeasureCode } from '../../domain/measures.ts';
import type { SessionUser } from '../auth/types.ts';
import { outOfScope } from '../queries/scope.ts';
import { importFile, sortErrors, type RowError } from './import/index.ts';
import { readOutcome } from './import/read.ts';
import type { Table } from './import/table.ts';
import { readCells, type FigureCell } from './import/cells.ts';
import { importUnits } from '../queries/import-units.ts';
import { validateCells, type Figure } from './import/validate.ts';
import { storedFigures, type StoredFigures } from '../queries/observations.ts';
import {
	draftValues,
	latestDraft,
	recentMediansOf,
	replaceDraftValues,
	type DraftRow
} from '../queries/drafts.ts';
import { changes, isOpen, raceAsStale } from './workflow.ts';
import { insertDraft, updateDraft } from '../queries/draft-writes.ts';
import { thisMonth } from '../../domain/clock.ts';
import { findJumps } from './workflow-validate.ts';
import { logAudit } from '../queries/audit-log.ts';
import { prepareForm, type FormSummary } from './import/form-units.ts';

/** Uploads above this size are refused with 413 before they are read. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface UploadInput {
	bytes: Uint8Array;
	fileName: string;
	dryRun: boolean;
	/** Submit the drafts for approval at once. */
	submit: boolean;
	/** The editor checked the figures far from their recent median (`warnings` of a preview). */
	confirmJumps?: boolean;
	currentMonth?: string;
	/** Data rows the file may have (default 20,000). */
	maxRows?: number;
	/** The file already read (in the worker thread: readInWorker); else it is read here. */
	table?: Table;
}

export type UploadOutcome =
	| {
			ok: true;
			dryRun: boolean;
			inserted: number;
			updated: number;
			unchanged: number;
			/** Reports written (or, in a dry run, that would be). */
			drafts: number;
			/** Reports the file leaves as they were: its figures are already there. */
			reportsUnchanged: number;
			/** Figures far from their recent median (to confirm before the upload). */
			warnings: RowError[];
			sha256: string;
			/** An official form (II.06a, the portal's record): what was read and how it was filed. */
			official: FormSummary | null;
			/** The form's own warnings: said, never blocking. */
			notices: RowError[];
	  }
	| { ok: false; status: 404 | 409 | 422; errors: RowError[] };

/** Checks an upload and (unless a dry run) writes its figures into drafts. */
export async function uploadToDrafts(
	store: Store,
	user: SessionUser,
	input: UploadInput
): Promise<UploadOutcome> {
	const currentMonth = input.currentMonth ?? thisMonth();
	// Read once: the check below and the drafts use the same table.
	const read = input.table
		? { ok: true as const, table: input.table }
		: readOutcome(input.bytes, { maxRows: input.maxRows });
	if (!read.ok) return { ok: false, status: 422, errors: [read.error] };
	// An official form's units are looked for in the editor's province.
	const prepared = read.table.form
		? await prepareForm(store, read.table, { unitCode: user.unitCode })
		: undefined;
	const table = prepared?.table ?? read.table;
	const checked = await importFile(store, {
		bytes: input.bytes,
		table,
		prepared,
		fileName: input.fileName,
		actor: user.email,
		userId: user.id,
		dryRun: true,
		currentMonth
	});
	const fileErrors = checked.ok ? [] : checked.errors;
	// Read the figures again, now to place them in drafts — and, when the file has errors, to
	// report its other problems (scope, locked reports) in the same answer.
	let cells: FigureCell[];
	try {
		cells = readCells(table).cells;
	} catch (error) {
		if (!checked.ok) return { ok: false, status: 422, errors: fileErrors };
		throw error;
	}
	const rowUnits = new Map<number, number[]>();
	const { figures } = validateCells(cells, {
		unitsByCode: (await importUnits(store)).byCode,
		currentMonth,
		rowUnits
	});
	const outside = new Set(await outOfScope(store, user, [...rowUnits.values()].flat()));
	const scope = scopeErrors(user, rowUnits, outside);
	const groups = groupByReport(figures, new Map(cells.map((c) => [c.line, c.unitCode])));
	// Reports outside the area are not looked at: whether one awaits approval, or what its draft
	// holds, is not the uploader's to learn (issue 16). Each is an error of its own line.
	for (const [key, group] of groups) {
		if (!outside.has(group.unitId)) continue;
		groups.delete(key);
		if (!scope.some((e) => e.line === group.line)) scope.push(outOfScopeError(user, group.line));
	}
	const keys = [...groups.values()];
	const [stored, medians] = await Promise.all([
		storedFigures(store, keys),
		recentMediansOf(store, keys)
	]);
	const plans: ReportPlan[] = [];
	for (const group of groups.values())
		plans.push(await planReport(store, group, stored, input.submit));
	const busy = plans.flatMap((p) => (p.action === 'busy' ? [busyError(p.group)] : []));
	// Per report, its figures far from their median (confirmed ones are audited as the form's are).
	const jumps = new Map(
		plans.map((p) => [
			p.group.key,
			p.action === 'write' ? jumpErrors(p, stored, medians.get(p.group.key)) : []
		])
	);
	const warnings = [...jumps.values()].flat();
	const unconfirmed = input.dryRun || input.confirmJumps ? [] : warnings;
	const errors = sortErrors([...fileErrors, ...scope, ...busy, ...unconfirmed]);
	if (errors.length || !checked.ok) {
		// A row outside the area is a 404 (logged) whatever else is wrong, as a report outside the
		// area is everywhere; a report locked in review is a conflict only in a file otherwise fine.
		const conflict = busy.length > 0 && fileErrors.length === 0 && unconfirmed.length === 0;
		return { ok: false, status: scope.length ? 404 : conflict ? 409 : 422, errors };
	}
	const summary = {
		inserted: checked.inserted,
		updated: checked.updated,
		unchanged: checked.unchanged,
		warnings: sortErrors(warnings),
		sha256: checked.sha256,
		official: checked.official,
		notices: checked.notices
	};
	if (input.dryRun)
		return {
			ok: true,
			dryRun: true,
			drafts: plans.filter((p) => p.action === 'write').length,
			reportsUnchanged: plans.filter((p) => p.action === 'unchanged').length,
			...summary
		};
	const status = input.submit ? 'submitted' : 'draft';
	const origin = { source: 'import' as const, fileName: input.fileName, sha256: checked.sha256 };
	let written = 0;
	try {
		await raceAsStale(
			store.transaction(async (tx) => {
				// Planned again under the drafts' locks: what was read above may have moved since.
				const now = await storedFigures(tx, keys);
				const busy: RowError[] = [];
				for (const group of groups.values()) {
					const plan = await planReport(tx, group, now, input.submit, true);
					if (plan.action === 'busy') busy.push(busyError(group));
					if (plan.action !== 'write' || busy.length) continue;
					const { latest, before } = plan;
					const merged = new Map([...before, ...group.values]);
					const draftId = latest
						? await updateDraft(tx, latest.id, user.id, status, origin)
						: await insertDraft(tx, group.unitId, group.month, user.id, status, origin);
					await replaceDraftValues(tx, draftId, merged);
					await logAudit(tx, {
						userId: user.id,
						actor: user.email,
						action: input.submit ? 'draft_submitted' : 'draft_imported',
						unitId: group.unitId,
						month: group.month,
						detail: {
							draft_id: draftId,
							source: 'import',
							file: input.fileName,
							sha256: checked.sha256,
							changes: changes(before, merged),
							...(checked.official ? { form: checked.official } : {}),
							confirmed_jumps: (jumps.get(group.key) ?? []).map((j) => j.measure)
						}
					});
					written++;
				}
				// Rolls everything back: a file is written whole or not at all.
				if (busy.length) throw new BusyError(busy);
			})
		);
	} catch (error) {
		if (error instanceof BusyError) return { ok: false, status: 409, errors: error.errors };
		throw error;
	}
	return {
		ok: true,
		dryRun: false,
		drafts: written,
		reportsUnchanged: groups.size - written,
		...summary
	};
}

/**
 * What an upload does to one report: `unchanged` when every figure of the file is already the
 * report's (its open draft's, or the approved one when no draft is open) and its status would
 * stay — so an identical file makes no new draft and no new version, which would turn the
 * approver's open page stale; `busy` when it would change a report that waits for approval;
 * `write` otherwise.
 */
interface ReportPlan {
	group: ReportGroup;
	action: 'unchanged' | 'busy' | 'write';
	/** The open draft, if any. */
	latest: DraftRow | null;
	/** The open draft's figures (empty when none is open). */
	before: Map<MeasureCode, number>;
}

async function planReport(
	db: Executor,
	group: ReportGroup,
	stored: StoredFigures,
	submit: boolean,
	lock = false
): Promise<ReportPlan> {
	const found = await latestDraft(db, group.unitId, group.month, { lock });
	const latest = found && isOpen(found) ? found : null;
	const before = latest ? await draftValues(db, latest.id) : new Map<MeasureCode, number>();
	const base = latest ? before : (stored.get(group.key) ?? new Map<MeasureCode, number>());
	const same = [...group.values].every(([code, value]) => base.get(code) === value);
	const submits = submit && latest !== null && latest.status !== 'submitted';
	const action = same && !submits ? 'unchanged' : latest?.status === 'submitted' ? 'busy' : 'write';
	return { group, action, latest, before };
}

/** The file's figures that need a confirmation, against what the report holds now. */
function jumpErrors(
	plan: ReportPlan,
	stored: StoredFigures,
	medians: Parameters<typeof findJumps>[2] | undefined
): (RowError & { measure: MeasureCode })[] {
	if (!medians) return [];
	const current = plan.latest ? plan.before : (stored.get(plan.group.key) ?? new Map());
	return findJumps(plan.group.values, current, medians).map((j) => ({
		...plan.group.cells.get(j.measure)!,
		measure: j.measure,
		code: j.jump,
		message: `${plan.group.unitCode} ${plan.group.month}: ${j.message}; check it, then confirm (confirm_jumps=1)`
	}));
}

function busyError(group: ReportGroup): RowError {
	return {
		line: group.line,
		column: 'period',
		code: 'report_submitted',
		message: `The report of ${group.unitCode} for ${group.month} is submitted and waits for approval; ask an approver to return it first`
	};
}

/** Some report of the file is locked in review. */
class BusyError extends Error {
	constructor(readonly errors: RowError[]) {
		super('some reports are submitted');
	}
}

interface ReportGroup {
	key: string;
	unitId: number;
	unitCode: string;
	month: string;
	line: number;
	values: Map<MeasureCode, number>;
	/** Where each figure is in the file. */
	cells: Map<MeasureCode, { line: number; column: string }>;
}

function groupByReport(
	figures: Figure[],
	codeOnLine: ReadonlyMap<number, string>
): Map<string, ReportGroup> {
	const groups = new Map<string, ReportGroup>();
	for (const f of figures) {
		const key = `${f.unitId}|${f.month}`;
		let g = groups.get(key);
		if (!g)
			groups.set(
				key,
				(g = {
					key,
					unitId: f.unitId,
					unitCode: codeOnLine.get(f.line) ?? '',
					month: f.month,
					line: f.line,
					values: new Map(),
					cells: new Map()
				})
			);
		g.values.set(f.measure, f.value);
		g.cells.set(f.measure, { line: f.line, column: f.column });
	}
	return groups;
}

/** One error per row whose unit is outside the user's area (every era of its code, if unsure). */
function scopeErrors(
	user: SessionUser,
	rowUnits: ReadonlyMap<number, number[]>,
	outside: ReadonlySet<number>
): RowError[] {
	const errors: RowError[] = [];
	for (const [line, ids] of rowUnits)
		if (ids.length > 0 && ids.every((id) => outside.has(id)))
			errors.push(outOfScopeError(user, line));
	return errors;
}

function outOfScopeError(user: SessionUser, line: number): RowError {
	return {
		line,
		column: 'unit_code',
		code: 'out_of_scope',
		message: `This unit is outside your area (${user.unitCode ?? 'none'}): you cannot report its figures`
	};
}
