/**
 * `valuesFor` through the one value cache (cache/store.ts): the map page's `load` and
 * `GET /api/v1/values` both call this, so a view's SQL runs once per data version whichever
 * asks first. The key is the parsed, normalised request (never a URL): an unknown indicator or
 * a bad period is refused here exactly as `valuesFor` refuses it.
 */
import type { Executor } from '../db/index.ts';
import { cachedValue } from '../cache/store.ts';
import { dataVersion } from './data-version.ts';
import { perVersion } from './version-memo.ts';
import {
	optionalDate,
	requireIndicator,
	requirePeriod,
	valuesFor,
	type ValuesRequest,
	type ValuesResult
} from './values.ts';

/** The cache key of a values request: its parameters parsed, in a fixed order. */
export function valuesKey(request: ValuesRequest): string {
	const indicator = requireIndicator(request.indicator).code;
	const period = requirePeriod(request.period).code;
	const asOf = optionalDate('as_of', request.asOf) ?? '';
	return `values|${indicator}|${period}|${request.level}|${request.parent ?? ''}|${asOf}`;
}

/** {@link valuesFor}, answered from the value cache when this view was read at this version. */
export async function cachedValuesFor(db: Executor, request: ValuesRequest): Promise<ValuesResult> {
	const key = valuesKey(request);
	return cachedValue(key, await dataVersion(db), () => valuesFor(db, request, perVersion(db)));
}
