import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { SERIES_PARAMS } from '$lib/server/http/public-params';
import { answer, csvResponse, publicJson } from '$lib/server/http/respond';
import { seriesFor } from '$lib/server/queries/series';
import { lastCompleteMonth } from '$lib/domain/periods';
import { today } from '$lib/domain/clock';
import { isDemo } from '$lib/server/queries/settings';

/** One indicator for one unit over time, harmonised across unit mergers (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, SERIES_PARAMS, async (q) => {
			const format = q.format;
			const store = await ready();
			const result = await seriesFor(store, {
				indicator: q.indicator,
				unit: q.unit,
				from: q.from,
				to: q.to,
				grain: q.grain,
				at: q.at,
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
