/**
 * An editor's upload: the file is checked exactly as `npm run import` checks it (importFile in a
 * dry run: every row error, nothing written), then its figures go into the open draft of each
 * unit-month they touch (created when missing) — never into `observations`: that waits for an
 * approver. Counts compare with the approved figures, as the preview shows them. Every problem
 * comes in one answer: the file's errors, rows outside the editor's area, reports locked in
 * review, and figures far from the recent median that need a confirmation. A report the file
 * would not change (figures already approved, or already in its open draft) is left alone.
 */
import type { Store } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { outOfScope } from '../queries/scope.ts';
import { importFile, sortErrors, type RowError } from './import/index.ts';
import { readOutcome } from './import/read.ts';
import type { Table } from './import/table.ts';
import { readCells, type FigureCell } from './import/cells.ts';
import { importUnits } from '../queries/import-units.ts';
import { validateCells } from './import/validate.ts';
import { storedFigures } from '../queries/approved-figures.ts';
import { recentMediansOf } from '../queries/approved-figures.ts';
import { thisMonth } from '../../domain/clock.ts';
import { prepareForm, type FormSummary } from './import/form-units.ts';
import {
	busyError,
	groupByReport,
	jumpErrors,
	planReport,
	type ReportPlan
} from './workflow/upload-plan.ts';
import { outOfScopeError, scopeErrors } from './workflow/upload-scope.ts';
import { writeDrafts } from './workflow/upload-write.ts';

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
	const wrote = await writeDrafts(store, user, {
		groups: [...groups.values()],
		jumps,
		submit: input.submit,
		origin: { source: 'import', fileName: input.fileName, sha256: checked.sha256 },
		official: checked.official
	});
	if (!wrote.ok) return { ok: false, status: 409, errors: wrote.errors };
	const written = wrote.written;
	return {
		ok: true,
		dryRun: false,
		drafts: written,
		reportsUnchanged: groups.size - written,
		...summary
	};
}
