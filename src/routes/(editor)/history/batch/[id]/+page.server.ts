import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, refuse } from '$lib/server/auth/guard';
import { batchFigures, batchReportInScope, batchesById } from '$lib/server/queries/audit';
import { localeOf, t } from '$lib/i18n';

/**
 * One write batch: source, file and SHA-256, who and when, counts, and its figures in scope. A
 * batch with nothing in the user's area — no figure, no approved report — is a 404 like a missing
 * one: its page names the people who entered and approved it.
 */
export const load: PageServerLoad = async (event) => {
	const user = await authorize(event, 'read');
	const id = Number(event.params.id);
	const noSuch = t(localeOf(event.url), 'batch.noSuch');
	if (!Number.isSafeInteger(id) || id <= 0) error(404, noSuch);
	const store = await ready();
	const batch = (await batchesById(store, [id])).get(id);
	if (!batch) error(404, noSuch);
	const figures = await batchFigures(store, id, user);
	const everywhere = user.role === 'admin' && user.unitCode === null;
	if (!everywhere && figures.length === 0 && !(await batchReportInScope(store, id, user)))
		await refuse(event, 'No such batch', { batch_id: id }, undefined, true);
	return { batch, figures };
};
