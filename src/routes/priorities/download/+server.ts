import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { PRIORITIES_DOWNLOAD_PARAMS } from '$lib/server/http/public-params';
import { answer, csvResponse, xlsxResponse } from '$lib/server/http/respond';
import { QueryError } from '$lib/server/queries/errors';
import { isDemo } from '$lib/server/queries/settings';
import { localeOf } from '$lib/i18n';
import { PrioritiesParamError, readPriorities } from '../read.server';
import { DOWNLOAD_COLUMNS, DOWNLOAD_HEADER, downloadRows } from './rows';

/**
 * The planners' list as a file: `/priorities/download?area=…&period=…&focus=…&format=csv|xlsx`,
 * one row per commune in the page's order (read.server.ts), the engine's actions in the page's
 * language. Bad parameters are a 400 or 404 with `{ error }`, as on the API. Answers are cached
 * per data version, as the API's are.
 */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, PRIORITIES_DOWNLOAD_PARAMS, (q) => download(event.url, q.format))
	);

async function download(url: URL, format: 'csv' | 'xlsx'): Promise<Response> {
	const locale = localeOf(url);
	const store = await ready();
	const read = await readPriorities(store, url, locale).catch((e: unknown) => {
		throw e instanceof PrioritiesParamError ? new QueryError(e.status, e.messageIn(locale)) : e;
	});
	const { area, period, focus } = read.view;
	// Demo figures say so in the file name, since a file has no room for a caption.
	const demo = (await isDemo(store)) ? '-demo-data' : '';
	const name = `priorities-${area}-${period}${focus ? `-${focus}` : ''}${demo}`;
	const rows = downloadRows(read.rows, locale);
	return format === 'csv'
		? csvResponse(`${name}.csv`, DOWNLOAD_HEADER, rows)
		: xlsxResponse(`${name}.xlsx`, DOWNLOAD_HEADER, rows, DOWNLOAD_COLUMNS);
}
