import type { RequestHandler } from './$types';
import { chartPictureAnswer } from '$lib/server/http/chart-picture-answer';

/** A series chart as an SVG picture (title, legend, source, demo statement, date burned in). */
export const GET: RequestHandler = (event) => chartPictureAnswer(event, 'svg');
