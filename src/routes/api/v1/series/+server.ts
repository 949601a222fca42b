import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedAnswer } from '$lib/server/http/answer-cache';
import { dataVersion } from '$lib/server/queries/data-version';
import { answer, csvResponse, formatOf, publicJson } from '$lib/server/http/respond';
import { seriesFor } from '$lib/server/queries/series';
import { lastCompleteMonth } from '$lib/domain/periods';
import { today } from '$lib/domain/clock';
import { isDemo } from '$lib/server/queries/settings';

/** One indicator for one unit over time, harmonised across unit mergers (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedAnswer(event.request, event.url, await dataVersion(await ready()), async () => {
			const q = event.url.searchParams;
			const format = formatOf(event.url, ['json', 'csv']);
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
			if (format === 'csv')
				return csvResponse(
					`${result.indicator}-${result.unit.code}-${result.grain}.csv`,
					[
						'period',
						'value',
						'numerator',
						'denominator',
						'months_reported',
						'low_confidence',
						'harmonised'
					],
					result.rows.map((r) => [
						r.period,
						r.value,
						r.numerator,
						r.denominator,
						r.months_reported,
						r.low_confidence,
						r.harmonised
					])
				);
			return publicJson({ ...result, demo: await isDemo(store) });
		})
	);
