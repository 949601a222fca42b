/**
 * The period an area's pages (overview and brief) show: the one asked for, else the latest
 * complete quarter with data, or, for a district abolished on 2025-07-01, its last quarter. A
 * commune's code, asked without a period, goes to the commune's page.
 */
import { error, redirect } from '@sveltejs/kit';
import type { Executor } from '$lib/server/db';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { areaOverview } from '$lib/server/queries/area';
import { dataSpan } from '$lib/server/queries/settings';
import { today as todayInVietnam } from '$lib/domain/clock';
import { unitsInSpan } from '$lib/server/queries/units';
import { periodContaining } from '$lib/domain/periods';
import { defaultPeriod } from '$lib/state/period-menu';

export async function areaPeriod(
	store: Executor,
	code: string,
	url: URL,
	lastMonth: string | null,
	today: string
): Promise<string> {
	const asked = url.searchParams.get('period');
	if (asked) return asked;
	const versions = await unitsInSpan(store, code, '0001-01-01', '9999-12-31');
	const latest = versions.at(-1);
	if (latest?.level === 'commune') redirect(307, `/units/${code}${url.search}`);
	if (latest?.valid_to && latest.valid_to < today)
		return periodContaining(latest.valid_to.slice(0, 7), 'quarter');
	return defaultPeriod(lastMonth, today);
}

/**
 * The figures both area pages start from: the area's overview for the period (areaPeriod) and
 * the `indicator` asked, with the data's last month and today. A bad code, period or indicator
 * answers 404 or 400.
 */
export async function loadAreaOverview(code: string, url: URL) {
	const store = await ready();
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const period = await areaPeriod(store, code, url, lastMonth, today);
	try {
		const overview = await areaOverview(store, {
			code,
			period,
			indicator: url.searchParams.get('indicator')
		});
		return { overview, lastMonth, today };
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
}
