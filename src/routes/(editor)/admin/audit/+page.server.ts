import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { recentAudit } from '$lib/server/queries/audit';

/** The audit log, newest first, filterable by action, paged by id. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'admin');
	const action = event.url.searchParams.get('action');
	const before = Number(event.url.searchParams.get('before')) || null;
	const rows = await recentAudit(await ready(), { action, before, limit: 200 });
	return { action, rows, next: rows.length === 200 ? rows[rows.length - 1].id : null };
};
