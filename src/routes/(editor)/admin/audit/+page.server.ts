import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { recentAudit } from '$lib/server/queries/audit';
import { anonymousWrites } from '$lib/server/auth/anonymous-writes';

/**
 * The audit log, newest first, filterable by action, paged by id: all of it for an administrator
 * of the installation, the entries about the units of their area for an approver or a scoped
 * administrator. The installation's administrator also sees how many writes from nobody signed in
 * were refused (counted, not logged one by one).
 */
export const load: PageServerLoad = async (event) => {
	const user = await authorize(event, 'audit');
	const action = event.url.searchParams.get('action');
	const before = Number(event.url.searchParams.get('before')) || null;
	const rows = await recentAudit(await ready(), user, { action, before, limit: 200 });
	const everywhere = user.role === 'admin' && user.unitCode === null;
	return {
		action,
		rows,
		scope: everywhere ? null : user.unitCode,
		anonymous: everywhere ? anonymousWrites() : null,
		next: rows.length === 200 ? rows[rows.length - 1].id : null
	};
};
