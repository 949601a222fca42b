import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from './periods';
import { periodsEndingWith, previousPeriod, samePeriodLastYear } from './period-shift';

const p = (code: string) => parsePeriod(code)!;

// Each shift with period codes and the code it gives for each.
describe.each<[string, (period: Period) => string, [string, string][]]>([
	[
		'previousPeriod',
		previousPeriod,
		[
			['2025-01', '2024-12'],
			['2025-07', '2025-06'],
			['2025-Q1', '2024-Q4'],
			['2025-Q3', '2025-Q2'],
			['2025-H1', '2024-H2'],
			['2025-H2', '2025-H1'],
			['2025', '2024'],
			['2025-9M', '2024-9M']
		]
	],
	[
		'samePeriodLastYear',
		samePeriodLastYear,
		[
			['2025-03', '2024-03'],
			['2025-Q2', '2024-Q2'],
			['2025-H2', '2024-H2'],
			['2025-9M', '2024-9M'],
			['2025', '2024']
		]
	]
])('%s', (_, shift, cases) => {
	it.each(cases)('%s → %s', (code, expected) => expect(shift(p(code))).toBe(expected));
});

describe('periodsEndingWith', () => {
	it('lists consecutive periods, oldest first', () => {
		expect(periodsEndingWith(p('2025-Q1'), 4).map((x) => x.code)).toEqual([
			'2024-Q2',
			'2024-Q3',
			'2024-Q4',
			'2025-Q1'
		]);
		expect(periodsEndingWith(p('2025-02'), 3).map((x) => x.code)).toEqual([
			'2024-12',
			'2025-01',
			'2025-02'
		]);
	});
});
