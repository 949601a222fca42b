import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { dataSpan } from '$lib/server/queries/settings';
import { viewDrawing } from '$lib/server/services/map-picture';
import { svgMap } from '$lib/geo/svg-map';
import { today as todayInVietnam } from '$lib/domain/clock';
import { readView } from '$lib/state/map-view';
import { defaultPeriod } from '$lib/state/period-menu';

/**
 * `/embed/map?indicator=…&period=…&level=…[&parent=…][&as_of=…][&classes=…][&lang=en]`: the map
 * of a view for other sites to frame (hooks.server.ts lets any origin frame `/embed/…`), drawn
 * on the server as SVG paths (no script needed), from the same figures and classes as the map
 * page and `/api/v1/map.svg`. Unusable parameters fall back to the map page's defaults.
 */
export const load: PageServerLoad = async ({ url }) => {
	const store = await ready();
	const lastMonth = (await dataSpan(store)).last;
	const { view, invalid } = readView(url.searchParams, defaultPeriod(lastMonth, todayInVietnam()));
	const parent = url.searchParams.get('parent');
	const classes = url.searchParams.get('classes');
	try {
		const drawing = await viewDrawing(store, { ...view, parent, classes });
		return {
			view,
			parent,
			classes,
			invalid,
			rows: drawing.rows,
			map: svgMap(drawing.shapes, 800, 560, { minStep: 0.75 }),
			sources: drawing.sources,
			parentName: drawing.parentName,
			classing: drawing.classing ?? null,
			problem: null
		};
	} catch (caught) {
		if (!(caught instanceof QueryError)) throw caught;
		return {
			view,
			parent,
			classes,
			invalid,
			rows: [],
			map: null,
			sources: [],
			parentName: null,
			classing: null,
			problem: caught.message
		};
	}
};
