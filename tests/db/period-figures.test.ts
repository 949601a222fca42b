/**
 * periodFigures (one statement for many periods) against the path it replaced on the area
 * overview: one `aggregate` per period (the tiles' period, previous period and year before; the
 * alerts' four periods on the units of `asOf`) and one month-bucketed `aggregate` over twelve
 * months (the sparkline). Same rows, same figures, on the demo data: a province and a district,
 * periods of every grain, before, across and after the reorganisation of 2025-07-01.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/lib/server/db/index.ts';
import { prepareStore } from '../../src/lib/server/services/setup.ts';
import { aggregate, type AggregateRow } from '../../src/lib/server/queries/aggregate.ts';
import { periodFigures } from '../../src/lib/server/queries/period-figures.ts';
import { resolveArea } from '../../src/lib/server/queries/area.ts';
import { inputsOf } from '../../src/lib/server/queries/values.ts';
import { findIndicator } from '../../src/lib/domain/indicators.ts';
import { KPI_INDICATORS } from '../../src/lib/domain/kpis.ts';
import {
	addMonths,
	firstDay,
	lastDay,
	parsePeriod,
	type Period
} from '../../src/lib/domain/periods.ts';
import {
	periodsEndingWith,
	previousPeriod,
	samePeriodLastYear
} from '../../src/lib/domain/period-shift.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

let handle: TestStore;
let store: Store;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareStore(store, { demo: true });
});

afterAll(async () => {
	await handle?.cleanup();
});

const inputs = (codes: string[]) => [
	...new Map(codes.flatMap((c) => inputsOf(findIndicator(c)!)).map((i) => [i.code, i])).values()
];
const KPI_INPUTS = inputs([...KPI_INDICATORS]);
const ALERT_INPUTS = inputs(['service_index', 'on_time_rate', 'overdue_backlog']);

/** A row's figures, rounded to 9 significant digits (sums of shares may differ in the last bit). */
function plain(row: AggregateRow) {
	const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(9)));
	return {
		...row,
		byIndicator: Object.fromEntries(
			[...row.byIndicator].map(([code, a]) => [
				code,
				{
					...a,
					numerator: round(a.numerator),
					denominator: round(a.denominator),
					value: round(a.value)
				}
			])
		)
	};
}
const rows = (list: AggregateRow[]) =>
	list
		.map(plain)
		.sort((a, b) => `${a.code} ${a.validFrom}`.localeCompare(`${b.code} ${b.validFrom}`));
const span = (p: Period) => ({
	start: p.start,
	end: p.end,
	startDay: firstDay(p.start),
	endDay: lastDay(p.end)
});

const CASES = [
	['12', '2024'],
	['12', '2025-H1'],
	['12', '2025-9M'],
	['12', '2025'],
	['12', '2025-Q3'],
	['12', '2025-11'],
	['110', '2024-H2'],
	['110', '2025-Q2'],
	['110', '2023-05']
] as const;

describe.each(CASES)('area %s, %s', (code, periodCode) => {
	const period = parsePeriod(periodCode)!;

	it('tiles: the period, the previous one and the year before as one aggregate each gives them', async () => {
		const area = await resolveArea(store, code, period);
		const periods = [period, previousPeriod(period), samePeriodLastYear(period)].map((p) =>
			typeof p === 'string' ? parsePeriod(p)! : p
		);
		const spec = { indicators: KPI_INPUTS, level: area.level, targetIds: [area.id] };
		const together = await periodFigures(store, { ...spec, spans: periods });
		for (const [k, p] of periods.entries()) {
			const alone = await aggregate(store, { ...spec, ...span(p) });
			expect(rows(together[k]), p.code).toEqual(rows(alone));
		}
	});

	it('tiles: each sparkline month as the month-bucketed aggregate of twelve months gives it', async () => {
		const area = await resolveArea(store, code, period);
		const months = Array.from({ length: 12 }, (_, k) => addMonths(period.end, k - 11));
		const spec = { indicators: KPI_INPUTS, level: area.level, targetIds: [area.id] };
		const together = await periodFigures(store, {
			...spec,
			spans: months.map((m) => ({ start: m, end: m }))
		});
		const twelve = { ...period, start: months[0] };
		const bucketed = await aggregate(store, { ...spec, ...span(twelve), bucket: 'month' });
		let withData = 0;
		for (const [k, month] of months.entries()) {
			const old = bucketed.find((r) => r.bucket === month);
			const values = (list: AggregateRow[]) =>
				Object.fromEntries(
					KPI_INPUTS.map((i) => [i.code, list[0]?.byIndicator.get(i.code)?.value ?? null])
				);
			const mine = values(together[k]);
			if (old) withData++;
			expect(mine, month).toEqual(
				old ? values([old]) : Object.fromEntries(KPI_INPUTS.map((i) => [i.code, null]))
			);
		}
		expect(withData).toBeGreaterThan(0);
	});

	it('alerts: the four periods on the communes of asOf as one aggregate each gives them', async () => {
		const area = await resolveArea(store, code, period);
		const asOf =
			area.valid_to && area.valid_to < lastDay(period.end) ? area.valid_to : lastDay(period.end);
		const periods = periodsEndingWith(period, 4);
		const spec = {
			indicators: ALERT_INPUTS,
			level: 'commune' as const,
			asOf,
			parentIds: [area.id]
		};
		const together = await periodFigures(store, { ...spec, spans: periods });
		for (const [k, p] of periods.entries()) {
			const alone = await aggregate(store, { ...spec, ...span(p) });
			expect(alone.length).toBeGreaterThan(0);
			expect(rows(together[k]), p.code).toEqual(rows(alone));
		}
	});
});
