import type { PageServerLoad } from './$types';
import { findIndicator } from '$lib/domain/indicators';
import { bestAndWeakest, largestChanges } from '$lib/domain/brief';
import { loadAreaOverview } from '../area-period';

/**
 * An area's one-page brief for a meeting: `/areas/12/brief?period=2024&indicator=on_time_rate`.
 * The same figures as the overview (areaOverview), cut to what fits an A4 page: the tiles, the
 * small map, the five best and five weakest communes and the three largest changes on the
 * previous period. Same defaults as the overview.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const { overview, lastMonth, today } = await loadAreaOverview(params.code, url);
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
};
// Read and printed, not operated: HTML alone (the print button is a tiny static script).
export const csr = false;
