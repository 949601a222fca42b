import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { valuesFor, type ValueRow } from '$lib/server/queries/values';
import { geometrySources, mapFrame } from '$lib/server/queries/map';
import { dataSpan } from '$lib/server/queries/settings';
import { firstDay, lastDay, parsePeriod } from '$lib/domain/periods';
import { districtsExistIn, readView } from '$lib/state/map-view';
import { defaultPeriod } from '$lib/state/period-menu';

/** What the map and table show of a figure (the API row without its composite breakdown). */
export type MapRow = Omit<ValueRow, 'components'>;

export type Unavailable = { reason: 'district_gone' } | { reason: 'query'; message: string };

/**
 * The public map: the figures of one indicator, period and level (from the URL; see
 * state/map-view.ts), the URL of the shapes to draw them on, and what the page must say about
 * them (boundary sources, a reorganisation inside the period; demo data is the layout's). Reads only the view
 * parameters, so changing `sort` or `lang` does not reload the figures.
 */
export const load: PageServerLoad = async ({ url }) => {
	const store = await ready();
	const today = new Date().toISOString().slice(0, 10);
	const lastMonth = (await dataSpan(store)).last;
	const { view, invalid } = readView(url.searchParams, defaultPeriod(lastMonth, today));
	const period = parsePeriod(view.period)!;
	const base = { view, invalid, lastMonth, today };

	if (view.level === 'district' && !districtsExistIn(view.period) && !view.asOf) {
		return { ...base, ...empty(), unavailable: { reason: 'district_gone' } as Unavailable };
	}
	try {
		const frame = await mapFrame(store, {
			level: view.level,
			startDay: firstDay(period.start),
			endDay: lastDay(period.end),
			asOf: view.asOf
		});
		const result = await valuesFor(store, {
			indicator: view.indicator,
			period: view.period,
			level: view.level,
			asOf: frame.asOf
		});
		const rows: MapRow[] = result.rows.map(({ components: _components, ...row }) => row);
		const geometry = new URLSearchParams({ level: view.level, at: frame.at });
		return {
			...base,
			rows,
			sources: await geometrySources(store, result.unitIds),
			geometryUrl: `/api/v1/geometry?${geometry}`,
			mergedOnto: frame.implicitAsOf ? frame.asOf : null,
			unavailable: null
		};
	} catch (error) {
		if (!(error instanceof QueryError)) throw error;
		const unavailable: Unavailable = { reason: 'query', message: error.message };
		return { ...base, ...empty(), unavailable };
	}
};

function empty() {
	return {
		rows: [] as MapRow[],
		sources: [] as string[],
		geometryUrl: null as string | null,
		mergedOnto: null as string | null
	};
}
