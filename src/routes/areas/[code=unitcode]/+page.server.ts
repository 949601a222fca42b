import type { PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { areaOverview } from '$lib/server/queries/area';
import { unitsInSpan } from '$lib/server/queries/units';
import { dataSpan } from '$lib/server/queries/settings';
import { periodContaining } from '$lib/domain/periods';
import { defaultPeriod } from '$lib/state/period-menu';
import { parseSort } from '$lib/state/table-sort';
import { today as todayInVietnam } from '$lib/domain/clock';

/**
 * An area's overview: `/areas/12?period=2025-Q3&indicator=on_time_rate&sort=-value`. The period
 * defaults to the latest complete quarter with data, or, for a district abolished on 2025-07-01,
 * its last quarter. A commune's code goes to the commune's page.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const store = await ready();
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const asked = url.searchParams.get('period');
	let period = asked || defaultPeriod(lastMonth, today);
	if (!asked) {
		const versions = await unitsInSpan(store, params.code, '0001-01-01', '9999-12-31');
		const latest = versions.at(-1);
		if (latest?.level === 'commune') redirect(307, `/units/${params.code}${url.search}`);
		if (latest?.valid_to && latest.valid_to < today)
			period = periodContaining(latest.valid_to.slice(0, 7), 'quarter');
	}
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
