import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { areaOverview } from '$lib/server/queries/area';
import { dataSpan } from '$lib/server/queries/settings';
import { parseSort } from '$lib/state/table-sort';
import { today as todayInVietnam } from '$lib/domain/clock';
import { areaPeriod } from './area-period';

/**
 * An area's overview: `/areas/12?period=2025-Q3&indicator=on_time_rate&sort=-value`. The period
 * defaults to the latest complete quarter with data, or, for a district abolished on 2025-07-01,
 * its last quarter. A commune's code goes to the commune's page.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const store = await ready();
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const period = await areaPeriod(store, params.code, url, lastMonth, today);
	try {
		const overview = await areaOverview(store, {
			code: params.code,
			period,
			indicator: url.searchParams.get('indicator')
		});
		return { overview, lastMonth, today, sort: parseSort(url.searchParams.get('sort')) };
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
