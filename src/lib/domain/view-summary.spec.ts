import { describe, expect, it } from 'vitest';
import { findIndicator } from './indicators.ts';
import { viewFacts, type SummaryFigure, type ViewFacts } from './view-summary.ts';

const onTime = findIndicator('on_time_rate')!; // %, higher is better, threshold 100
const backlog = findIndicator('overdue_backlog')!; // count, lower is better, no threshold
const volume = findIndicator('dossier_volume')!; // count, no direction
const service = findIndicator('service_index')!; // composite, bands

const fig = (values: (number | null)[]): SummaryFigure[] =>
	values.map((value, i) => ({ unit_code: `u${i}`, value }));
const names = new Map(Array.from({ length: 10 }, (_, i) => [`u${i}`, `Xã ${i}`]));
/** An end of the view (first or last): its value and the units named there. */
const end = (value: number, ...names: string[]) => ({ names, value });

describe('viewFacts', () => {
	const cases: [
		string,
		Parameters<typeof viewFacts>[0],
		Parameters<typeof viewFacts>[1],
		ViewFacts
	][] = [
		['no figures at all', fig([null, null]), onTime, { kind: 'none', total: 2 }],
		['an empty view', [], onTime, { kind: 'none', total: 0 }],
		['one unit (a province map)', fig([97.5]), onTime, { kind: 'one', name: 'Xã 0', value: 97.5 }],
		[
			'threshold: reaching counts value ≥ threshold, no data is counted apart',
			fig([100, 99.9, null, 100, 80]),
			onTime,
			{
				kind: 'threshold',
				threshold: 100,
				reaching: 2,
				withData: 4,
				total: 5,
				first: end(100, 'Xã 0', 'Xã 3'),
				last: end(80, 'Xã 4')
			}
		],
		[
			'lower is better: the smallest ranks first',
			fig([5, 0, 12]),
			backlog,
			{ kind: 'range', withData: 3, total: 3, first: end(0, 'Xã 1'), last: end(12, 'Xã 2') }
		],
		[
			'no direction: highest first',
			fig([10, 30, 20]),
			volume,
			{ kind: 'range', withData: 3, total: 3, first: end(30, 'Xã 1'), last: end(10, 'Xã 0') }
		],
		[
			'composite: units per band, best first',
			fig([85, 80, 70, 55, 20, null]),
			service,
			{
				kind: 'bands',
				bands: [
					{ band: 'good', count: 2 },
					{ band: 'fair', count: 1 },
					{ band: 'average', count: 1 },
					{ band: 'weak', count: 1 }
				],
				withData: 5,
				total: 6,
				first: end(85, 'Xã 0'),
				last: end(20, 'Xã 4')
			}
		],
		[
			'all tied: first named once, no last',
			fig([100, 100]),
			onTime,
			{
				kind: 'threshold',
				threshold: 100,
				reaching: 2,
				withData: 2,
				total: 2,
				first: end(100, 'Xã 0', 'Xã 1'),
				last: null
			}
		],
		[
			'more than three tied at an end: not named',
			fig([1, 1, 1, 1, 2]),
			volume,
			{ kind: 'range', withData: 5, total: 5, first: end(2, 'Xã 4'), last: null }
		]
	];
	it.each(cases)('%s', (_, figures, indicator, expected) => {
		expect(viewFacts(figures, indicator, names)).toEqual(expected);
	});

	it('does not name a unit whose name is unknown (a cut table)', () => {
		const facts = viewFacts(fig([3, 9]), volume, new Map([['u0', 'Xã 0']]));
		expect(facts).toMatchObject({ first: null, last: end(3, 'Xã 0') });
	});
});
