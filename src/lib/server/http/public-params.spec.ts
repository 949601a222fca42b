import { describe, expect, it } from 'vitest';
import { canonicalQuery, readParams, type ParamSchema } from './query-params.ts';
import {
	MAP_PAGE_PARAMS,
	SERIES_PARAMS,
	UNIT_PAGE_PARAMS,
	VALUES_PARAMS
} from './public-params.ts';
import { QueryError } from '../queries/errors.ts';
import { pinClock } from '../../domain/clock.ts';

const key = (schema: ParamSchema, search: string, strict = true) =>
	canonicalQuery(schema, readParams(new URLSearchParams(search), schema, strict));

const refusal = (schema: ParamSchema, search: string) => {
	try {
		key(schema, search);
	} catch (error) {
		if (error instanceof QueryError) return `${error.status} ${error.message}`;
		throw error;
	}
	return 'accepted';
};

describe('API parameters', () => {
	it('make one key of a view however it is spelled', () => {
		const plain = key(VALUES_PARAMS, 'indicator=online_uptake&period=2024-03');
		expect(plain).toBe('indicator=online_uptake&period=2024-03&level=commune&format=json');
		for (const same of [
			'period=2024-03&indicator=online_uptake',
			'level=commune&format=json&period=2024-03&indicator=online_uptake',
			'indicator=online_uptake&period=2024-03&parent=&as_of='
		])
			expect(key(VALUES_PARAMS, same), same).toBe(plain);
		expect(key(VALUES_PARAMS, 'indicator=online_uptake&period=2024-03&level=district')).not.toBe(
			plain
		);
	});

	it('refuse an undeclared or repeated parameter, naming it', () => {
		expect(refusal(VALUES_PARAMS, 'indicator=online_uptake&utm_source=x')).toMatch(
			/^400 Unknown parameter "utm_source"/
		);
		expect(refusal(VALUES_PARAMS, 'period=2024&period=2025')).toMatch(/^400 .*"period"/);
		expect(refusal(VALUES_PARAMS, 'format=pdf')).toMatch(/^400 Unknown format "pdf"/);
		expect(refusal(VALUES_PARAMS, 'level=village')).toMatch(/^400 Unknown level "village"/);
		expect(refusal(VALUES_PARAMS, 'as_of=tomorrow')).toMatch(/^400 Invalid as_of "tomorrow"/);
	});

	it('fill the series defaults: grain, and at (today in Vietnam)', () => {
		pinClock('2025-03-31T18:00:00Z');
		try {
			expect(key(SERIES_PARAMS, 'indicator=x&unit=03388')).toBe(
				key(SERIES_PARAMS, 'unit=03388&grain=month&at=2025-04-01&indicator=x&format=json')
			);
		} finally {
			pinClock(null);
		}
	});
});

describe('page parameters', () => {
	it('ignore tags and unknown names, and leave defaults out', () => {
		expect(
			key(
				MAP_PAGE_PARAMS,
				'utm_source=zalo&level=commune&indicator=online_uptake&period=2024-Q3&sort=rank&fbclid=1',
				false
			)
		).toBe('period=2024-Q3');
		expect(key(MAP_PAGE_PARAMS, 'sort=-value&rows=all&lang=en&as_of=2025-07-01', false)).toBe(
			'as_of=2025-07-01&sort=-value&rows=all&lang=en'
		);
	});

	it('replace a value they cannot use by one marker, so that the notice stays', () => {
		expect(key(MAP_PAGE_PARAMS, 'period=garbage&sort=nonsense&rows=9&lang=fr', false)).toBe(
			'period=invalid'
		);
		expect(key(UNIT_PAGE_PARAMS, 'period=2024-Q3&indicator=nope&at=yesterday', false)).toBe(
			'period=2024-Q3&indicator=invalid&at=invalid'
		);
		expect(key(UNIT_PAGE_PARAMS, 'indicator=online_uptake&period=', false)).toBe('');
	});
});
