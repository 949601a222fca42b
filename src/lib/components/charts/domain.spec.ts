import { describe, expect, it } from 'vitest';
import { valueDomain } from './domain';

describe('valueDomain', () => {
	it.each([
		// rising uptake: from zero, headroom above 81%
		[[4.4, 40, 81.4], { target: 50, ceiling: 100 }, [0, 90]],
		// on-time rates near 100%: a tenth of the range, capped at 100
		[[99.1, 99.8, 100], { target: 100, ceiling: 100 }, [90, 100]],
		// counts without a target
		[[180, 400, 511], {}, [0, 600]],
		// high but spread: the span grows with the spread
		[[75, 85, 95], { ceiling: 100 }, [60, 100]],
		// nothing but zeros
		[[0, 0], {}, [0, 1]],
		// no values, only a target
		[[], { target: 50 }, [45, 50.5]]
	] as const)('%o %o → %o', (values, options, expected) => {
		expect(valueDomain(values, options)).toEqual(expected);
	});
});
