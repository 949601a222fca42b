/**
 * Issue 3: three communes merged into one. The merged unit's series before the merger is the
 * month-by-month sum of its predecessors' raw counts, and `as_of` maps give the same numbers.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedMeasures, seedUnits } from '../../src/lib/server/services/units-seed.ts';
import { importFile } from '../../src/lib/server/services/import/index.ts';
import { seriesFor } from '../../src/lib/server/queries/series.ts';
import { seriesOfMany } from '../../src/lib/server/queries/series-many.ts';
import { valuesFor } from '../../src/lib/server/queries/values.ts';
import { QueryError } from '../../src/lib/server/queries/errors.ts';

const fixture = resolve('tests/fixtures/merge');
let t: TestStore;

/** Received and online per commune and month, chosen so that every sum is distinct. */
const A = { received: [10, 20, 30], online: [1, 2, 3] };
const B = { received: [100, 200, 300], online: [50, 60, 70] };
const C = { received: [1000, 2000, 3000], online: [7, 8, 9] };
const months = ['2025-04', '2025-05', '2025-06'];
const M = { received: [4000, 5000], online: [400, 600] }; // 2025-07, 2025-08

function csv(): string {
	const lines = ['unit_code,period,dossiers_received,dossiers_received_online'];
	for (const [code, s] of [
		['90001', A],
		['90002', B],
		['90003', C]
	] as const)
		months.forEach((m, k) => lines.push(`${code},${m},${s.received[k]},${s.online[k]}`));
	// C did not report May: blank is not zero.
	lines[lines.length - 2] = '90003,2025-05,,';
	['2025-07', '2025-08'].forEach((m, k) =>
		lines.push(`90001,${m},${M.received[k]},${M.online[k]}`)
	);
	return lines.join('\n') + '\n';
}

beforeAll(async () => {
	t = await createTestStore();
	await migrateStore(t.store);
	await t.store.transaction(async (tx) => {
		await seedMeasures(tx);
		await seedUnits(tx, {
			units: resolve(fixture, 'units.csv'),
			lineage: resolve(fixture, 'lineage.csv')
		});
	});
	const result = await importFile(t.store, {
		bytes: new TextEncoder().encode(csv()),
		fileName: 'merge.csv',
		actor: 'test',
		userId: null,
		currentMonth: '2025-10'
	});
	expect(result).toMatchObject({ ok: true, inserted: 11 * 2 - 2 });
});

afterAll(async () => {
	await t?.cleanup();
});

describe('a merged commune', () => {
	it('sums its predecessors month by month before the merger (harmonised)', async () => {
		const s = await seriesFor(t.store, {
			indicator: 'dossier_volume',
			unit: '90001',
			at: '2025-09-01',
			from: '2025-04',
			to: '2025-08',
			lastMonth: '2025-09'
		});
		expect(s.unit.name).toBe('Xã M');
		expect(s.rows.map((r) => [r.period, r.value, r.harmonised])).toEqual([
			['2025-04', 10 + 100 + 1000, true],
			['2025-05', 20 + 200, true],
			['2025-06', 30 + 300 + 3000, true],
			['2025-07', 4000, false],
			['2025-08', 5000, false]
		]);
		expect(s.predecessors.map((p) => p.name).sort()).toEqual(['Xã A', 'Xã B', 'Xã C']);
	});

	it('computes a rate as the ratio of the summed counts, never an average of rates', async () => {
		const s = await seriesFor(t.store, {
			indicator: 'online_uptake',
			unit: '90001',
			at: '2025-09-01',
			from: '2025-Q2',
			to: '2025-Q2',
			grain: 'quarter',
			lastMonth: '2025-09'
		});
		const num = 1 + 2 + 3 + 50 + 60 + 70 + 7 + 9;
		const den = 10 + 20 + 30 + 100 + 200 + 300 + 1000 + 3000;
		expect(s.rows).toHaveLength(1);
		expect(s.rows[0].numerator).toBe(num);
		expect(s.rows[0].denominator).toBe(den);
		expect(s.rows[0].value).toBeCloseTo((num / den) * 100, 10);
	});

	it('gives the same numbers on a map of an old period drawn on today’s units (as_of)', async () => {
		for (const period of months) {
			const v = await valuesFor(t.store, {
				indicator: 'dossier_volume',
				period,
				level: 'commune',
				asOf: '2025-07-01'
			});
			expect(v.rows.map((r) => r.unit_code).sort()).toEqual(['90001', '90004']);
			const m = v.rows.find((r) => r.unit_code === '90001')!;
			const k = months.indexOf(period);
			const expected = A.received[k] + B.received[k] + (k === 1 ? 0 : C.received[k]);
			expect(m.value).toBe(expected);
			expect(m.harmonised).toBe(true);
			expect(m.months_expected).toBe(3);
			expect(m.months_reported).toBe(k === 1 ? 2 : 3);
		}
	});

	it('ends an abolished commune’s series at its last month and names its successor', async () => {
		const s = await seriesFor(t.store, {
			indicator: 'dossier_volume',
			unit: '90002',
			from: '2025-04',
			to: '2025-08',
			lastMonth: '2025-09'
		});
		expect(s.unit.valid_to).toBe('2025-06-30');
		expect(s.rows.map((r) => r.period)).toEqual(months);
		expect(s.successors.map((u) => u.name)).toEqual(['Xã M']);
	});

	it('lists the old units of the period without as_of, and the district as their sum', async () => {
		const v = await valuesFor(t.store, {
			indicator: 'dossier_volume',
			period: '2025-Q2',
			level: 'district'
		});
		expect(v.rows).toHaveLength(1);
		expect(v.rows[0].value).toBe(10 + 20 + 30 + 100 + 200 + 300 + 1000 + 3000);
		expect(v.rows[0].harmonised).toBe(false);
	});

	it('refuses an as_of before any data, and districts after their abolition', async () => {
		await expect(
			valuesFor(t.store, {
				indicator: 'dossier_volume',
				period: '2025-04',
				level: 'commune',
				asOf: '2020-01-01'
			})
		).rejects.toThrow(QueryError);
		await expect(
			valuesFor(t.store, { indicator: 'dossier_volume', period: '2025-Q3', level: 'district' })
		).rejects.toThrow(/abolished/);
	});
});

describe('several series at once (the compare page)', () => {
	it.each(['month', 'quarter', 'year'] as const)(
		'gives seriesFor’s figures and lineage for every unit and indicator (grain %s)',
		async (grain) => {
			// Today's merged unit, an ended one, the province and the abolished district: three windows.
			const units = ['90001', '90002', '90', '901', '90004'];
			const indicators = ['dossier_volume', 'online_uptake', 'service_index'];
			const many = await seriesOfMany(t.store, {
				indicators,
				units,
				grain,
				at: '2025-09-01',
				lastMonth: '2025-09'
			});
			expect(many.map((m) => m.indicator)).toEqual(indicators);
			let values = 0;
			for (const { indicator, series } of many) {
				expect(series.map((s) => s.unit.code)).toEqual(units);
				for (const [k, unit] of units.entries()) {
					const {
						target: _target,
						trend: _trend,
						...one
					} = await seriesFor(t.store, {
						indicator,
						unit,
						grain,
						at: '2025-09-01',
						lastMonth: '2025-09'
					});
					expect(series[k], `${indicator} ${unit}`).toEqual(one);
					values += one.rows.filter((r) => r.value !== null).length;
				}
			}
			expect(values).toBeGreaterThan(10);
		}
	);

	it('answers 404 for an unknown code, as seriesFor does', async () => {
		await expect(
			seriesOfMany(t.store, {
				indicators: ['dossier_volume'],
				units: ['90001', '99999'],
				grain: 'month',
				at: '2025-09-01',
				lastMonth: '2025-09'
			})
		).rejects.toThrow(/Unknown unit code "99999"/);
	});
});
