import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal } from '$lib/server/auth/guard';
import { readUpload } from '$lib/server/services/workflow-upload';
import { uploadToDrafts } from '$lib/server/services/workflow-import';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'edit');
	return {};
};

const JUMPS = new Set(['sharp_rise', 'sharp_drop']);

/** Preview (a dry run) or upload into drafts; the same checks as POST /api/v1/imports. */
async function upload(event: RequestEvent, preview: boolean) {
	const user = await authorize(event, 'edit');
	const read = await readUpload(event.request);
	if (!read.ok)
		return fail(read.status, { preview, jumps: false, message: read.message, errors: [] });
	const outcome = await uploadToDrafts(await ready(), user, {
		...read,
		dryRun: preview || read.dryRun
	});
	if (outcome.ok)
		return {
			preview: outcome.dryRun,
			fileName: read.fileName,
			sha256: outcome.sha256,
			counts: {
				inserted: outcome.inserted,
				updated: outcome.updated,
				unchanged: outcome.unchanged
			},
			drafts: outcome.drafts,
			reportsUnchanged: outcome.reportsUnchanged,
			warnings: outcome.warnings,
			submitted: !outcome.dryRun && read.submit && outcome.drafts > 0
		};
	if (outcome.status === 404)
		await logRefusal(event, 'The file has figures of units outside your area', {
			status: 404,
			file: read.fileName
		});
	return fail(outcome.status, {
		preview,
		// Figures far from their median are listed with the errors until confirmed.
		jumps: outcome.errors.some((e) => JUMPS.has(e.code)),
		message:
			outcome.status === 404
				? 'The file has figures of units outside your area.'
				: outcome.status === 409
					? 'Some reports in the file await approval.'
					: 'The file was rejected; nothing was written.',
		errors: outcome.errors
	});
}

export const actions: Actions = {
	preview: (event) => upload(event, true),
	upload: (event) => upload(event, false)
};
