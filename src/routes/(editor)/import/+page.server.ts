import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal } from '$lib/server/auth/guard';
import { runUpload } from '$lib/server/services/upload-run';
import { limitErrors } from '$lib/server/services/import/limits';
import { IMPORT_RETRY_AFTER_S } from '$lib/server/services/import-slots';
import { localeOf, t } from '$lib/i18n';
import { fileProblemsIn } from '$lib/i18n/import-errors';
import { lastCompleteMonth } from '$lib/domain/periods';
import { thisMonth, today } from '$lib/domain/clock';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'edit');
	// The blank II.06a is offered for the month just ended (the month field may choose another).
	return { blankMonth: lastCompleteMonth(today()), thisMonth: thisMonth() };
};

const JUMPS = new Set(['sharp_rise', 'sharp_drop']);

/** Preview (a dry run) or upload into drafts; the same checks as POST /api/v1/imports. */
async function upload(event: RequestEvent, preview: boolean) {
	const user = await authorize(event, 'edit');
	const locale = localeOf(event.url);
	const run = await runUpload(event.request, user, ready, preview);
	if (run.kind === 'busy') {
		event.setHeaders({ 'retry-after': String(IMPORT_RETRY_AFTER_S) });
		const message = t(locale, 'import.busy');
		return fail(429, { preview, jumps: false, message, errors: [], totalErrors: 0 });
	}
	if (run.kind === 'unread')
		return fail(run.status, {
			preview,
			jumps: false,
			message: t(locale, run.key, run.params),
			errors: [],
			totalErrors: 0
		});
	const { upload: read, outcome } = run;
	if (outcome.ok) {
		const warnings = limitErrors(outcome.warnings);
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
			warnings: fileProblemsIn(warnings.errors, locale),
			totalWarnings: warnings.total,
			official: outcome.official,
			notices: limitErrors(outcome.notices).errors,
			submitted: !outcome.dryRun && read.submit && outcome.drafts > 0
		};
	}
	if (outcome.status === 404)
		await logRefusal(event, 'The file has figures of units outside your area', {
			status: 404,
			file: read.fileName
		});
	const { errors, total } = limitErrors(outcome.errors);
	return fail(outcome.status, {
		preview,
		// Figures far from their median are listed with the errors until confirmed.
		jumps: outcome.errors.some((e) => JUMPS.has(e.code)),
		message: t(
			locale,
			outcome.status === 404
				? 'importPage.outside'
				: outcome.status === 409
					? 'importPage.awaiting'
					: 'importPage.rejected'
		),
		errors: fileProblemsIn(errors, locale),
		totalErrors: total
	});
}

export const actions: Actions = {
	preview: (event) => upload(event, true),
	upload: (event) => upload(event, false)
};
