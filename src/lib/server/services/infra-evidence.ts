/**
 * An infrastructure change from the editor's form: the fields checked, the evidence file checked
 * by size and by its first bytes (never by its name or claimed type). What is wrong is said
 * with the field it concerns; the unit's scope is checked by the caller (guard.authorize).
 */
import {
	EVIDENCE_MAX_BYTES,
	isInfraItem,
	isInfraState,
	safeFileName,
	sniffEvidence,
	type EvidenceType,
	type InfraChangeFacts
} from '../../domain/evidence.ts';
import { isIsoDate } from '../../domain/periods.ts';
import { t, type Locale } from '../../i18n/index.ts';

export type EvidenceForm =
	| (InfraChangeFacts & {
			ok: true;
			unitCode: string;
			evidence: Uint8Array;
			evidenceType: EvidenceType;
			evidenceName: string;
	  })
	| { ok: false; status: 400 | 413; field: string; message: string };

const MB = EVIDENCE_MAX_BYTES / 1024 / 1024;
const bad = (field: string, message: string): EvidenceForm => ({
	ok: false,
	status: 400,
	field,
	message
});

/**
 * The form's fields and file, checked; `today` bounds the date of the change. What is wrong is
 * said in `locale`, the page's language.
 */
export async function readEvidenceForm(
	form: FormData,
	today: string,
	locale: Locale
): Promise<EvidenceForm> {
	const say = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) =>
		t(locale, key, params);
	const text = (name: string) => String(form.get(name) ?? '').trim();
	const unitCode = text('unit');
	if (!/^\d{5}$/.test(unitCode)) return bad('unit', say('infra.form.badUnit'));
	const item = text('item');
	if (!isInfraItem(item)) return bad('item', say('infra.form.badItem'));
	const state = text('state');
	if (!isInfraState(state)) return bad('state', say('infra.form.badState'));
	const changedOn = text('changed_on');
	if (!isIsoDate(changedOn) || changedOn > today)
		return bad('changed_on', say('infra.form.badDate', { today }));
	const confirmedBy = text('confirmed_by');
	if (confirmedBy.length < 2 || confirmedBy.length > 200)
		return bad('confirmed_by', say('infra.form.badConfirmedBy'));
	const note = text('note').slice(0, 1000) || null;
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return bad('file', say('infra.form.noFile'));
	if (file.size > EVIDENCE_MAX_BYTES)
		return {
			ok: false,
			status: 413,
			field: 'file',
			message: evidenceTooLarge(locale)
		};
	const evidence = new Uint8Array(await file.arrayBuffer());
	const evidenceType = sniffEvidence(evidence);
	if (!evidenceType) return bad('file', say('infra.form.badType'));
	return {
		ok: true,
		unitCode,
		item,
		state,
		changedOn,
		confirmedBy,
		note,
		evidence,
		evidenceType,
		evidenceName: safeFileName(file.name, evidenceType)
	};
}

/** Room for the multipart envelope and the small fields around the file. */
export const EVIDENCE_ENVELOPE_BYTES = 64 * 1024;
/** The refusal of a file over the limit, in `locale`. */
export const evidenceTooLarge = (locale: Locale) => t(locale, 'infra.form.tooLarge', { mb: MB });
