/**
 * `GET /api/v1/chart.svg` and `/api/v1/chart.png`: a series chart drawn on the server
 * (services/chart-picture.ts), through the answer cache like every public answer.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { cachedApiAnswer } from './public-answer.ts';
import { CHART_PICTURE_PARAMS } from './public-params.ts';
import { answer } from './respond.ts';
import { pictureResponse } from './picture-response.ts';
import { chartPictureSvg } from '../services/chart-picture.ts';

/** The chart of the request's series as SVG or PNG (a 400 `{ error }` for a bad parameter). */
export function chartPictureAnswer(event: RequestEvent, format: 'svg' | 'png'): Promise<Response> {
	return answer(event, () =>
		cachedApiAnswer(event, CHART_PICTURE_PARAMS, async (q) => {
			const svg = await chartPictureSvg(await ready(), { ...q, origin: event.url.origin });
			const units = q.unit.replace(/[^0-9A-Za-z,]/g, '').replace(/,/g, '-');
			const name = `xaso-${q.indicator.replace(/[^0-9a-z_]/g, '')}-${units}-${q.grain.replace(/[^a-z]/g, '')}`;
			return pictureResponse(svg, format, name);
		})
	);
}
