import type { RequestHandler } from './$types';
import { mapPictureAnswer } from '$lib/server/http/map-picture-answer';

/** The map of a view as an SVG picture (title, legend, sources, date burned in; README). */
export const GET: RequestHandler = (event) => mapPictureAnswer(event, 'svg');
