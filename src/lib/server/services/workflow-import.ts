/**
 * An editor's upload: the file is checked exactly as `npm run import` checks it (importFile in a
 * dry run: every row error, nothing written), then its figures go into the open draft of each
 * unit-month they touch (created when missing) — never into `observations`: that waits for an
 * approver. Counts compare with the approved figures, as the preview shows them.
 */
import type { Store } from '../db/index.ts';
import type { MeasureCode } from '../../domain/measures.ts';
import type { SessionUser } from '../auth/types.ts';
import { outOfScope } from '../auth/scope.ts';
import { importFile, readTable, type RowError } from './import/index.ts';
import { readCells } from './import/cells.ts';
import { importUnits } from './import/units.ts';
import { validateCells, type Figure } from './import/validate.ts';
import { draftValues, latestDraft, replaceDraftValues } from '../queries/drafts.ts';
import { changes, insertDraft, isOpen, raceAsStale, updateDraft } from './workflow.ts';
import { thisMonth } from '../../domain/clock.ts';
import { logAudit } from './audit.ts';

/** Uploads above this size are refused with 413 before they are read. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface UploadInput {
	bytes: Uint8Array;
	fileName: string;
	dryRun: boolean;
	/** Submit the drafts for approval at once. */
	submit: boolean;
	currentMonth?: string;
}

export type UploadOutcome =
	| {
			ok: true;
			dryRun: boolean;
			inserted: number;
			updated: number;
			unchanged: number;
			drafts: number;
			sha256: string;
	  }
	| { ok: false; status: 403 | 409 | 422; errors: RowError[] };

/** Checks an upload and (unless a dry run) writes its figures into drafts. */
export async function uploadToDrafts(
	store: Store,
	user: SessionUser,
	input: UploadInput
): Promise<UploadOutcome> {
	const currentMonth = input.currentMonth ?? thisMonth();
	const checked = await importFile(store, {
		bytes: input.bytes,
		fileName: input.fileName,
		actor: user.email,
		userId: user.id,
		dryRun: true,
		currentMonth
	});
	if (!checked.ok) return { ok: false, status: 422, errors: checked.errors };
	// The file is valid: read its figures again, now to place them in drafts.
	const { cells } = readCells(readTable(input.bytes));
	const { figures, errors } = validateCells(cells, {
		unitsByCode: (await importUnits(store)).byCode,
		currentMonth
	});
	if (errors.length) return { ok: false, status: 422, errors };
	const outside = new Set(
		await outOfScope(
			store,
			user,
			figures.map((f) => f.unitId)
		)
	);
	if (outside.size) return { ok: false, status: 403, errors: scopeErrors(figures, outside, user) };
	const summary = {
		inserted: checked.inserted,
		updated: checked.updated,
		unchanged: checked.unchanged,
		sha256: checked.sha256
	};
	const codeOnLine = new Map(cells.map((c) => [c.line, c.unitCode]));
	const groups = groupByReport(figures, codeOnLine);
	if (input.dryRun) return { ok: true, dryRun: true, drafts: groups.size, ...summary };
	const status = input.submit ? 'submitted' : 'draft';
	const origin = { source: 'import' as const, fileName: input.fileName, sha256: checked.sha256 };
	let written: number;
	try {
		written = await raceAsStale(
			store.transaction(async (tx) => {
				const busy: RowError[] = [];
				for (const group of groups.values()) {
					const latest = await latestDraft(tx, group.unitId, group.month, { lock: true });
					if (latest?.status === 'submitted') {
						busy.push({
							line: group.line,
							column: 'period',
							code: 'report_submitted',
							message: `The report of ${group.unitCode} for ${group.month} is submitted and waits for approval; ask an approver to return it first`
						});
						continue;
					}
					if (busy.length) continue;
					const open = latest && isOpen(latest);
					const before = open ? await draftValues(tx, latest.id) : new Map<MeasureCode, number>();
					const merged = new Map([...before, ...group.values]);
					const draftId = open
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
							changes: changes(before, merged)
						}
					});
				}
				// Rolls everything back: a file is written whole or not at all.
				if (busy.length) throw new BusyError(busy);
				return groups.size;
			})
		);
	} catch (error) {
		if (error instanceof BusyError) return { ok: false, status: 409, errors: error.errors };
		throw error;
	}
	return { ok: true, dryRun: false, drafts: written, ...summary };
}

/** Some report of the file is locked in review. */
class BusyError extends Error {
	constructor(readonly errors: RowError[]) {
		super('some reports are submitted');
	}
}

interface ReportGroup {
	unitId: number;
	unitCode: string;
	month: string;
	line: number;
	values: Map<MeasureCode, number>;
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
					unitId: f.unitId,
					unitCode: codeOnLine.get(f.line) ?? '',
					month: f.month,
					line: f.line,
					values: new Map()
				})
			);
		g.values.set(f.measure, f.value);
	}
	return groups;
}

function scopeErrors(figures: Figure[], outside: Set<number>, user: SessionUser): RowError[] {
	const seen = new Set<string>();
	const errors: RowError[] = [];
	for (const f of figures) {
		if (!outside.has(f.unitId) || seen.has(`${f.line}`)) continue;
		seen.add(`${f.line}`);
		errors.push({
			line: f.line,
			column: 'unit_code',
			code: 'out_of_scope',
			message: `This unit is outside your area (${user.unitCode ?? 'none'}): you cannot report its figures`
		});
	}
	return errors;
}
