import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { searchUnits } from '$lib/server/queries/search';
import { dataSpan } from '$lib/server/queries/settings';
import { parseSearchQuery } from '$lib/domain/search';
import { defaultPeriod } from '$lib/state/period-menu';
import { today as todayInVietnam } from '$lib/domain/clock';

/**
 * `/search?q=muong+than`: units of every era by old or new name, today's first. Nothing typed,
 * too little, or a query that cannot be a name (control characters, too long) is answered with
 * a sentence on the page, never an error page. `period` is the map's default period: each result
 * links to its unit page for that period, or for the quarter the unit ended or began in.
 */
export const load: PageServerLoad = async ({ url }) => {
	const query = parseSearchQuery(url.searchParams.get('q'));
	// Only a query that may be a name goes back into the search boxes.
	const searchText = query.kind === 'ok' || query.kind === 'short' ? query.text : '';
	if (query.kind !== 'ok') return { query, searchText, results: [], period: null };
	const store = await ready();
	const today = todayInVietnam();
	const [results, span] = await Promise.all([
		searchUnits(store, query, { at: today }),
		dataSpan(store)
	]);
	return { query, searchText, results, period: defaultPeriod(span.last, today) };
};
