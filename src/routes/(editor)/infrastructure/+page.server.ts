import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { unitsInSpan } from '$lib/server/queries/units';
import { addInfraChange } from '$lib/server/queries/infra-changes';
import {
	EVIDENCE_ENVELOPE_BYTES,
	evidenceTooLarge,
	readEvidenceForm
} from '$lib/server/services/infra-evidence';
import { EVIDENCE_MAX_BYTES, INFRA_ITEMS, INFRA_STATES } from '$lib/domain/evidence';
import { today } from '$lib/domain/clock';
import { localeOf, t } from '$lib/i18n';

/** Editors record infrastructure changes of the communes of their area, with evidence. */
export const load: PageServerLoad = async (event) => {
	const user = await authorize(event, 'edit');
	return {
		items: INFRA_ITEMS,
		states: INFRA_STATES,
		maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024,
		today: today(),
		unit: /^\d{5}$/.test(user.unitCode ?? '') ? user.unitCode : null
	};
};

export const actions: Actions = {
	add: async (event) => {
		const user = await authorize(event, 'edit');
		const locale = localeOf(event.url);
		const length = Number(event.request.headers.get('content-length') ?? NaN);
		if (length > EVIDENCE_MAX_BYTES + EVIDENCE_ENVELOPE_BYTES)
			return fail(413, { field: 'file', message: evidenceTooLarge(locale) });
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch {
			return fail(413, { field: 'file', message: evidenceTooLarge(locale) });
		}
		const read = await readEvidenceForm(form, today(), locale);
		if (!read.ok) return fail(read.status, { field: read.field, message: read.message });
		const store = await ready();
		const unit = (await unitsInSpan(store, read.unitCode, read.changedOn, read.changedOn)).find(
			(u) => u.level === 'commune'
		);
		if (!unit)
			return fail(400, {
				field: 'unit',
				message: t(locale, 'infra.form.noCommune', { code: read.unitCode, date: read.changedOn })
			});
		// Outside the editor's area: 404, as if it did not exist (logged).
		await authorize(event, 'edit', { id: unit.id, code: unit.code });
		const id = await addInfraChange(
			store,
			{ ...read, unitId: unit.id },
			{ userId: user.id, actor: user.email }
		);
		return { saved: id, unit: unit.code };
	}
};
