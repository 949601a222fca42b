/**
 * A preview (dry run) of an import writes nothing and takes no lock, so approvals never wait for
 * it (issue 13): before, a preview wrote under the figures' advisory lock and rolled back, and
 * every web upload (checked by a preview first) held up every approval meanwhile.
 *
 * - Both stores: a 5,000-row preview started together with two approvals: all three finish, the
 *   approvals' figures are there, and the preview left no batch, audit row or figure behind.
 * - PostgreSQL: while another session holds the figures lock (as an approval does while it
 *   writes), the preview still finishes: it does not queue behind writers, so writers never
 *   queue behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Store } from '../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import { approveReport, saveReport } from '../../src/lib/server/services/workflow.ts';
import { reportUnit } from '../../src/lib/server/services/workflow-unit.ts';
import { draftToken, latestDraft } from '../../src/lib/server/queries/drafts.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits, snapshot, CURRENT_MONTH } from '../support/import-helpers.ts';
import { addStoreUsers } from '../support/store-users.ts';

let handle: TestStore;
let store: Store;
let users: Record<'editorA' | 'editorB' | 'approver', SessionUser>;
let preview: Uint8Array;
const ROWS = 5000;
/** The figures lock of apply.ts (pg_advisory_xact_lock's key). */
const FIGURES_LOCK = 7_246_001;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
	users = await addStoreUsers(store, [
		['editorA', 'a@preview.test', 'editor', '03388'],
		['editorB', 'b@preview.test', 'editor', '03390'],
		['approver', 'approver@preview.test', 'approver', '12']
	]);
	// 5,000 distinct commune-months: the communes of 2020–2024, month after month.
	const communes = await store.rows<{ code: string }>(sql`select code from units
		where level = 'commune' and (valid_from is null or valid_from <= '2020-01-01')
			and (valid_to is null or valid_to >= '2024-12-31')
		order by code`);
	const codes = communes.map((c) => c.code).filter((c) => /^\d{5}$/.test(c));
	const months = Array.from(
		{ length: 60 },
		(_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
	);
	expect(codes.length * months.length).toBeGreaterThanOrEqual(ROWS);
	const lines = ['unit_code,period,dossiers_received,dossiers_received_online'];
	for (let i = 0; i < ROWS; i++) {
		const code = codes[i % codes.length];
		const month = months[Math.floor(i / codes.length)];
		lines.push(`${code},${month},${100 + (i % 50)},${40 + (i % 30)}`);
	}
	preview = new TextEncoder().encode(lines.join('\n') + '\n');
});

afterAll(async () => {
	await handle?.cleanup();
});

/** Saves and submits a report of `code` for `month` as `editor`, ready for approval. */
async function submitted(editor: SessionUser, code: string, month: string, received: number) {
	const found = await reportUnit(store, code, month);
	if (!found.ok) throw new Error(found.message);
	const saved = await saveReport(store, editor, {
		unit: found.unit,
		month,
		raw: { dossiers_received: String(received), dossiers_received_online: '10' },
		token: draftToken(await latestDraft(store, found.unit.id, month)),
		submit: true,
		confirmJumps: true,
		currentMonth: CURRENT_MONTH
	});
	expect(saved.ok).toBe(true);
	return async () =>
		approveReport(store, users.approver, {
			unit: found.unit,
			month,
			token: draftToken(await latestDraft(store, found.unit.id, month)),
			currentMonth: CURRENT_MONTH
		});
}

describe('a preview next to approvals', () => {
	it('runs beside two approvals and writes nothing', async () => {
		const approveA = await submitted(users.editorA, '03388', '2026-01', 120);
		const approveB = await submitted(users.editorB, '03390', '2026-01', 130);
		const before = await snapshot(store);
		const [result, a, b] = await Promise.all([
			importBytes(store, preview, 'preview.csv', { dryRun: true }),
			approveA(),
			approveB()
		]);
		expect(result).toMatchObject({ ok: true, dryRun: true, batchId: null, inserted: ROWS * 2 });
		expect(a.inserted).toBe(2);
		expect(b.inserted).toBe(2);
		const after = await snapshot(store);
		// Exactly the two approvals' figures, batches and audit rows: nothing of the preview.
		expect(after.observations).toBe(before.observations + 4);
		expect(after.import_batches).toBe(before.import_batches + 2);
		const previewTraces = await store.rows(
			sql`select id from import_batches where file_name = 'preview.csv'`
		);
		expect(previewTraces).toEqual([]);
	});

	it('counts what it would change against the stored figures', async () => {
		await importBytes(store, preview, 'real.csv');
		const again = await importBytes(store, preview, 'preview.csv', { dryRun: true });
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: ROWS * 2 });
	});

	it.skipIf(!process.env.DATABASE_URL)(
		'finishes while a writer holds the figures lock (PostgreSQL)',
		async () => {
			const url = new URL(process.env.DATABASE_URL!);
			const [{ db }] = await store.rows<{ db: string }>(sql`select current_database() as db`);
			url.pathname = `/${db}`;
			const writer = postgres(url.toString(), { max: 1, onnotice: () => {} });
			let release!: () => void;
			const released = new Promise<void>((done) => (release = done));
			let locked!: () => void;
			const holding = new Promise<void>((done) => (locked = done));
			const held = writer.begin(async (tx) => {
				await tx`select pg_advisory_xact_lock(${FIGURES_LOCK})`;
				locked();
				await released;
			});
			try {
				await holding;
				const outcome = await Promise.race([
					importBytes(store, preview, 'preview.csv', { dryRun: true }),
					new Promise<'waited'>((done) => setTimeout(() => done('waited'), 20_000))
				]);
				expect(outcome).not.toBe('waited');
				expect(outcome).toMatchObject({ ok: true, dryRun: true });
			} finally {
				release();
				await held;
				await writer.end({ timeout: 5 });
			}
		},
		60_000
	);
});
