/**
 * Query parameters read through a declaration (a schema: name → parser), so that what an
 * endpoint or page accepts, the 400 for anything else, and its answer-cache key all come from one
 * place. The key is built from the parsed values, never from the raw URL: the same view asked in
 * another order, with its defaults spelled out, or (on a page) with tracking tags added, is one
 * cache entry, and a made-up parameter cannot mint new ones.
 */
import { badRequest } from '../queries/errors.ts';

/**
 * Reads one parameter's raw value (null when absent) into its parsed form, its default filled in
 * (null: absent, left out of the key). May throw a QueryError (a 400).
 */
export type ParamParser<T extends string | null = string | null> = (raw: string | null) => T;

export type ParamSchema = Readonly<Record<string, ParamParser>>;

export type ParsedParams<S extends ParamSchema> = { [K in keyof S]: ReturnType<S[K]> };

/**
 * The declared parameters of a request. On the API (`strict`) an undeclared parameter, or one
 * given twice, is a 400 naming it; a page ignores both (the first value counts, as
 * `URLSearchParams.get` does), so a shared link carrying `utm_source` or `fbclid` still opens.
 */
export function readParams<S extends ParamSchema>(
	params: URLSearchParams,
	schema: S,
	strict = true
): ParsedParams<S> {
	if (strict) {
		const seen = new Set<string>();
		for (const name of params.keys()) {
			if (!Object.hasOwn(schema, name))
				badRequest(
					`Unknown parameter "${name}": this endpoint accepts ${Object.keys(schema).join(', ') || 'none'}`
				);
			if (seen.has(name)) badRequest(`Parameter "${name}" is given more than once`);
			seen.add(name);
		}
	}
	const parsed: Record<string, string | null> = {};
	for (const [name, parse] of Object.entries(schema)) parsed[name] = parse(params.get(name));
	return parsed as ParsedParams<S>;
}

/**
 * The canonical query string of parsed parameters: in declaration order, those at null left out.
 * Used as the cache key (after the path), and as a page's URL when it is rendered.
 */
export function canonicalQuery<S extends ParamSchema>(schema: S, parsed: ParsedParams<S>): string {
	const q = new URLSearchParams();
	for (const name of Object.keys(schema)) {
		const value = parsed[name];
		if (value !== null) q.set(name, value);
	}
	return q.toString();
}

/** A parameter passed on as given ('' when absent), for a query that checks it itself. */
export const text: ParamParser<string> = (raw) => raw ?? '';

/** A parameter passed on as given, null when absent or empty. */
export const optional: ParamParser = (raw) => raw || null;

/** `format`: one of `offered`, the first being the default. */
export function format<F extends string>(offered: readonly F[]): ParamParser<F> {
	return (raw) => {
		const f = (raw ?? offered[0]) as F;
		if (!offered.includes(f))
			badRequest(`Unknown format "${f}": this endpoint offers ${offered.join(', ')}`);
		return f;
	};
}
