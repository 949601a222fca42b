import type { RequestHandler } from './$types';
import { INDICATORS } from '$lib/domain/indicators';
import { partsOf } from '$lib/domain/indicators';
import { answer, csvResponse, publicJson } from '$lib/server/http/respond';
import { readParams } from '$lib/server/http/query-params';
import { INDICATORS_PARAMS } from '$lib/server/http/public-params';
import { methodologyUrl } from '$lib/server/http/download-about';

/** The indicator catalogue of CONTRACT.md. */
export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const { format } = readParams(event.url.searchParams, INDICATORS_PARAMS);
		const rows = INDICATORS.map((i) => ({
			code: i.code,
			name: i.name,
			unit: i.unit,
			better: i.better,
			kind: i.kind,
			...partsOf(i),
			threshold: i.scoring?.threshold ?? null,
			points: i.scoring?.points ?? null,
			composite: i.scoring?.composite ?? null,
			formula: i.formula
		}));
		if (format === 'csv')
			return csvResponse(
				'indicators.csv',
				[
					'code',
					'name_vi',
					'name_en',
					'unit',
					'better',
					'kind',
					'numerator',
					'denominator',
					'threshold',
					'points'
				],
				rows.map((r) => [
					r.code,
					r.name.vi,
					r.name.en,
					r.unit,
					r.better,
					r.kind,
					r.numerator,
					r.denominator,
					r.threshold,
					r.points
				]),
				methodologyUrl(event.url.origin, 'indicators')
			);
		return publicJson(rows);
	});
