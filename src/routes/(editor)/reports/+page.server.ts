import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/permissions';
import { communesInScope, listDrafts } from '$lib/server/queries/drafts';
import { lastCompleteMonth } from '$lib/domain/periods';
import { today } from '$lib/domain/clock';
import { localeOf, t } from '$lib/i18n';

/** The editor's desk: communes of their area for a month, open drafts, reports to review. */
export const load: PageServerLoad = async (event) => {
	const user = await authorize(event, 'read');
	const store = await ready();
	const month = event.url.searchParams.get('month') ?? lastCompleteMonth(today());
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
		error(400, t(localeOf(event.url), 'reports.badMonth'));
	const [communes, open] = await Promise.all([
		communesInScope(store, user, month),
		listDrafts(store, user)
	]);
	return {
		month,
		communes,
		open,
		toReview: can(user.role, 'review') ? open.filter((d) => d.status === 'submitted') : []
	};
};
