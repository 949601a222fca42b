import { isHttpError, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal } from '$lib/server/auth/guard';
import { readUpload } from '$lib/server/services/workflow-upload';
import { uploadToDrafts } from '$lib/server/services/workflow-import';

/**
 * POST /api/v1/imports — a signed-in editor's report file (multipart `file`, optional `dry_run=1`
 * for a preview, `submit=1` to submit the drafts at once, `confirm_jumps=1` once the figures far
 * from their recent median are checked). The figures go to drafts, not to the public figures,
 * until an approver approves them. 200 `{ inserted, updated, unchanged, drafts, reports_unchanged,
 * warnings, dry_run, sha256 }` (`drafts: 0` with `reports_unchanged` > 0: the file changes
 * nothing); 422 `{ errors: [{ line, column, code, message }] }` with every problem of the file at
 * once (`sharp_rise`/`sharp_drop` ones go away with `confirm_jumps=1`); 413 over 5 MB; 404 when
 * a row is outside the editor's area, as its report is everywhere (logged; the file's other
 * problems listed too, nothing about the reports outside); 409 when a report in an otherwise good
 * file awaits approval.
 */
export const POST: RequestHandler = async (event) => {
	try {
		const user = await authorize(event, 'edit');
		const upload = await readUpload(event.request);
		if (!upload.ok) return json({ error: upload.message }, { status: upload.status });
		const store = await ready();
		const outcome = await uploadToDrafts(store, user, upload);
		if (outcome.ok)
			return json({
				inserted: outcome.inserted,
				updated: outcome.updated,
				unchanged: outcome.unchanged,
				drafts: outcome.drafts,
				reports_unchanged: outcome.reportsUnchanged,
				warnings: outcome.warnings,
				dry_run: outcome.dryRun,
				sha256: outcome.sha256
			});
		if (outcome.status === 404) {
			await logRefusal(event, 'The file has figures of units outside your area', {
				status: 404,
				file: upload.fileName,
				lines: outcome.errors.map((e) => e.line).slice(0, 50)
			});
			return json(
				{ error: 'The file has figures of units outside your area', errors: outcome.errors },
				{ status: 404 }
			);
		}
		return json(
			{
				error:
					outcome.status === 409
						? 'Some reports in the file await approval'
						: 'The file was rejected; nothing was written',
				errors: outcome.errors
			},
			{ status: outcome.status }
		);
	} catch (caught) {
		if (isHttpError(caught)) return json({ error: caught.body.message }, { status: caught.status });
		throw caught;
	}
};
