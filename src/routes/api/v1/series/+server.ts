import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { SERIES_PARAMS } from '$lib/server/http/public-params';
import { answer, publicJson, tableDownload } from '$lib/server/http/respond';
import {
	aboutFields,
	aboutReadme,
	methodologyUrl,
	unitPageUrl
} from '$lib/server/http/download-about';
import { findIndicator } from '$lib/domain/indicators';
import { seriesFor } from '$lib/server/queries/series';
import { SERIES_COLUMNS, seriesCells } from '$lib/server/http/series-columns';
import { seriesRequest } from '$lib/server/http/series-request';
import { isDemo } from '$lib/server/queries/settings';

/** One indicator for one unit over time, harmonised across unit mergers (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, SERIES_PARAMS, async (q) => {
			const format = q.format;
			const store = await ready();
			const result = await seriesFor(store, seriesRequest(q));
			const demo = await isDemo(store);
			if (format === 'csv' || format === 'zip') {
				const name = `${result.indicator}-${result.unit.code}-${result.grain}`;
				const table = { header: [...SERIES_COLUMNS], rows: result.rows.map(seriesCells) };
				return tableDownload(format, name, table, {
					describedBy: methodologyUrl(event.url.origin, result.indicator),
					readme: (csvName) =>
						aboutReadme(
							aboutFields({
								indicator: findIndicator(result.indicator)!,
								unit: result.unit,
								span: { from: result.from, to: result.to, grain: result.grain },
								demo,
								apiUrl: event.url.href,
								pageUrl: unitPageUrl(
									event.url.origin,
									result.unit.code,
									result.indicator,
									event.url.searchParams.get('at')
								)
							}),
							csvName
						)
				});
			}
			return publicJson({ ...result, demo });
		})
	);
