import type { PageServerLoad } from './$types';
import { parseSort } from '$lib/state/table-sort';
import { loadAreaOverview } from './area-period';

/**
 * An area's overview: `/areas/12?period=2025-Q3&indicator=on_time_rate&sort=-value`. The period
 * defaults to the latest complete quarter with data, or, for a district abolished on 2025-07-01,
 * its last quarter. A commune's code goes to the commune's page.
 */
export const load: PageServerLoad = async ({ params, url }) => ({
	...(await loadAreaOverview(params.code, url)),
	sort: parseSort(url.searchParams.get('sort'))
});
