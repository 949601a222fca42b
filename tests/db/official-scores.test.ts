/**
 * Official Decision 766 scores against a real store (PGlite, or PostgreSQL with DATABASE_URL):
 * the portal's file imports exactly (comma decimals, Vietnamese dates, any column order), every
 * change is audited, a re-import changes nothing, units outside the user's area are refused,
 * and the reconciliation of 2025-Q3 matches the hand-computed fixture:
 *
 * 03388 (formed 2025-07-01 by merger; three months): online 40/100 → 0,8 × 12 = 9,6; on time
 * 95/100 → 19; digitised 60/100 of 80 → 16,5; paid online 20/50 of 80 → 5; satisfied 81/100 of 90
 * → 16,2; published 90/100 → 16,2; total 82,5. The portal says 18 for transparency (+1,8) and
 * 84,3 (+1,8): flagged, cause "merged 2025-07-01".
 * 03390 (July and August only): 12, 30/40 → 15, 22, 10, 18, 25/50 → 9; total 86. The portal says
 * 16,5 on time (+1,5) and 87,5 (+1,5), published 2025-10-15 before our figures were written:
 * flagged, causes "2 of 3 months", "merged 2025-07-01" (it too was formed by the 2025 merger)
 * and "late: 2025-07, 2025-08".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import {
	importOfficialFile,
	importOfficialTable,
	formTable
} from '../../src/lib/server/services/official-import.ts';
import { areaReconciliation } from '../../src/lib/server/queries/reconciliation.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits } from '../support/import-helpers.ts';

let handle: TestStore;
let store: Store;
const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../fixtures/official/${name}`, import.meta.url)));
const approver: SessionUser = {
	id: 7,
	email: 'approver@x.test',
	displayName: 'A',
	role: 'approver',
	unitCode: '12'
};
const outsider: SessionUser = { ...approver, id: 8, email: 'o@x.test', unitCode: '03390' };

async function audits(): Promise<number> {
	const [r] = await store.rows<{ n: number }>(
		sql`select count(*)::int as n from audit_log where action = 'official_score_saved'`
	);
	return r.n;
}

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
	const figures = await importBytes(store, fixture('figures-2025-q3.csv'), 'figures-2025-q3.csv');
	expect(figures.ok).toBe(true);
}, 120_000);

afterAll(async () => {
	await handle?.cleanup();
});

describe('official scores import', () => {
	it('refuses a unit outside the area as a 404, writing nothing', async () => {
		const r = await importOfficialFile(
			store,
			fixture('portal-2025-q3.csv'),
			outsider,
			'portal.csv'
		);
		expect(r).toMatchObject({ ok: false, status: 404 });
		expect(await audits()).toBe(0);
	});

	it('imports the portal file exactly, audited; again, nothing changes', async () => {
		const r = await importOfficialFile(
			store,
			fixture('portal-2025-q3.csv'),
			approver,
			'portal.csv'
		);
		expect(r).toEqual({ ok: true, rows: 2, counts: { inserted: 2, updated: 0, unchanged: 0 } });
		const rows = await store.rows<Record<string, unknown>>(sql`select u.code, s.period,
				s.online_uptake, s.on_time_rate, s.digitization_rate, s.online_payment_rate,
				s.satisfaction_rate, s.transparency_rate, s.total, s.published_on::text as published_on,
				s.source, s.actor
			from official_scores s join units u on u.id = s.unit_id order by u.code`);
		expect(rows).toEqual([
			{
				code: '03388',
				period: '2025-Q3',
				online_uptake: 9.6,
				on_time_rate: 19,
				digitization_rate: 16.5,
				online_payment_rate: 5,
				satisfaction_rate: 16.2,
				transparency_rate: 18,
				total: 84.3,
				published_on: null,
				source: 'import',
				actor: 'approver@x.test'
			},
			{
				code: '03390',
				period: '2025-Q3',
				online_uptake: 12,
				on_time_rate: 16.5,
				digitization_rate: 22,
				online_payment_rate: 10,
				satisfaction_rate: 18,
				transparency_rate: 9,
				total: 87.5,
				published_on: '2025-10-15',
				source: 'import',
				actor: 'approver@x.test'
			}
		]);
		expect(await audits()).toBe(2);
		const again = await importOfficialFile(
			store,
			fixture('portal-2025-q3.csv'),
			approver,
			'portal.csv'
		);
		expect(again).toEqual({ ok: true, rows: 2, counts: { inserted: 0, updated: 0, unchanged: 2 } });
		expect(await audits()).toBe(2);
	});

	it('refuses an unknown commune and a bad score with line and column', async () => {
		const r = await importOfficialTable(
			store,
			formTable({
				Madonvi: '99999',
				Ky: '2025-Q3',
				CungCapDVCTT: '12',
				TienDoGiaiQuyet: '20',
				SoHoa: '22',
				ThanhToanTT: '10',
				MucDoHaiLong: '18',
				CongKhaiMinhBach: '18',
				Tong: '100'
			}),
			approver,
			'form'
		);
		expect(r).toMatchObject({ ok: false, status: 400, errors: [{ line: 1, column: 'Madonvi' }] });
		const bad = await importOfficialTable(
			store,
			formTable({ Madonvi: '03388', Ky: '2025-Q3', CungCapDVCTT: '13', Tong: '50' }),
			approver,
			'form'
		);
		expect(bad).toMatchObject({ ok: false, status: 400, errors: [{ column: 'CungCapDVCTT' }] });
	});
});

describe('reconciliation of 2025-Q3 in province 12', () => {
	it('matches the hand-computed figures, flags and causes', async () => {
		const r = await areaReconciliation(store, { code: '12', period: '2025-Q3' });
		expect(r.official).toBe(2);
		expect(r.flagged).toBe(2);
		const row = (code: string) => r.rows.find((x) => x.unit_code === code)!;
		const lines = (code: string) =>
			row(code).reconciliation.lines.map((l) => [
				l.code,
				l.official,
				l.computed === null ? null : Math.round(l.computed * 1e6) / 1e6,
				l.difference,
				l.flagged
			]);
		expect(lines('03388')).toEqual([
			['online_uptake', 9.6, 9.6, 0, false],
			['on_time_rate', 19, 19, 0, false],
			['digitization_rate', 16.5, 16.5, 0, false],
			['online_payment_rate', 5, 5, 0, false],
			['satisfaction_rate', 16.2, 16.2, 0, false],
			['transparency_rate', 18, 16.2, 1.8, true],
			['total', 84.3, 82.5, 1.8, true]
		]);
		expect(row('03388').reconciliation.causes).toEqual([{ kind: 'merged', date: '2025-07-01' }]);
		expect(lines('03390')).toEqual([
			['online_uptake', 12, 12, 0, false],
			['on_time_rate', 16.5, 15, 1.5, true],
			['digitization_rate', 22, 22, 0, false],
			['online_payment_rate', 10, 10, 0, false],
			['satisfaction_rate', 18, 18, 0, false],
			['transparency_rate', 9, 9, 0, false],
			['total', 87.5, 86, 1.5, true]
		]);
		expect(row('03390').reconciliation.causes).toEqual([
			{ kind: 'missing_months', reported: 2, expected: 3 },
			{ kind: 'merged', date: '2025-07-01' },
			{ kind: 'late_report', months: ['2025-07', '2025-08'] }
		]);
		// Communes without official scores are listed, not flagged.
		expect(r.rows.filter((x) => !x.official).every((x) => !x.reconciliation.flagged)).toBe(true);
	});
});
