import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { areaOverview } from '$lib/server/queries/area';
import { dataSpan } from '$lib/server/queries/settings';
import { today as todayInVietnam } from '$lib/domain/clock';
import { findIndicator } from '$lib/domain/indicators';
import { bestAndWeakest, largestChanges } from '$lib/domain/brief';
import { areaPeriod } from '../area-period';

/**
 * An area's one-page brief for a meeting: `/areas/12/brief?period=2024&indicator=on_time_rate`.
 * The same figures as the overview (areaOverview), cut to what fits an A4 page: the tiles, the
 * small map, the five best and five weakest communes and the three largest changes on the
 * previous period. Same defaults as the overview.
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
		const { best, weakest } = bestAndWeakest(overview.communes);
		const before = new Map(Object.entries(overview.previous.values));
		const changes = largestChanges(overview.communes, before);
		return {
			overview: { ...overview, districts: [], alerts: [] },
			best,
			weakest,
			changes,
			better: findIndicator(overview.indicator)!.better,
			lastMonth,
			today
		};
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
// Read and printed, not operated: HTML alone (the print button is a tiny static script).
export const csr = false;
