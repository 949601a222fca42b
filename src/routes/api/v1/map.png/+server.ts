import type { RequestHandler } from './$types';
import { mapPictureAnswer } from '$lib/server/http/map-picture-answer';

/** The map of a view as a PNG picture (`size=og`: the 1200 × 630 card of Open Graph; README). */
export const GET: RequestHandler = (event) => mapPictureAnswer(event, 'png');
