import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { unitsInSpan } from '$lib/server/queries/units';
import { addInfraChange } from '$lib/server/queries/infra-changes';
import {
	EVIDENCE_ENVELOPE_BYTES,
	EVIDENCE_TOO_LARGE,
	readEvidenceForm
} from '$lib/server/services/infra-evidence';
import { EVIDENCE_MAX_BYTES, INFRA_ITEMS, INFRA_STATES } from '$lib/domain/evidence';
import { today } from '$lib/domain/clock';

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
		const length = Number(event.request.headers.get('content-length') ?? NaN);
		if (length > EVIDENCE_MAX_BYTES + EVIDENCE_ENVELOPE_BYTES)
			return fail(413, { field: 'file', message: EVIDENCE_TOO_LARGE });
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch {
			return fail(413, { field: 'file', message: EVIDENCE_TOO_LARGE });
		}
		const read = await readEvidenceForm(form, today());
		if (!read.ok) return fail(read.status, { field: read.field, message: read.message });
		const store = await ready();
		const unit = (await unitsInSpan(store, read.unitCode, read.changedOn, read.changedOn)).find(
			(u) => u.level === 'commune'
		);
		if (!unit)
			return fail(400, {
				field: 'unit',
				message: `unit: no commune bore code ${read.unitCode} on ${read.changedOn}`
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
