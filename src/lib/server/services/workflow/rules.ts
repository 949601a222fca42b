/**
 * The rules every step of the report workflow shares: the refusal a person can act on, the stale
 * check on the version a form was rendered with, which drafts are still open, and what changed
 * between two versions.
 */
import type { Executor } from '../../db/index.ts';
import type { MeasureCode } from '../../../domain/measures.ts';
import type { UnitSpan } from '../import/validate.ts';
import { formatInstant } from '../../../domain/clock.ts';
import { t, type Locale, type MessageKey } from '../../../i18n/index.ts';
import { draftToken, latestDraft, type DraftRow } from '../../queries/drafts.ts';

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

export function staleCheck(latest: DraftRow | null, token: string): void {
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

/** The report's submitted draft, locked, after the stale check (approve and return act on it). */
export async function submittedDraft(tx: Executor, input: ReviewInput): Promise<DraftRow> {
	const latest = await latestDraft(tx, input.unit.id, input.month, { lock: true });
	staleCheck(latest, input.token);
	if (!latest || latest.status !== 'submitted') throw new WorkflowError(409, 'wf.notSubmitted');
	return latest;
}
