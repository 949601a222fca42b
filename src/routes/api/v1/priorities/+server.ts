import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedAnswer } from '$lib/server/http/answer-cache';
import { dataVersion } from '$lib/server/queries/data-version';
import { answer, csvResponse, formatOf, publicJson } from '$lib/server/http/respond';
import { methodologyUrl } from '$lib/server/http/download-about';
import { prioritiesFor } from '$lib/server/queries/priorities';
import { badRequest } from '$lib/server/queries/errors';
import { isDemo } from '$lib/server/queries/settings';

/** Communes under a unit ranked by service-index points recoverable, each gap explained (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedAnswer(event.request, event.url, await dataVersion(await ready()), async () => {
			const q = event.url.searchParams;
			const format = formatOf(event.url, ['json', 'csv']);
			const parent = q.get('parent');
			if (!parent)
				badRequest('Missing "parent": the code of the district or province whose communes to rank');
			const lang = q.get('lang') === 'en' ? 'en' : 'vi';
			const store = await ready();
			const result = await prioritiesFor(store, {
				parent,
				period: q.get('period') ?? '',
				asOf: q.get('as_of'),
				lang
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
