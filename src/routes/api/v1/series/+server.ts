import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedAnswer } from '$lib/server/http/answer-cache';
import { dataVersion } from '$lib/server/queries/data-version';
import { answer, csvResponse, formatOf, publicJson, zipResponse } from '$lib/server/http/respond';
import {
	aboutFields,
	aboutReadme,
	methodologyUrl,
	unitPageUrl
} from '$lib/server/http/download-about';
import { findIndicator } from '$lib/domain/indicators';
import { seriesFor } from '$lib/server/queries/series';
import { lastCompleteMonth } from '$lib/domain/periods';
import { today } from '$lib/domain/clock';
import { isDemo } from '$lib/server/queries/settings';

/** One indicator for one unit over time, harmonised across unit mergers (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedAnswer(event.request, event.url, await dataVersion(await ready()), async () => {
			const q = event.url.searchParams;
			const format = formatOf(event.url, ['json', 'csv', 'zip']);
			const store = await ready();
			const result = await seriesFor(store, {
				indicator: q.get('indicator') ?? '',
				unit: q.get('unit') ?? '',
				from: q.get('from'),
				to: q.get('to'),
				grain: q.get('grain'),
				at: q.get('at'),
				lastMonth: lastCompleteMonth(today())
			});
			const demo = await isDemo(store);
			if (format === 'csv' || format === 'zip') {
				const name = `${result.indicator}-${result.unit.code}-${result.grain}`;
				const header = [
					'period',
					'value',
					'numerator',
					'denominator',
					'months_reported',
					'low_confidence',
					'harmonised'
				];
				const rows = result.rows.map((r) => [
					r.period,
					r.value,
					r.numerator,
					r.denominator,
					r.months_reported,
					r.low_confidence,
					r.harmonised
				]);
				if (format === 'csv')
					return csvResponse(
						`${name}.csv`,
						header,
						rows,
						methodologyUrl(event.url.origin, result.indicator)
					);
				const about = aboutFields({
					indicator: findIndicator(result.indicator)!,
					unit: result.unit,
					span: { from: result.from, to: result.to, grain: result.grain },
					demo,
					apiUrl: event.url.href,
					pageUrl: unitPageUrl(event.url.origin, result.unit.code, result.indicator, q.get('at'))
				});
				return zipResponse(
					`${name}.zip`,
					{ name: `${name}.csv`, header, rows },
					aboutReadme(about, `${name}.csv`)
				);
			}
			return publicJson({ ...result, demo });
		})
	);
