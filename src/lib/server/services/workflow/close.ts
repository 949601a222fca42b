/**
 * Closing a report without writing its figures: returned to its editors with a comment, or
 * discarded by them.
 */
import type { Store } from '../../db/index.ts';
import type { SessionUser } from '../../auth/types.ts';
import { logAudit } from '../../queries/audit-log.ts';
import { closeDraft } from '../../queries/draft-writes.ts';
import { latestDraft } from '../../queries/drafts.ts';
import { WorkflowError, staleCheck, submittedDraft, type ReviewInput } from './rules.ts';

/** Returns a submitted draft to its editors with a comment (required). */
export async function returnReport(
	store: Store,
	user: SessionUser,
	input: ReviewInput & { comment: string }
): Promise<void> {
	const comment = input.comment.trim();
	if (!comment) throw new WorkflowError(409, 'wf.commentRequired');
	if (comment.length > 2000) throw new WorkflowError(409, 'wf.commentTooLong');
	await store.transaction(async (tx) => {
		const draft = await submittedDraft(tx, input);
		await closeDraft(tx, draft.id, user.id, { status: 'returned', comment });
		await logAudit(tx, {
			userId: user.id,
			actor: user.email,
			action: 'draft_returned',
			unitId: input.unit.id,
			month: input.month,
			detail: { draft_id: draft.id, comment }
		});
	});
}

/** Discards an open, unsubmitted draft (its figures stay in the history). */
export async function discardReport(
	store: Store,
	user: SessionUser,
	input: ReviewInput
): Promise<void> {
	await store.transaction(async (tx) => {
		const latest = await latestDraft(tx, input.unit.id, input.month, { lock: true });
		staleCheck(latest, input.token);
		if (!latest || (latest.status !== 'draft' && latest.status !== 'returned'))
			throw new WorkflowError(409, 'wf.nothingToDiscard');
		await closeDraft(tx, latest.id, user.id, { status: 'discarded' });
		await logAudit(tx, {
			userId: user.id,
			actor: user.email,
			action: 'draft_discarded',
			unitId: input.unit.id,
			month: input.month,
			detail: { draft_id: latest.id }
		});
	});
}
