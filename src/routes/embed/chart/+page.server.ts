import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { seriesFor } from '$lib/server/queries/series';
import { findIndicator } from '$lib/domain/indicators';
import { isIsoDate, lastCompleteMonth } from '$lib/domain/periods';
import { today as todayInVietnam } from '$lib/domain/clock';
import { DEFAULT_INDICATOR } from '$lib/state/map-view';

/**
 * `/embed/chart?unit=CODE&indicator=…[&at=YYYY-MM-DD][&lang=en]`: one unit's monthly series of an
 * indicator (as `/api/v1/series` and the unit page's history give it), for other sites to frame.
 * `at` names the version of a reused code (default today).
 */
export const load: PageServerLoad = async ({ url }) => {
	const store = await ready();
	const today = todayInVietnam();
	const unit = url.searchParams.get('unit');
	const asked = url.searchParams.get('indicator');
	const indicator = (asked && findIndicator(asked)?.code) || DEFAULT_INDICATOR;
	const at = url.searchParams.get('at');
	if (!unit || !/^\d{2,5}$/.test(unit)) return { indicator, series: null, problem: 'no-unit' };
	try {
		const series = await seriesFor(store, {
			indicator,
			unit,
			at: at && isIsoDate(at) ? at : today,
			lastMonth: lastCompleteMonth(today)
		});
		return { indicator, series, problem: null };
	} catch (caught) {
		if (!(caught instanceof QueryError)) throw caught;
		return { indicator, series: null, problem: caught.message };
	}
};
