/**
 * An upload's figures per report (unit × month), and what the upload would do to each: leave it,
 * refuse it (locked in review), or write it, with the jumps to confirm.
 */
import type { Executor } from '../../db/index.ts';
import type { MeasureCode } from '../../../domain/measures.ts';
import type { RowError } from '../import/index.ts';
import type { Figure } from '../import/validate.ts';
import type { StoredFigures } from '../../queries/approved-figures.ts';
import { draftValues, latestDraft, type DraftRow } from '../../queries/drafts.ts';
import { findJumps } from '../workflow-validate.ts';
import { isOpen } from './rules.ts';

/**
 * What an upload does to one report: `unchanged` when every figure of the file is already the
 * report's (its open draft's, or the approved one when no draft is open) and its status would
 * stay — so an identical file makes no new draft and no new version, which would turn the
 * approver's open page stale; `busy` when it would change a report that waits for approval;
 * `write` otherwise.
 */
export interface ReportPlan {
	group: ReportGroup;
	action: 'unchanged' | 'busy' | 'write';
	/** The open draft, if any. */
	latest: DraftRow | null;
	/** The open draft's figures (empty when none is open). */
	before: Map<MeasureCode, number>;
}

export async function planReport(
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
export function jumpErrors(
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

export function busyError(group: ReportGroup): RowError {
	return {
		line: group.line,
		column: 'period',
		code: 'report_submitted',
		message: `The report of ${group.unitCode} for ${group.month} is submitted and waits for approval; ask an approver to return it first`
	};
}

/** Some report of the file is locked in review. */
export class BusyError extends Error {
	constructor(readonly errors: RowError[]) {
		super('some reports are submitted');
	}
}

export interface ReportGroup {
	key: string;
	unitId: number;
	unitCode: string;
	month: string;
	line: number;
	values: Map<MeasureCode, number>;
	/** Where each figure is in the file. */
	cells: Map<MeasureCode, { line: number; column: string }>;
}

export function groupByReport(
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
