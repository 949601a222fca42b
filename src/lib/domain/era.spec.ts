import { describe, expect, it } from 'vitest';
import { eraOf, type Era } from './era.ts';

describe('eraOf', () => {
	const cases: [string | null, string | null, Era][] = [
		[null, '2025-06-30', 'pre-2025'],
		['2020-01-01', '2025-06-30', 'pre-2025'],
		['2025-07-01', null, '2025'],
		['2026-01-01', null, '2025'],
		[null, null, 'both'],
		['2019-01-01', null, 'both'],
		[null, '2025-07-01', 'both']
	];
	it.each(cases)('valid %s – %s → %s', (valid_from, valid_to, era) => {
		expect(eraOf({ valid_from, valid_to })).toBe(era);
	});
});
