/**
 * Approving a submitted report: the one step that writes figures where the public pages read
 * them.
 */
import type { Store } from '../../db/index.ts';
import type { SessionUser } from '../../auth/types.ts';
import { applyFigures, type ApplyCounts } from '../../queries/observations.ts';
import { logAudit } from '../../queries/audit-log.ts';
import { thisMonth } from '../../../domain/clock.ts';
import { draftWriters } from '../../queries/draft-writers.ts';
import { closeDraft } from '../../queries/draft-writes.ts';
import { checkForm } from '../workflow-validate.ts';
import { draftValues } from '../../queries/drafts.ts';
import { approvedValues } from '../../queries/approved-figures.ts';
import { WorkflowError, submittedDraft, type ReviewInput } from './rules.ts';

/**
 * Approves the submitted draft: re-checks its figures against the approved ones of today, writes
 * them through `applyFigures` (audit of every replaced value included) and closes the draft, all
 * in one transaction.
 */
export async function approveReport(
	store: Store,
	user: SessionUser,
	input: ReviewInput & { currentMonth?: string }
): Promise<ApplyCounts> {
	return store.transaction(async (tx) => {
		const draft = await submittedDraft(tx, input);
		const writers = await draftWriters(tx, draft);
		if (writers.some((w) => w.id === user.id)) throw new WorkflowError(403, 'wf.ownWork');
		const figures = await draftValues(tx, draft.id);
		const approved = await approvedValues(tx, input.unit.id, input.month);
		const raw = Object.fromEntries([...figures].map(([k, v]) => [k, String(v)]));
		const check = checkForm(
			raw,
			input.unit,
			input.month,
			approved,
			input.currentMonth ?? thisMonth()
		);
		const problems = [
			...check.general,
			...Object.entries(check.errors).map(([k, v]) => `${k}: ${v}`)
		];
		if (problems.length)
			throw new WorkflowError(409, 'wf.noLongerFits', { problems: problems.join('; ') });
		const counts = await applyFigures(
			tx,
			[...figures].map(([measure, value]) => ({
				unitId: input.unit.id,
				month: input.month,
				measure,
				value
			})),
			{
				source: draft.source,
				fileName: draft.fileName,
				sha256: draft.sha256,
				userId: draft.submittedBy,
				actor: draft.submittedByEmail ?? draft.updatedByEmail,
				note: `draft ${draft.id} approved by ${user.email}`
			}
		);
		await closeDraft(tx, draft.id, user.id, { status: 'approved', batchId: counts.batchId });
		await logAudit(tx, {
			userId: user.id,
			actor: user.email,
			action: 'draft_approved',
			unitId: input.unit.id,
			month: input.month,
			detail: {
				draft_id: draft.id,
				batch_id: counts.batchId,
				submitted_by: draft.submittedByEmail,
				written_by: writers.map((w) => w.email),
				...counts
			}
		});
		return counts;
	});
}
