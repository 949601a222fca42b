/**
 * `GET /api/v1/map.svg` and `/api/v1/map.png`: the map of a view drawn on the server
 * (services/map-picture.ts), through the answer cache like every public answer: one drawing per
 * data version, view, language and size.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { cachedApiAnswer } from './public-answer.ts';
import { MAP_PICTURE_PARAMS } from './public-params.ts';
import { answer } from './respond.ts';
import { pictureResponse } from './picture-response.ts';
import { mapPictureSvg } from '../services/map-picture.ts';

/** The picture of the request's view as SVG or PNG (a 400 `{ error }` for a bad parameter). */
export function mapPictureAnswer(event: RequestEvent, format: 'svg' | 'png'): Promise<Response> {
	return answer(event, () =>
		cachedApiAnswer(event, MAP_PICTURE_PARAMS, async (q) => {
			const svg = await mapPictureSvg(await ready(), {
				indicator: q.indicator,
				period: q.period,
				level: q.level,
				parent: q.parent,
				asOf: q.as_of,
				classes: q.classes,
				lang: q.lang,
				size: q.size,
				origin: event.url.origin
			});
			const name = `xaso-${q.indicator}-${q.period}-${q.level}${q.parent ? `-${q.parent}` : ''}`;
			return pictureResponse(svg, format, name);
		})
	);
}
