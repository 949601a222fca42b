/**
 * Writing an upload's figures into drafts: every report it changes, in one transaction, planned
 * again under the drafts' locks. A report that went into review since the check makes the whole
 * file refused (409) and nothing written.
 */
import type { Store } from '../../db/index.ts';
import type { SessionUser } from '../../auth/types.ts';
import type { RowError } from '../import/index.ts';
import type { FormSummary } from '../import/form-units.ts';
import type { MeasureCode } from '../../../domain/measures.ts';
import { storedFigures } from '../../queries/approved-figures.ts';
import { replaceDraftValues } from '../../queries/drafts.ts';
import { insertDraft, updateDraft, type Origin } from '../../queries/draft-writes.ts';
import { logAudit } from '../../queries/audit-log.ts';
import { changes, raceAsStale } from './rules.ts';
import { BusyError, busyError, planReport, type ReportGroup } from './upload-plan.ts';

export interface DraftWrite {
	groups: ReportGroup[];
	/** Per report, the jumps the editor confirmed (audited as the form's are). */
	jumps: ReadonlyMap<string, { measure: MeasureCode }[]>;
	submit: boolean;
	origin: Origin & { source: 'import'; fileName: string; sha256: string };
	official: FormSummary | null;
}

/** Writes the reports the upload changes; how many, or the reports locked in review. */
export async function writeDrafts(
	store: Store,
	user: SessionUser,
	work: DraftWrite
): Promise<{ ok: true; written: number } | { ok: false; errors: RowError[] }> {
	const status = work.submit ? 'submitted' : 'draft';
	const { origin } = work;
	let written = 0;
	try {
		await raceAsStale(
			store.transaction(async (tx) => {
				// Planned again under the drafts' locks: what was read before may have moved since.
				const now = await storedFigures(tx, work.groups);
				const busy: RowError[] = [];
				for (const group of work.groups) {
					const plan = await planReport(tx, group, now, work.submit, true);
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
						action: work.submit ? 'draft_submitted' : 'draft_imported',
						unitId: group.unitId,
						month: group.month,
						detail: {
							draft_id: draftId,
							source: 'import',
							file: origin.fileName,
							sha256: origin.sha256,
							changes: changes(before, merged),
							...(work.official ? { form: work.official } : {}),
							confirmed_jumps: (work.jumps.get(group.key) ?? []).map((j) => j.measure)
						}
					});
					written++;
				}
				// Rolls everything back: a file is written whole or not at all.
				if (busy.length) throw new BusyError(busy);
			})
		);
	} catch (error) {
		if (error instanceof BusyError) return { ok: false, errors: error.errors };
		throw error;
	}
	return { ok: true, written };
}
