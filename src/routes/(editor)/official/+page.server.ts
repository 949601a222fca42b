import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal } from '$lib/server/auth/guard';
import {
	formTable,
	importOfficialFile,
	importOfficialTable,
	type OfficialOutcome
} from '$lib/server/services/official-import';
import { OFFICIAL_COLUMNS } from '$lib/server/services/import/official';
import { localeOf, t } from '$lib/i18n';

/** Approvers (and administrators) record the portal's official scores for their area. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'review');
	return { columns: OFFICIAL_COLUMNS };
};

async function answer(event: RequestEvent, outcome: OfficialOutcome, file: string | null) {
	if (outcome.ok) return { rows: outcome.rows, counts: outcome.counts };
	if (outcome.status === 404)
		await logRefusal(event, 'Official scores of units outside your area', { status: 404, file });
	return fail(outcome.status, {
		errors: outcome.errors.slice(0, 200),
		total: outcome.errors.length
	});
}

export const actions: Actions = {
	/** The portal's file, CSV or XLSX. */
	upload: async (event) => {
		const user = await authorize(event, 'review');
		const data = await event.request.formData();
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, {
				errors: [
					{ line: 0, column: null, message: t(localeOf(event.url), 'official.import.noFile') }
				],
				total: 1
			});
		const bytes = new Uint8Array(await file.arrayBuffer());
		return answer(
			event,
			await importOfficialFile(await ready(), bytes, user, file.name),
			file.name
		);
	},
	/** One row typed in the form, checked exactly as a row of the file. */
	row: async (event) => {
		const user = await authorize(event, 'review');
		const data = await event.request.formData();
		const fields = Object.fromEntries(
			OFFICIAL_COLUMNS.map((c) => [c, String(data.get(c) ?? '').slice(0, 100)])
		);
		return answer(
			event,
			await importOfficialTable(await ready(), formTable(fields), user, 'form'),
			null
		);
	}
};
