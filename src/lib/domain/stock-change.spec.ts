import { describe, expect, it } from 'vitest';
import { lastChange, latestChange } from './stock-change';

const h = (...values: (number | null)[]) =>
	values.map((value, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, value }));

describe('lastChange', () => {
	it.each([
		['nothing reported', h(), null],
		['only gaps', h(null, null), null],
		['one report', h(null, 5), { since: '2024-02', changed: false }],
		['never changed', h(5, 5, null, 5), { since: '2024-01', changed: false }],
		['changed once', h(5, 5, 7, 7), { since: '2024-03', changed: true }],
		['a gap is not a change', h(5, 7, null, 7), { since: '2024-02', changed: true }],
		['back to an earlier value', h(5, 7, 5), { since: '2024-03', changed: true }],
		['zero is a value', h(0, 0, 1), { since: '2024-03', changed: true }]
	])('%s', (_, history, expected) => {
		expect(lastChange(history)).toEqual(expected);
	});
});

describe('latestChange', () => {
	it('is null when no unit reported', () => {
		expect(latestChange([null, null])).toBeNull();
	});
	it('takes the latest month, changed when any unit changed', () => {
		expect(
			latestChange([
				{ since: '2023-05', changed: true },
				null,
				{ since: '2024-01', changed: false }
			])
		).toEqual({ since: '2024-01', changed: true });
	});
});
