import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { batchFigures, batchesById } from '$lib/server/queries/audit';

/** One write batch: source, file and SHA-256, who and when, counts, and its figures in scope. */
export const load: PageServerLoad = async (event) => {
	const user = await authorize(event, 'read');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'No such batch');
	const store = await ready();
	const batch = (await batchesById(store, [id])).get(id);
	if (!batch) error(404, 'No such batch');
	return { batch, figures: await batchFigures(store, id, user) };
};
