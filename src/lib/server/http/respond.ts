/** Shared endpoint plumbing: formats (json, csv, zip, xlsx, geojson) and errors as `{ error }`, never a raw 500. */
import { json, type RequestEvent } from '@sveltejs/kit';
import { strToU8, zipSync } from 'fflate';
import { now } from '../../domain/clock.ts';
import { QueryError } from '../queries/errors.ts';
import { noteFailure } from './db-failure.ts';
import { toCsv, type Cell } from './csv.ts';
import { writeWorkbook, type SheetColumn, type SheetSpec } from './xlsx-writer.ts';

export type Format = 'json' | 'csv' | 'zip' | 'geojson' | 'xlsx';

/** Public GETs may be cached briefly by browsers and shared caches. */
// Browsers revalidate every time (a 304 on an unchanged ETag costs bytes of headers only); shared
// caches may serve for a minute and revalidate in the background, so an approval shows within a minute.
export const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/**
 * A CSV download response. The CSV stays a bare table (tools read its first line as the header),
 * so what it is goes in a `Link: <describedBy>; rel="describedby"` header (RFC 8288; the
 * methodology entry of its indicator) and in the ZIP download beside it.
 */
export function csvResponse(
	fileName: string,
	header: string[],
	rows: Cell[][],
	describedBy?: string
): Response {
	return new Response(toCsv(header, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': PUBLIC_CACHE,
			...(describedBy ? { link: `<${encodeURI(describedBy)}>; rel="describedby"` } : {})
		}
	});
}

/** A CSV together with a README.txt saying what it is, as one ZIP download (`format=zip`). */
export function zipResponse(
	fileName: string,
	csv: { name: string; header: string[]; rows: Cell[][] },
	readme: string
): Response {
	const body = zipSync(
		{
			[csv.name]: strToU8(toCsv(csv.header, csv.rows)),
			'README.txt': strToU8(`\uFEFF${readme}`)
		},
		{ level: 6, mtime: now() }
	);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': PUBLIC_CACHE
		}
	});
}

/**
 * A table downloaded as a bare CSV (described by `describedBy`) or as a ZIP holding the CSV and
 * a README (`readme` is given the CSV's name, and made only for the ZIP).
 */
export function tableDownload(
	format: 'csv' | 'zip',
	name: string,
	table: { header: string[]; rows: Cell[][] },
	about: { describedBy: string; readme: (csvName: string) => string }
): Response {
	const csvName = `${name}.csv`;
	if (format === 'csv') return csvResponse(csvName, table.header, table.rows, about.describedBy);
	return zipResponse(`${name}.zip`, { name: csvName, ...table }, about.readme(csvName));
}

/** An XLSX download response (the data sheet, then `more`; text never becomes a formula). */
export function xlsxResponse(
	fileName: string,
	header: string[],
	rows: Cell[][],
	columns?: SheetColumn[],
	more: SheetSpec[] = []
): Response {
	const body = writeWorkbook(
		{ name: fileName.replace(/\.xlsx$/, ''), header, rows, columns },
		more
	);
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
		noteFailure(event.request, error);
		console.error(`${event.request.method} ${event.url.pathname}${event.url.search}:`, error);
		return json({ error: 'Internal error; it has been logged.' }, { status: 500 });
	}
}
