/** Shared endpoint plumbing: formats (json, csv, geojson) and errors as `{ error }`, never a raw 500. */
import { json, type RequestEvent } from '@sveltejs/kit';
import { QueryError } from '../queries/errors.ts';
import { toCsv, type Cell } from './csv.ts';
import { writeWorkbook, type SheetColumn } from './xlsx-writer.ts';

export type Format = 'json' | 'csv' | 'geojson' | 'xlsx';

/** Public GETs may be cached briefly by browsers and shared caches. */
// Browsers revalidate every time (a 304 on an unchanged ETag costs bytes of headers only); shared
// caches may serve for a minute and revalidate in the background, so an approval shows within a minute.
export const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/** A CSV download response. */
export function csvResponse(fileName: string, header: string[], rows: Cell[][]): Response {
	return new Response(toCsv(header, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': PUBLIC_CACHE
		}
	});
}

/** An XLSX download response (one sheet; text never becomes a formula). */
export function xlsxResponse(
	fileName: string,
	header: string[],
	rows: Cell[][],
	columns?: SheetColumn[]
): Response {
	const body = writeWorkbook({ name: fileName.replace(/\.xlsx$/, ''), header, rows, columns });
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': PUBLIC_CACHE
		}
	});
}

/** A JSON response with public caching. */
export function publicJson(data: unknown, contentType = 'application/json'): Response {
	return new Response(JSON.stringify(data), {
		headers: { 'content-type': contentType, 'cache-control': PUBLIC_CACHE }
	});
}

/** Runs an endpoint body; a QueryError becomes its status with `{ error }`, anything else a logged 500. */
export async function answer(
	event: RequestEvent,
	body: () => Promise<Response>
): Promise<Response> {
	try {
		return await body();
	} catch (error) {
		if (error instanceof QueryError)
			return json({ error: error.message }, { status: error.status });
		console.error(`${event.request.method} ${event.url.pathname}${event.url.search}:`, error);
		return json({ error: 'Internal error; it has been logged.' }, { status: 500 });
	}
}
