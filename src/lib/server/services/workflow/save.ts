/**
 * Saving the report form: checks the figures (errors, and jumps to confirm), then writes them as
 * the open draft (a new one when none is open), submitted when asked.
 */
import type { Store } from '../../db/index.ts';
import type { MeasureCode } from '../../../domain/measures.ts';
import type { SessionUser } from '../../auth/types.ts';
import type { UnitSpan } from '../import/validate.ts';
import { logAudit } from '../../queries/audit-log.ts';
import { thisMonth } from '../../../domain/clock.ts';
import { t, type Locale, type MessageKey } from '../../../i18n/index.ts';
import { draftVersion, insertDraft, updateDraft } from '../../queries/draft-writes.ts';
import { checkForm, jumpWarnings, type FieldMessages } from '../workflow-validate.ts';
import { draftToken, draftValues, latestDraft, replaceDraftValues } from '../../queries/drafts.ts';
import { approvedValues, recentMedians } from '../../queries/approved-figures.ts';
import { WorkflowError, changes, isOpen, raceAsStale, staleCheck } from './rules.ts';

export interface SaveInput {
	unit: UnitSpan;
	/** YYYY-MM */
	month: string;
	/** The token the form was rendered with (`draftToken`). */
	token: string;
	raw: Partial<Record<MeasureCode, string>>;
	confirmJumps: boolean;
	submit: boolean;
	currentMonth?: string;
	/** The language of the messages for a page; the API's English when absent. */
	locale?: Locale;
}

export type SaveOutcome =
	| { ok: true; draftId: number; version: number; status: 'draft' | 'submitted'; token: string }
	| {
			ok: false;
			status: 400;
			message: string;
			/** The message's key, for a page in another language. */
			key: MessageKey;
			errors: FieldMessages;
			warnings: FieldMessages;
			general: string[];
	  };

/** Saves the form as the open draft (creating one if needed), and submits it when asked. */
export async function saveReport(
	store: Store,
	user: SessionUser,
	input: SaveInput
): Promise<SaveOutcome> {
	const { unit, month } = input;
	const approved = await approvedValues(store, unit.id, month);
	const check = checkForm(
		input.raw,
		unit,
		month,
		approved,
		input.currentMonth ?? thisMonth(),
		input.locale
	);
	const existing = await latestDraft(store, unit.id, month);
	const open = existing && isOpen(existing) ? await draftValues(store, existing.id) : null;
	const current = open ?? approved;
	const medians = await recentMedians(store, unit.id, month);
	const warnings = jumpWarnings(check.figures, current, medians, input.locale);
	const failed = Object.keys(check.errors).length > 0 || check.general.length > 0;
	const unconfirmed = Object.keys(warnings).length > 0 && !input.confirmJumps;
	if (failed || unconfirmed || (input.submit && check.figures.size === 0)) {
		const key = failed ? 'wf.invalid' : unconfirmed ? 'wf.unconfirmed' : 'wf.empty';
		return {
			ok: false,
			status: 400,
			message: t(input.locale ?? 'en', key),
			key,
			errors: check.errors,
			warnings,
			general: check.general
		};
	}
	return raceAsStale(
		store.transaction(async (tx) => {
			const latest = await latestDraft(tx, unit.id, month, { lock: true });
			staleCheck(latest, input.token);
			if (latest?.status === 'submitted') throw new WorkflowError(409, 'wf.submittedLocked');
			const before = latest && isOpen(latest) ? await draftValues(tx, latest.id) : approved;
			const status = input.submit ? 'submitted' : 'draft';
			const draftId =
				latest && isOpen(latest)
					? await updateDraft(tx, latest.id, user.id, status, { source: 'form' })
					: await insertDraft(tx, unit.id, month, user.id, status, { source: 'form' });
			await replaceDraftValues(tx, draftId, check.figures);
			const version = await draftVersion(tx, draftId);
			await logAudit(tx, {
				userId: user.id,
				actor: user.email,
				action: input.submit ? 'draft_submitted' : 'draft_saved',
				unitId: unit.id,
				month,
				detail: {
					draft_id: draftId,
					version: Number(version),
					source: 'form',
					changes: changes(before, check.figures),
					confirmed_jumps: Object.keys(warnings)
				}
			});
			return {
				ok: true as const,
				draftId,
				version: Number(version),
				status,
				token: draftToken({ id: draftId, version: Number(version) })
			};
		})
	);
}
