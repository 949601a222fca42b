import { describe, expect, it } from 'vitest';
import { readOnly } from './replica.ts';

describe('readOnly: what a public read may send to the standby', () => {
	it.each([
		['select 1', true],
		['  SELECT value from settings', true],
		['with x as (select 1) select * from x', true],
		['with b as (insert into settings values (1)) select * from b', false],
		['WITH u AS (UPDATE units SET name = 1 RETURNING id) SELECT 1', false],
		['insert into sessions values (1)', false],
		['update sessions set seen = now()', false],
		['delete from sessions', false],
		['copy units from stdin', false],
		// Column names that merely contain the words stay readable.
		['with x as (select updated_at, deleted from t) select * from x', true]
	])('%s → %s', (text, expected) => {
		expect(readOnly(text)).toBe(expected);
	});
});
