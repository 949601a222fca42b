import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '$lib/domain/indicators';
import { indicatorGroups } from './indicator-groups';

describe('indicatorGroups', () => {
	it('lists every catalogue indicator exactly once', () => {
		const codes = indicatorGroups().flatMap((g) => g.indicators.map((i) => i.code));
		expect([...codes].sort()).toEqual([...INDICATOR_CODES].sort());
	});
});
