import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { areaReconciliation } from '$lib/server/queries/reconciliation';
import { dataSpan } from '$lib/server/queries/settings';
import { parsePeriod } from '$lib/domain/periods';
import { defaultPeriod } from '$lib/state/period-menu';
import { today as todayInVietnam } from '$lib/domain/clock';

/**
 * The official Decision 766 scores of an area's communes beside ours:
 * `/areas/12/reconciliation?period=2025-Q3[&lang=en]`. The period defaults to the latest
 * complete quarter with data; one that cannot be read falls back to it with a notice.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const store = await ready();
	const asked = url.searchParams.get('period');
	const fallback = defaultPeriod((await dataSpan(store)).last, todayInVietnam());
	const period = asked && parsePeriod(asked) ? asked : fallback;
	try {
		return {
			table: await areaReconciliation(store, { code: params.code, period }),
			invalidPeriod: asked !== null && period !== asked
		};
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
