import { isHttpError, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal } from '$lib/server/auth/guard';
import { runUpload } from '$lib/server/services/upload-run';
import { limitErrors } from '$lib/server/services/import/limits';
import { IMPORT_RETRY_AFTER_S } from '$lib/server/services/import-slots';
import { t } from '$lib/i18n';

/**
 * POST /api/v1/imports — a signed-in editor's report file (multipart `file`, optional `dry_run=1`
 * for a preview, `submit=1` to submit the drafts at once, `confirm_jumps=1` once the figures far
 * from their recent median are checked). The figures go to drafts, not to the public figures,
 * until an approver approves them. 200 `{ inserted, updated, unchanged, drafts, reports_unchanged,
 * warnings, dry_run, sha256 }` (`drafts: 0` with `reports_unchanged` > 0: the file changes
 * nothing); 422 `{ errors: [{ line, column, code, message }] }` with every problem of the file at
 * once (`sharp_rise`/`sharp_drop` ones go away with `confirm_jumps=1`) — the first 200 of them,
 * with `total_errors` and `truncated` beside (`warnings` likewise, with `total_warnings`); 413
 * over 5 MB; 422 `too_many_rows` over 20,000 rows (IMPORT_MAX_ROWS); 404 when a row is outside
 * the editor's area, as its report is everywhere (logged; the file's other problems listed too,
 * nothing about the reports outside); 409 when a report in an otherwise good file awaits
 * approval; 429 with Retry-After while two imports are running.
 */
export const POST: RequestHandler = async (event) => {
	try {
		const user = await authorize(event, 'edit');
		const run = await runUpload(event.request, user, ready);
		if (run.kind === 'busy')
			return json(
				{ error: `${t('vi', 'import.busy')} / ${t('en', 'import.busy')}` },
				{ status: 429, headers: { 'retry-after': String(IMPORT_RETRY_AFTER_S) } }
			);
		if (run.kind === 'unread') return json({ error: run.message }, { status: run.status });
		const { upload, outcome } = run;
		if (outcome.ok) {
			const warnings = limitErrors(outcome.warnings);
			return json({
				inserted: outcome.inserted,
				updated: outcome.updated,
				unchanged: outcome.unchanged,
				drafts: outcome.drafts,
				reports_unchanged: outcome.reportsUnchanged,
				warnings: warnings.errors,
				total_warnings: warnings.total,
				dry_run: outcome.dryRun,
				sha256: outcome.sha256,
				// An official form: what it was read as, its period and the month it is filed under.
				...(outcome.official
					? { form: outcome.official, notices: limitErrors(outcome.notices).errors }
					: {})
			});
		}
		const { errors, total, truncated } = limitErrors(outcome.errors);
		const listed = { errors, total_errors: total, truncated };
		if (outcome.status === 404) {
			await logRefusal(event, 'The file has figures of units outside your area', {
				status: 404,
				file: upload.fileName,
				lines: errors.map((e) => e.line).slice(0, 50)
			});
			return json(
				{ error: 'The file has figures of units outside your area', ...listed },
				{ status: 404 }
			);
		}
		return json(
			{
				error:
					outcome.status === 409
						? 'Some reports in the file await approval'
						: 'The file was rejected; nothing was written',
				...listed
			},
			{ status: outcome.status }
		);
	} catch (caught) {
		if (isHttpError(caught)) return json({ error: caught.body.message }, { status: caught.status });
		throw caught;
	}
};
