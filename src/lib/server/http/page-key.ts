/**
 * The answer-cache key of a public page, which is also the URL it is rendered from. The page's
 * query is put in canonical form (public-params.ts: its own parameters only, defaults left out,
 * unusable values replaced), in `event.url` itself, before SvelteKit renders it: the rendering
 * then depends on nothing the key leaves out, so a page cached for one visitor is right for the
 * next, and no tracking tag or junk value travels on in its links.
 *
 * A client-side navigation's data request (`…/__data.json`) is its own answer: SvelteKit has
 * already taken `x-sveltekit-invalidated` (which load functions to run again) out of `event.url`,
 * so it is read from the request and reduced to what SvelteKit makes of it.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { canonicalQuery, readParams, type ParamSchema } from './query-params.ts';

/** Route nodes (layouts and page) a data request can name; ours have at most three. */
const MAX_NODES = 8;

/** `x-sveltekit-invalidated` as SvelteKit reads it: a '1' per node to run, absent meaning all. */
function invalidatedNodes(raw: string | null): string {
	if (raw === null) return 'all';
	let nodes = '';
	for (const c of raw.slice(0, MAX_NODES)) nodes += c === '1' ? '1' : '0';
	return nodes.replace(/0+$/, '');
}

/** Rewrites `event.url` to the page's canonical query and returns the page's cache key. */
export function canonicalPage(event: RequestEvent, schema: ParamSchema): string {
	const query = canonicalQuery(schema, readParams(event.url.searchParams, schema, false));
	event.url.search = query;
	const kind = event.isDataRequest
		? `data:${invalidatedNodes(new URL(event.request.url).searchParams.get('x-sveltekit-invalidated'))}`
		: 'page';
	return `${kind}|${event.url.pathname}?${query}`;
}
