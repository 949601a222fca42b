/**
 * The official forms import as they are (issue 17): Biểu số II.06a in both layouts and two
 * provinces' column orders (merged headings, a non-calendar period) and the national portal's
 * monthly statistics as JSON and CSV, each figure checked in the database against values worked
 * out by hand from the fixtures (tests/fixtures/import/make-ii06a.ts); a form whose parts do not
 * add up, or that names no known commune, is refused with its rows; the blank form of an area,
 * filled in, imports without edits (as the CLI and as an editor's upload into drafts). Runs on
 * PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { uploadToDrafts } from '../../src/lib/server/services/workflow-import.ts';
import { blankFormFor } from '../../src/lib/server/services/import/ii06a-form.ts';
import { readXlsxSheet, sheetGrid } from '../../src/lib/server/services/import/readers/xlsx.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { addStoreUsers } from '../support/store-users.ts';
import {
	buildXlsx,
	CURRENT_MONTH,
	importBytes,
	prepareUnits,
	readFixture,
	snapshot,
	storedValue,
	type XCell
} from '../support/import-helpers.ts';

let handle: TestStore;
let store: Store;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
});

afterAll(async () => {
	await handle?.cleanup();
});

const M = [
	'dossiers_received',
	'dossiers_received_online',
	'dossiers_resolved',
	'dossiers_resolved_on_time',
	'dossiers_pending',
	'dossiers_pending_overdue'
] as const;

/** The six stored figures of a unit-month, in M's order (null: not stored). */
const figures = async (code: string, month: string) =>
	Promise.all(M.map((m) => storedValue(store, code, month, m)));

const importFixture = async (name: string) => {
	const result = await importBytes(store, readFixture(name), name);
	if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
	return result;
};

describe('Biểu số II.06a', () => {
	it('imports province A’s order (current layout, merged headings, totals row skipped)', async () => {
		const r = await importFixture('good-ii06a-province-a.xlsx');
		expect(r.inserted).toBe(18);
		expect(r.official).toMatchObject({ kind: 'ii06a', layout: 'current' });
		expect(r.official?.period).toEqual({
			from: '2025-03-01',
			to: '2025-03-31',
			month: '2025-03',
			calendar: true
		});
		// received = online + in person (never the total with the carried-over stock);
		// on time = early + on time.
		expect(await figures('03400', '2025-03')).toEqual([45, 20, 38, 35, 12, 2]);
		expect(await figures('03405', '2025-03')).toEqual([28, 12, 27, 25, 4, 0]);
		expect(await figures('03390', '2025-03')).toEqual([1200, 800, 1200, 1150, 34, 4]);
	});

	it('imports province B’s order with a 15th-to-14th period, filed under the month it ends in', async () => {
		const r = await importFixture('good-ii06a-province-b.xlsx');
		expect(r.inserted).toBe(18);
		expect(r.official?.period).toEqual({
			from: '2025-03-15',
			to: '2025-04-14',
			month: '2025-04',
			calendar: false
		});
		expect(r.official?.note).toContain('15/03/2025 – 14/04/2025, not a calendar month');
		const [batch] = await store.rows<{ note: string }>(
			sql`select note from import_batches order by id desc limit 1`
		);
		expect(batch.note).toBe(r.official?.note);
		expect(await figures('03400', '2025-04')).toEqual([52, 22, 54, 52, 10, 1]);
		expect(await figures('03405', '2025-04')).toEqual([15, 5, 20, 19, 2, 0]);
		expect(await figures('03387', '2025-04')).toEqual([100, 60, 95, 90, 5, 0]);
		// Giang Ma carried 7 over, but March ended with 4 pending: said, not refused. Tả Lèng
		// carried over March's 12 exactly.
		expect(r.notices).toEqual([
			expect.objectContaining({
				line: 10,
				code: 'carried_over_differs',
				message: expect.stringMatching(/carried over 7, but 2025-03 ended with 4 pending/)
			})
		]);
	});

	it('imports the old 12-column layout from CSV (headings in the first cell of their span)', async () => {
		const r = await importFixture('good-ii06a-old-layout.csv');
		expect(r.official?.layout).toBe('old');
		expect(await figures('03400', '2024-11')).toEqual([35, 15, 33, 30, 7, 1]);
		expect(await figures('03387', '2024-11')).toEqual([85, 50, 85, 80, 5, 0]);
	});

	it('refuses a form whose parts do not add up, with the rows and the groups', async () => {
		const before = await snapshot(store);
		const r = await importBytes(store, readFixture('bad-ii06a-arithmetic.xlsx'), 'bad.xlsx');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const arithmetic = r.errors.filter((e) => e.code === 'form_arithmetic');
		expect(arithmetic.map((e) => e.line)).toEqual([9, 10]);
		expect(arithmetic[0].message).toMatch(
			/\(received\): received total 51 ≠ online 20 \+ in person\/post 25 \+ carried over 5 = 50/
		);
		expect(arithmetic[1].message).toMatch(/\(resolved, pending\)/);
		expect(arithmetic[1].message).toMatch(
			/resolved total 27 ≠ early 1 \+ on time 25 \+ late 2 = 28/
		);
		expect(await snapshot(store)).toEqual(before);
	});

	it('refuses unknown and ambiguous names, with the nearest names', async () => {
		const before = await snapshot(store);
		const r = await importBytes(store, readFixture('bad-ii06a-unknown-names.csv'), 'bad.csv');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			expect.objectContaining({
				line: 6,
				code: 'unknown_unit_name',
				message: expect.stringMatching(
					/"Xã Tả Lènh" in tinh lai chau; the nearest names: Xã Tả Lèng/
				)
			}),
			expect.objectContaining({
				line: 7,
				code: 'ambiguous_unit_name',
				message: expect.stringMatching(
					/Thị trấn Mường Tè .*03433.*Xã Mường Tè .*03445|Xã Mường Tè .*03445.*Thị trấn Mường Tè .*03433/
				)
			})
		]);
		expect(await snapshot(store)).toEqual(before);
	});

	it('imports the same form again without changing anything', async () => {
		const r = await importFixture('good-ii06a-province-a.xlsx');
		expect([r.inserted, r.updated, r.unchanged]).toEqual([0, 0, 18]);
	});
});

describe('the portal’s monthly statistics', () => {
	it('imports the JSON record ({data: [...]}, a code as a number)', async () => {
		const r = await importFixture('good-portal-monthly.json');
		expect(r.official?.kind).toBe('portal');
		expect(r.inserted).toBe(10);
		// No online split in the record: dossiers_received_online stays unreported.
		expect(await figures('03400', '2025-05')).toEqual([30, null, 32, 30, 8, 1]);
		expect(await figures('03405', '2025-05')).toEqual([18, null, 17, 16, 3, 0]);
		// 03400 carried April's 10 over; 03405 carried 2 where April ended with 2.
		expect(r.notices).toEqual([]);
	});

	it('imports the CSV record', async () => {
		await importFixture('good-portal-monthly.csv');
		expect(await figures('03387', '2025-06')).toEqual([50, null, 52, 50, 3, 0]);
		expect(await figures('03390', '2025-06')).toEqual([100, null, 120, 110, 14, 2]);
	});

	it('refuses a record whose totals do not add up', async () => {
		const json = JSON.stringify([
			{
				Thang: 6,
				Nam: 2024,
				Madonvi: '03400',
				SoNhanTrongKy: 5,
				SoTonKyTruoc: 0,
				TongDaXuLy: 9,
				TongXuLyDungHan: 4,
				TongXuLyTreHan: 1,
				TongChuaXuLy: 0,
				TongChuaXuLyTrongHan: 0,
				TongChuaXuLyTreHan: 0
			}
		]);
		const r = await importBytes(store, new TextEncoder().encode(json), 'portal.json');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			expect.objectContaining({
				line: 1,
				code: 'form_arithmetic',
				message: expect.stringContaining(
					'resolved: TongDaXuLy 9 ≠ TongXuLyDungHan 4 + TongXuLyTreHan 1 = 5'
				)
			})
		]);
	});
});

describe('the blank form of an area', () => {
	let editor: SessionUser;
	beforeAll(async () => {
		({ editor } = await addStoreUsers(store, [['editor', 'ii06a@u.test', 'editor', '106']]));
	});

	/** The blank form with numbers typed into each unit row (the totals made to add up). */
	async function filled(month: string) {
		const grid = sheetGrid(readXlsxSheet(await blankFormFor(store, '106', month)));
		const rows = grid.rows.map((r) => r.cells as XCell[]);
		const units = grid.rows.filter((r) => r.line > 6);
		units.forEach((r, i) => {
			const [online, person, carried, early, onTime, late, inTime, overdue] = [
				i + 3,
				2,
				1,
				1,
				i + 2,
				1,
				1,
				1
			];
			r.cells.splice(
				2,
				11,
				...[
					online + person + carried,
					online,
					person,
					carried,
					early + onTime + late,
					early,
					onTime,
					late,
					inTime + overdue,
					inTime,
					overdue
				].map(String)
			);
		});
		return {
			units,
			bytes: buildXlsx({
				rows: grid.rows.map((r, k) => ({ r: r.line, cells: rows[k] })),
				mergeCells: ['A5:A6', 'B5:B6', 'C5:F5', 'G5:J5', 'K5:M5']
			})
		};
	}

	it('lists the area’s communes under the period and imports once filled in', async () => {
		const { units, bytes } = await filled('2025-02');
		// Huyện Tam Đường had 13 communes before the 2025 merger.
		expect(units.map((u) => u.cells[1])).toContain('Xã Tả Lèng');
		expect(units.length).toBe(13);
		const r = await importBytes(store, bytes, 'II.06a-106-2025-02.xlsx');
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.inserted).toBe(13 * 6);
		const first = units[0];
		const code = (
			await store.rows<{ code: string }>(
				sql`select code from units where name = ${first.cells[1]} and level = 'commune' and valid_to = '2025-06-30'`
			)
		)[0].code;
		expect(await figures(code, '2025-02')).toEqual([5, 3, 4, 3, 2, 1]);
	});

	it('goes into drafts when an editor uploads it', async () => {
		const { bytes } = await filled('2025-01');
		const r = await uploadToDrafts(store, editor, {
			bytes,
			fileName: 'II.06a.xlsx',
			dryRun: false,
			submit: false,
			confirmJumps: true,
			currentMonth: CURRENT_MONTH
		});
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.drafts).toBe(13);
		const [audit] = await store.rows<{ detail: { form?: { kind: string } } }>(
			sql`select detail from audit_log where action = 'draft_imported' order by id desc limit 1`
		);
		expect(audit.detail.form?.kind).toBe('ii06a');
	});
});
