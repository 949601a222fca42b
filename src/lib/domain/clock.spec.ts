import { afterEach, describe, expect, it } from 'vitest';
import {
	TIME_ZONE,
	dayOf,
	formatInstant,
	monthOf,
	nextMidnight,
	now,
	pinClock,
	thisMonth,
	thisYear,
	today,
	yearOf
} from './clock.ts';
import { lastCompleteMonth } from './periods.ts';

const at = (iso: string) => Date.parse(iso);

describe('the Vietnamese calendar of an instant', () => {
	const cases: [string, string, string, number][] = [
		// 23:30 UTC on the last day of a month is 06:30 on the first of the next in Vietnam.
		['2026-05-31T23:30:00Z', '2026-06-01', '2026-06', 2026],
		['2026-12-31T23:30:00Z', '2027-01-01', '2027-01', 2027],
		['2028-02-28T17:00:00Z', '2028-02-29', '2028-02', 2028],
		// Midnight in Vietnam is 17:00 UTC: one millisecond before, still the day before.
		['2026-05-31T16:59:59.999Z', '2026-05-31', '2026-05', 2026],
		['2026-05-31T17:00:00Z', '2026-06-01', '2026-06', 2026],
		['2026-06-01T00:00:00Z', '2026-06-01', '2026-06', 2026],
		['2026-06-30T16:59:59Z', '2026-06-30', '2026-06', 2026]
	];
	it.each(cases)('%s → %s, %s, %s', (iso, day, month, year) => {
		expect(dayOf(at(iso))).toBe(day);
		expect(monthOf(at(iso))).toBe(month);
		expect(yearOf(at(iso))).toBe(year);
	});

	it('agrees with the tz database at every hour over decades (no summer time in Vietnam)', () => {
		const tz = new Intl.DateTimeFormat('en-CA', {
			timeZone: TIME_ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		const wrong: string[] = [];
		// Odd steps, so every hour of the day is visited over the years.
		for (
			let t = at('1976-01-01T00:00:00Z');
			t < at('2040-01-01T00:00:00Z');
			t += 13 * 3_600_000 + 1
		)
			if (dayOf(t) !== tz.format(t)) wrong.push(new Date(t).toISOString());
		expect(wrong).toEqual([]);
	});

	it('names the instant the next Vietnamese day begins', () => {
		expect(nextMidnight(at('2026-05-31T23:30:00Z'))).toBe(at('2026-06-01T17:00:00Z'));
		expect(nextMidnight(at('2026-05-31T16:59:59.999Z'))).toBe(at('2026-05-31T17:00:00Z'));
		expect(nextMidnight(at('2026-05-31T17:00:00Z'))).toBe(at('2026-06-01T17:00:00Z'));
	});
});

describe('formatInstant', () => {
	const cases: [string, boolean, string][] = [
		['2026-05-31 23:30:00.123456+00', false, '2026-06-01 06:30'],
		['2026-05-31 23:30:59+00', true, '2026-06-01 06:30:59'],
		['2026-06-01 06:30:00+07', false, '2026-06-01 06:30'],
		['2026-05-31 19:00:00+05:30', false, '2026-05-31 20:30'],
		['2026-05-31 13:30:00-1000', false, '2026-06-01 06:30'],
		['2026-05-31T23:30:00.000Z', true, '2026-06-01 06:30:00'],
		// Not an instant with a zone: shown as it is rather than guessed.
		['2026-05-31 23:30:00', false, '2026-05-31 23:30:00'],
		['', false, '']
	];
	it.each(cases)('%s (seconds %s) → %s', (stamp, seconds, expected) => {
		expect(formatInstant(stamp, seconds)).toBe(expected);
	});
});

describe('the one clock', () => {
	afterEach(() => pinClock(null));

	it('says the new month at 23:30 UTC on the last day of a month', () => {
		pinClock('2026-05-31T23:30:00Z');
		expect(now()).toBe(at('2026-05-31T23:30:00Z'));
		expect(today()).toBe('2026-06-01');
		expect(thisMonth()).toBe('2026-06');
		expect(lastCompleteMonth(today())).toBe('2026-05');
		pinClock(at('2026-12-31T23:30:00Z'));
		expect(thisYear()).toBe(2027);
	});

	it('runs on the system clock unless pinned, and refuses a non-instant', () => {
		const before = Date.now();
		const t = now();
		expect(t).toBeGreaterThanOrEqual(before);
		expect(t).toBeLessThanOrEqual(Date.now());
		expect(() => pinClock('31/05/2026')).toThrow(/Not an instant/);
	});
});
