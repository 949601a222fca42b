import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { PRIORITIES_PARAMS } from '$lib/server/http/public-params';
import { methodologyUrl } from '$lib/server/http/download-about';
import { answer, csvResponse, publicJson } from '$lib/server/http/respond';
import { prioritiesFor } from '$lib/server/queries/priorities';
import { isDemo } from '$lib/server/queries/settings';

/** Communes under a unit ranked by service-index points recoverable, each gap explained (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, PRIORITIES_PARAMS, async (q) => {
			const { format, parent } = q;
			const store = await ready();
			const result = await prioritiesFor(store, {
				parent,
				period: q.period,
				asOf: q.as_of,
				lang: q.lang,
				focus: q.focus
			});
			if (format === 'csv')
				return csvResponse(
					`priorities-${parent}-${result.period}.csv`,
					[
						'unit_code',
						'unit_name',
						'service_index',
						'points_recoverable',
						'low_confidence',
						'indicator',
						'value',
						'threshold',
						'points_lost',
						'action'
					],
					result.rows.flatMap((r) =>
						(r.gaps.length ? r.gaps : [null]).map((g) => [
							r.unit_code,
							r.unit_name,
							r.service_index,
							r.points_recoverable,
							r.low_confidence,
							g?.indicator ?? null,
							g?.value ?? null,
							g?.threshold ?? null,
							g?.points_lost ?? null,
							g?.action ?? null
						])
					),
					methodologyUrl(event.url.origin, 'service_index')
				);
			return publicJson({ ...result, demo: await isDemo(store) });
		})
	);
