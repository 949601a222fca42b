import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { unitProfile } from '$lib/server/queries/profile';
import { dataSpan } from '$lib/server/queries/settings';
import { parsePeriod } from '$lib/domain/periods';
import { defaultPeriod } from '$lib/state/period-menu';

/**
 * One unit's page: `/units/03618?period=2024-Q3`. The code is resolved to the unit that bore it
 * during the period (codes are reused), else to today's; the period defaults to the latest
 * complete quarter with data, as on the map.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const store = await ready();
	const today = new Date().toISOString().slice(0, 10);
	const lastMonth = (await dataSpan(store)).last;
	const asked = url.searchParams.get('period');
	const parsed = asked ? parsePeriod(asked) : null;
	const period = parsed ?? parsePeriod(defaultPeriod(lastMonth, today))!;
	try {
		const profile = await unitProfile(store, { code: params.code, period, today });
		return { profile, lastMonth, today, invalidPeriod: asked !== null && !parsed };
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
