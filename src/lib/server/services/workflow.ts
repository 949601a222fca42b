/**
 * The report workflow: draft → submitted → approved, or returned with a comment (and back to
 * draft when edited). Figures wait in `drafts` until approval, which writes them to
 * `observations` through `applyFigures` in the same transaction, so public pages only ever show
 * approved figures. Every step bumps the draft's version; a step based on a stale version is
 * refused (409), never silently merged. Callers check role and scope first (auth/guard.ts); the
 * rules here are the workflow's own: status transitions and "nobody approves a report they wrote
 * any figure of" (queries/draft-writers.ts).
 */
import type { Executor, Store } from '../db/index.ts';
import type { MeasureCode } from '../../domain/measures.ts';
import type { SessionUser } from '../auth/types.ts';
import type { UnitSpan } from './import/validate.ts';
import { applyFigures, type ApplyCounts } from '../queries/observations.ts';
import { logAudit } from '../queries/audit-log.ts';
import { formatInstant, thisMonth } from '../../domain/clock.ts';
import { draftWriters } from '../queries/draft-writers.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { closeDraft, draftVersion, insertDraft, updateDraft } from '../queries/draft-writes.ts';

import { checkForm, jumpWarnings, type FieldMessages } from './workflow-validate.ts';
import {
	approvedValues,
	draftToken,
	draftValues,
	latestDraft,
	recentMedians,
	replaceDraftValues,
	type DraftRow
} from '../queries/drafts.ts';

/**
 * A refusal a person can act on: 403 (not yours to do), 404, 409 (stale or wrong status). Its
 * `message` is the English the API answers; the editor pages say `key` with `params` in their
 * own language (`text`).
 */
export class WorkflowError extends Error {
	constructor(
		readonly status: 403 | 404 | 409,
		readonly key: MessageKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(t('en', key, params));
	}

	/** The refusal in `locale` (a draft status named in it translated too). */
	text(locale: Locale): string {
		const status = this.params.status;
		const params =
			typeof status === 'string' && `status.${status}` in STATUS_KEYS
				? { ...this.params, status: t(locale, `status.${status}` as MessageKey) }
				: this.params;
		return t(locale, this.key, params);
	}
}

const STATUS_KEYS = Object.fromEntries(
	['draft', 'submitted', 'returned', 'approved', 'discarded'].map((s) => [`status.${s}`, true])
);

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

function staleCheck(latest: DraftRow | null, token: string): void {
	if (draftToken(latest) !== token)
		throw latest
			? new WorkflowError(409, 'wf.stale', {
					version: latest.version,
					status: latest.status,
					by: latest.updatedByEmail,
					at: formatInstant(latest.updatedAt)
				})
			: new WorkflowError(409, 'wf.staleGone');
}

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

/**
 * Two first saves of the same report at once: neither finds a row to lock, both insert, and the
 * unique index on open drafts refuses the second — which is a stale save like any other.
 */
export async function raceAsStale<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		if ((error as { code?: string }).code === '23505' && String(error).includes('drafts_open'))
			throw new WorkflowError(409, 'wf.race');
		throw error;
	}
}

/** True for drafts still in the workflow. */
export function isOpen(d: Pick<DraftRow, 'status'>): boolean {
	return d.status === 'draft' || d.status === 'submitted' || d.status === 'returned';
}

/** Figures that differ between two versions: measure → [before, after] (null = blank). */
export function changes(
	before: ReadonlyMap<MeasureCode, number>,
	after: ReadonlyMap<MeasureCode, number>
): Record<string, [number | null, number | null]> {
	const out: Record<string, [number | null, number | null]> = {};
	for (const code of new Set([...before.keys(), ...after.keys()])) {
		const a = before.get(code) ?? null;
		const b = after.get(code) ?? null;
		if (a !== b) out[code] = [a, b];
	}
	return out;
}

export interface ReviewInput {
	unit: UnitSpan;
	month: string;
	token: string;
}

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

async function submittedDraft(tx: Executor, input: ReviewInput): Promise<DraftRow> {
	const latest = await latestDraft(tx, input.unit.id, input.month, { lock: true });
	staleCheck(latest, input.token);
	if (!latest || latest.status !== 'submitted') throw new WorkflowError(409, 'wf.notSubmitted');
	return latest;
}
