import { afterEach, describe, expect, it } from 'vitest';
import { pinClock } from '../../domain/clock.ts';
import { anonymousWrites, countAnonymousWrite } from './anonymous-writes.ts';

afterEach(() => pinClock(null));

describe('countAnonymousWrite', () => {
	it('counts a request once, however many refusals it meets', () => {
		pinClock('2025-03-01T10:00:00+07:00');
		const before = anonymousWrites();
		const request = new Request('http://x.invalid/report/03388/2025-01?/save', { method: 'POST' });
		countAnonymousWrite('/report/03388/2025-01', request);
		countAnonymousWrite('/report/03388/2025-01', request);
		countAnonymousWrite('/signin');
		expect(anonymousWrites()).toEqual({
			lastHour: before.lastHour + 2,
			total: before.total + 2
		});
	});

	it('keeps the last hour only in the hourly count', () => {
		pinClock('2025-03-01T11:00:00+07:00');
		const { total } = anonymousWrites();
		countAnonymousWrite('/api/v1/imports');
		pinClock('2025-03-01T12:30:00+07:00');
		expect(anonymousWrites()).toEqual({ lastHour: 0, total: total + 1 });
	});
});
