/**
 * The answer cache as the public API and pages use it: the key of a request from its declared
 * parameters (public-params.ts), and misses limited per client address (miss-limit.ts), with a
 * 429 that says when to come back: `{ error }` on the API, a short page in the visitor's language
 * on a page.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { dataVersion } from '../queries/data-version.ts';
import { cachedAnswer } from './answer-cache.ts';
import { missLimitOf, missLimiter } from './miss-limit.ts';
import { canonicalQuery, readParams, type ParamSchema, type ParsedParams } from './query-params.ts';
import { t, type Locale } from '../../i18n/index.ts';

const limiter = missLimiter(missLimitOf(process.env));

/** The cache key of an API request: its path and canonical parameters (throws a 400 QueryError). */
export function apiKey<S extends ParamSchema>(
	url: URL,
	schema: S
): { key: string; params: ParsedParams<S> } {
	const params = readParams(url.searchParams, schema);
	return { key: `${url.pathname}?${canonicalQuery(schema, params)}`, params };
}

/**
 * A 429 when this request's client has used up its misses, else null. An in-process request
 * (the map page reading its figures from /api/v1/values) is the page's own miss, not another.
 */
export function refusedMiss(event: RequestEvent, page: Locale | null): Response | null {
	if (event.isSubRequest) return null;
	const wait = limiter.take(event.getClientAddress());
	if (!wait) return null;
	const headers = { 'retry-after': String(wait), 'cache-control': 'no-store' };
	if (page === null)
		return Response.json(
			{
				error: `Too many new views from this address: try again in ${wait} s (views already asked for are still served)`
			},
			{ status: 429, headers }
		);
	const text = (key: 'busy.title' | 'busy.body') => t(page, key, { seconds: wait });
	return new Response(
		`<!doctype html><html lang="${page}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text('busy.title')}</title></head><body><h1>${text('busy.title')}</h1><p>${text('busy.body')}</p></body></html>`,
		{
			status: 429,
			headers: {
				...headers,
				'content-type': 'text/html; charset=utf-8',
				// Text only: nothing to load, nothing to run.
				'content-security-policy': "default-src 'none'"
			}
		}
	);
}

/**
 * An API endpoint's answer through the cache: its parameters read by `schema` (an undeclared
 * one is a 400), the answer computed by `compute` from them on a miss.
 */
export async function cachedApiAnswer<S extends ParamSchema>(
	event: RequestEvent,
	schema: S,
	compute: (params: ParsedParams<S>) => Promise<Response>
): Promise<Response> {
	const { key, params } = apiKey(event.url, schema);
	return cachedAnswer(
		event.request,
		key,
		await dataVersion(await ready()),
		() => compute(params),
		() => refusedMiss(event, null)
	);
}
