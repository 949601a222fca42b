/**
 * An editor's upload against a real store (PGlite, or PostgreSQL when DATABASE_URL is set): every
 * error of a file comes in one answer (so a fix never uncovers the next kind), sharp rises and
 * drops against the commune's recent median ask for a confirmation, and a file already in the
 * approved figures or in the pending draft changes nothing (no new draft, no new version).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { seedMeasures } from '../../src/lib/server/services/units-seed.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { approveReport } from '../../src/lib/server/services/workflow.ts';
import { uploadToDrafts, type UploadInput } from '../../src/lib/server/services/workflow-import.ts';
import { draftToken, latestDraft, type DraftRow } from '../../src/lib/server/queries/drafts.ts';
import { applyFigures } from '../../src/lib/server/queries/observations.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { addStoreUsers } from '../support/store-users.ts';

let handle: TestStore;
let store: Store;
let unitId: number;
const users: Record<'editor' | 'approver', SessionUser> = {} as never;
const CURRENT = '2026-11';

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');

function upload(bytes: Uint8Array, options: Partial<UploadInput> = {}) {
	return uploadToDrafts(store, users.editor, {
		bytes,
		fileName: 'bao-cao.csv',
		dryRun: false,
		submit: false,
		confirmJumps: false,
		currentMonth: CURRENT,
		...options
	});
}

/** The approver approves the report as it was when `draft` was read. */
const approve = (month: string, draft: DraftRow) =>
	approveReport(store, users.approver, {
		unit: { id: unitId, code: '03388', name: '', level: 'commune', validFrom: null, validTo: null },
		month,
		token: draftToken(draft),
		currentMonth: CURRENT
	});

const draftCount = async () => {
	const [row] = await store.rows<{ n: number }>(sql`select count(*)::int as n from drafts`);
	return Number(row.n);
};

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await migrateStore(store);
	await seedStore(store, { boundaries: null });
	await store.transaction((tx) => seedMeasures(tx));
	Object.assign(
		users,
		await addStoreUsers(store, [
			['editor', 'editor@u.test', 'editor', '03388'],
			['approver', 'approver@u.test', 'approver', '12']
		])
	);
	const [unit] = await store.rows<{ id: number }>(
		sql`select id from units where code = '03388' and valid_to is null`
	);
	unitId = Number(unit.id);
});

afterAll(async () => {
	await handle?.cleanup();
});

describe('every error in one answer', () => {
	it('lists one error of each kind, each with its line and column', async () => {
		const before = await draftCount();
		const result = await upload(
			encode([
				'unit_code,period,dossiers_received,dossiers_received_online,computers,xyz',
				'03388,2026-01,10,20,1,', // online > received
				'99999,2026-01,1,1,1,', // unknown unit
				'03390,2026-01,1,1,1,', // outside the editor's area
				'03388,2031-01,1,1,1,', // future month
				'03388,2026-02,abc,1,1,', // not a number
				'03388,2026-03,1,1', // ragged row
				'03388,2026-04,1,1,-3,', // negative
				'03388,2031-02,x,1,1,' // future month and not a number on one line
			])
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.status).toBe(404); // a row outside the area: not there for this editor, logged
		expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual([
			[1, 'xyz', 'unknown_column'],
			[2, 'dossiers_received_online', 'part_exceeds_whole'],
			[3, 'unit_code', 'unknown_unit'],
			[4, 'unit_code', 'out_of_scope'],
			[5, 'period', 'future_period'],
			[6, 'dossiers_received', 'not_a_number'],
			[7, null, 'ragged_row'],
			[8, 'computers', 'negative'],
			[9, 'dossiers_received', 'not_a_number'],
			[9, 'period', 'future_period']
		]);
		expect(await draftCount()).toBe(before);
	});

	it('a file whose only problem is a row outside the area is still a 404', async () => {
		const result = await upload(
			encode(['unit_code,period,computers', '03388,2026-01,1', '03390,2026-01,1'])
		);
		expect(result).toEqual({
			ok: false,
			status: 404,
			errors: [expect.objectContaining({ line: 3, column: 'unit_code', code: 'out_of_scope' })]
		});
	});
});

describe('sharp rises and drops ask for a confirmation', () => {
	beforeAll(async () => {
		// Twelve approved months of 100 dossiers: the median is 100.
		const history = Array.from({ length: 12 }, (_, i) => ({
			unitId,
			month: i < 6 ? `2025-${String(i + 7).padStart(2, '0')}` : `2026-0${i - 5}`,
			measure: 'dossiers_received',
			value: 100
		}));
		await store.transaction((tx) =>
			applyFigures(tx, history, {
				source: 'demo',
				fileName: null,
				sha256: null,
				userId: null,
				actor: 'test'
			})
		);
	});

	for (const [kind, value, month] of [
		['sharp_drop', '20', '2026-07'],
		['sharp_rise', '400', '2026-08']
	] as const)
		it(`${kind}: previewed as a warning, refused unconfirmed, written once confirmed`, async () => {
			const bytes = encode(['unit_code,period,dossiers_received', `03388,${month},${value}`]);
			const preview = await upload(bytes, { dryRun: true });
			expect(preview).toMatchObject({
				ok: true,
				warnings: [{ line: 2, column: 'dossiers_received', code: kind }]
			});
			const refused = await upload(bytes);
			expect(refused).toMatchObject({
				ok: false,
				status: 422,
				errors: [{ line: 2, column: 'dossiers_received', code: kind }]
			});
			expect(await latestDraft(store, unitId, month)).toBeNull();
			const confirmed = await upload(bytes, { confirmJumps: true });
			expect(confirmed).toMatchObject({ ok: true, drafts: 1 });
			const [audit] = await store.rows<{ detail: { confirmed_jumps: string[] } }>(
				sql`select detail from audit_log where action = 'draft_imported' order by id desc limit 1`
			);
			expect(audit.detail.confirmed_jumps).toEqual(['dossiers_received']);
		});

	it('a value within three times the median passes without a word', async () => {
		const result = await upload(encode(['unit_code,period,dossiers_received', '03388,2026-09,60']));
		expect(result).toMatchObject({ ok: true, drafts: 1, warnings: [] });
	});
});

describe('an identical file changes nothing', () => {
	const file = (month: string) => encode(['unit_code,period,computers', `03388,${month},7`]);

	it('re-uploading an approved, unchanged file opens no new report', async () => {
		const month = '2026-10';
		expect(await upload(file(month), { submit: true })).toMatchObject({ ok: true, drafts: 1 });
		const draft = (await latestDraft(store, unitId, month))!;
		await approve(month, draft);
		const before = await draftCount();
		for (const submit of [false, true]) {
			const again = await upload(file(month), { submit });
			expect(again).toMatchObject({ ok: true, drafts: 0, reportsUnchanged: 1 });
		}
		expect(await draftCount()).toBe(before);
		expect((await latestDraft(store, unitId, month))!).toMatchObject({
			id: draft.id,
			status: 'approved'
		});
	});

	it('re-uploading the pending draft’s file keeps its version (the approver’s page stays valid)', async () => {
		const month = '2026-11';
		expect(await upload(file(month), { submit: true })).toMatchObject({ ok: true, drafts: 1 });
		const pending = (await latestDraft(store, unitId, month))!;
		for (const submit of [true, false]) {
			const again = await upload(file(month), { submit });
			expect(again).toMatchObject({ ok: true, drafts: 0, reportsUnchanged: 1 });
		}
		const after = (await latestDraft(store, unitId, month))!;
		expect(after).toMatchObject({ id: pending.id, version: pending.version, status: 'submitted' });
		// The approver's page, opened before the re-uploads, still approves.
		const counts = await approve(month, pending);
		expect(counts).toMatchObject({ inserted: 1 });
	});

	it('an unsubmitted draft keeps its version too, but submitting it is a change', async () => {
		const month = '2026-06';
		await upload(file(month));
		const draft = (await latestDraft(store, unitId, month))!;
		expect(await upload(file(month))).toMatchObject({ ok: true, drafts: 0, reportsUnchanged: 1 });
		expect((await latestDraft(store, unitId, month))!.version).toBe(draft.version);
		expect(await upload(file(month), { submit: true })).toMatchObject({ ok: true, drafts: 1 });
		expect((await latestDraft(store, unitId, month))!).toMatchObject({
			version: draft.version + 1,
			status: 'submitted'
		});
	});
});
