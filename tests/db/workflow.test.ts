/**
 * The report workflow against a real store (PGlite, or PostgreSQL when DATABASE_URL is set):
 * drafts stay out of the public figures until approval, approval writes observations, facts and
 * audit in one go, a return carries its comment, a stale save is refused, jumps need confirming,
 * uploads land in drafts of the editor's own area only, and nobody approves a report they wrote
 * any figure of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { seedMeasures } from '../../src/lib/server/services/units-seed.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';
import {
	WorkflowError,
	approveReport,
	discardReport,
	returnReport,
	saveReport,
	type SaveInput
} from '../../src/lib/server/services/workflow.ts';
import { uploadToDrafts } from '../../src/lib/server/services/workflow-import.ts';
import { reportUnit } from '../../src/lib/server/services/workflow-unit.ts';
import { draftToken, latestDraft, draftValues } from '../../src/lib/server/queries/drafts.ts';
import { figureHistory, batchFigures } from '../../src/lib/server/queries/audit.ts';
import { applyFigures } from '../../src/lib/server/queries/observations.ts';
import type { UnitSpan } from '../../src/lib/server/services/import/validate.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importFile } from '../../src/lib/server/services/import/index.ts';
import { pinClock } from '../../src/lib/domain/clock.ts';
import { addStoreUsers } from '../support/store-users.ts';

let handle: TestStore;
let store: Store;
let unit: UnitSpan;
const users: Record<'editor' | 'editor2' | 'approver' | 'approver2' | 'other', SessionUser> =
	{} as never;
const CURRENT = '2026-11';

async function count(query: ReturnType<typeof sql>): Promise<number> {
	const [row] = await store.rows<{ n: number }>(query);
	return Number(row.n);
}

const observationsOf = (month: string) =>
	count(sql`select count(*)::int as n from observations
		where unit_id = ${unit.id} and month = ${`${month}-01`}::date`);

async function token(month: string): Promise<string> {
	return draftToken(await latestDraft(store, unit.id, month));
}

function save(
	user: SessionUser,
	month: string,
	raw: SaveInput['raw'],
	options: Partial<Pick<SaveInput, 'token' | 'submit' | 'confirmJumps'>> = {}
) {
	return (async () =>
		saveReport(store, user, {
			unit,
			month,
			raw,
			token: options.token ?? (await token(month)),
			submit: options.submit ?? false,
			confirmJumps: options.confirmJumps ?? false,
			currentMonth: CURRENT
		}))();
}

async function refusal(promise: Promise<unknown>): Promise<WorkflowError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof WorkflowError) return error;
		throw error;
	}
	throw new Error('expected a WorkflowError');
}

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await migrateStore(store);
	await seedStore(store, { boundaries: null });
	await store.transaction((tx) => seedMeasures(tx));
	Object.assign(
		users,
		await addStoreUsers(store, [
			['editor', 'editor@w.test', 'editor', '03388'],
			['editor2', 'editor2@w.test', 'editor', '03388'],
			['approver', 'approver@w.test', 'approver', '12'],
			['approver2', 'approver2@w.test', 'approver', '12'],
			['other', 'other@w.test', 'editor', '03390']
		])
	);
	const found = await reportUnit(store, '03388', '2026-01');
	if (!found.ok) throw new Error(found.message);
	unit = found.unit;
});

afterAll(async () => {
	await handle?.cleanup();
});

describe('draft → submitted → approved', () => {
	const month = '2026-01';

	it('keeps drafts and submissions out of the public figures', async () => {
		const saved = await save(users.editor, month, {
			dossiers_received: '100',
			dossiers_received_online: '40'
		});
		expect(saved).toMatchObject({ ok: true, status: 'draft', version: 1 });
		const submitted = await save(
			users.editor,
			month,
			{ dossiers_received: '100', dossiers_received_online: '45' },
			{ submit: true }
		);
		expect(submitted).toMatchObject({ ok: true, status: 'submitted', version: 2 });
		expect(await observationsOf(month)).toBe(0);
		const draft = (await latestDraft(store, unit.id, month))!;
		expect(draft.status).toBe('submitted');
		expect(draft.submittedBy).toBe(users.editor.id);
		expect(Object.fromEntries(await draftValues(store, draft.id))).toEqual({
			dossiers_received: 100,
			dossiers_received_online: 45
		});
	});

	it('refuses edits while submitted, and approval by the submitter', async () => {
		const edit = await refusal(save(users.editor2, month, { dossiers_received: '101' }));
		expect(edit.status).toBe(409);
		expect(edit.message).toMatch(/waits for approval/);
		const own = await refusal(
			approveReport(
				store,
				{ ...users.editor, role: 'approver' },
				{
					unit,
					month,
					token: await token(month),
					currentMonth: CURRENT
				}
			)
		);
		expect(own.status).toBe(403);
	});

	it('approval writes observations, facts, the batch and the audit in one go', async () => {
		const counts = await approveReport(store, users.approver, {
			unit,
			month,
			token: await token(month),
			currentMonth: CURRENT
		});
		expect(counts).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
		expect(await observationsOf(month)).toBe(2);
		const [facts] = await store.rows<{ received: number; online: number }>(sql`
			select dossiers_received::int as received, dossiers_received_online::int as online
			from monthly_facts where unit_id = ${unit.id} and month = ${`${month}-01`}::date`);
		expect(facts).toEqual({ received: 100, online: 45 });
		const draft = (await latestDraft(store, unit.id, month))!;
		expect(draft).toMatchObject({ status: 'approved', reviewedBy: users.approver.id });
		expect(draft.batchId).toBe(counts.batchId);
		const [batch] = await store.rows<{ source: string; user_id: number; note: string }>(
			sql`select source, user_id, note from import_batches where id = ${counts.batchId}`
		);
		expect(batch).toMatchObject({ source: 'form', user_id: users.editor.id });
		expect(batch.note).toContain('approved by approver@w.test');
		const actions = await store.rows<{ action: string }>(sql`select action from audit_log
			where batch_id = ${counts.batchId} or (unit_id = ${unit.id} and month = ${`${month}-01`}::date)
			order by id`);
		expect(actions.map((a) => a.action)).toEqual([
			'draft_saved',
			'draft_submitted',
			'form',
			'draft_approved'
		]);
	});

	it('a later change keeps the old value in the history (old → new, who, source)', async () => {
		await save(users.editor2, month, { dossiers_received: '120' }, { submit: true });
		const counts = await approveReport(store, users.approver, {
			unit,
			month,
			token: await token(month),
			currentMonth: CURRENT
		});
		expect(counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
		const history = await figureHistory(store, unit.id, month, 'dossiers_received');
		expect(history.map((v) => [v.previous, v.value])).toEqual([
			[null, 100],
			[100, 120]
		]);
		expect(history[0].batch?.userEmail).toBe('editor@w.test');
		expect(history[1].batch).toMatchObject({
			source: 'form',
			userEmail: 'editor2@w.test',
			approvedBy: 'approver@w.test'
		});
		const written = await batchFigures(store, counts.batchId, users.approver);
		expect(written).toEqual([
			expect.objectContaining({
				measure: 'dossiers_received',
				value: 120,
				previous: 100,
				current: true
			})
		]);
	});
});

describe('returned with a comment', () => {
	const month = '2026-02';

	it('requires a comment, keeps it, and lets the editors resubmit', async () => {
		await save(users.editor, month, { computers: '12' }, { submit: true });
		const empty = await refusal(
			returnReport(store, users.approver, { unit, month, token: await token(month), comment: ' ' })
		);
		expect(empty.status).toBe(409);
		await returnReport(store, users.approver, {
			unit,
			month,
			token: await token(month),
			comment: 'Máy tính: 12 seems high <b>check</b>'
		});
		let draft = (await latestDraft(store, unit.id, month))!;
		expect(draft).toMatchObject({ status: 'returned', reviewedBy: users.approver.id });
		expect(draft.comment).toBe('Máy tính: 12 seems high <b>check</b>');
		expect(await observationsOf(month)).toBe(0);
		const again = await save(users.editor, month, { computers: '10' });
		expect(again).toMatchObject({ ok: true, status: 'draft' });
		draft = (await latestDraft(store, unit.id, month))!;
		expect(draft.status).toBe('draft');
		await discardReport(store, users.editor, { unit, month, token: await token(month) });
		expect((await latestDraft(store, unit.id, month))!.status).toBe('discarded');
		// A fresh draft can start after a discard.
		expect(await save(users.editor, month, { computers: '9' })).toMatchObject({
			ok: true,
			version: 1
		});
	});
});

describe('concurrent edits', () => {
	const month = '2026-03';

	it('refuses the second save based on a stale version, keeping the first', async () => {
		const seen = await token(month);
		const first = await save(users.editor, month, { staff_total: '20' }, { token: seen });
		expect(first.ok).toBe(true);
		const second = await refusal(
			save(users.editor2, month, { staff_total: '25' }, { token: seen })
		);
		expect(second.status).toBe(409);
		expect(second.message).toMatch(/changed since you opened it.*editor@w\.test/);
		const draft = (await latestDraft(store, unit.id, month))!;
		expect(Object.fromEntries(await draftValues(store, draft.id))).toEqual({ staff_total: 20 });
		// Approving on a stale page is refused too.
		await save(users.editor, month, { staff_total: '20' }, { submit: true });
		const stale = await refusal(
			approveReport(store, users.approver, { unit, month, token: seen, currentMonth: CURRENT })
		);
		expect(stale.status).toBe(409);
	});

	it('two saves at the same moment: exactly one wins', async () => {
		const month2 = '2026-04';
		const seen = await token(month2);
		const results = await Promise.allSettled([
			save(users.editor, month2, { computers: '1' }, { token: seen }),
			save(users.editor2, month2, { computers: '2' }, { token: seen })
		]);
		const won = results.filter((r) => r.status === 'fulfilled' && (r.value as { ok: boolean }).ok);
		expect(won).toHaveLength(1);
		expect(
			await count(sql`select count(*)::int as n from drafts where unit_id = ${unit.id}
				and month = ${`${month2}-01`}::date`)
		).toBe(1);
	});
});

describe('validation and jump warnings', () => {
	it('reports errors per field and writes nothing', async () => {
		const month = '2026-05';
		const result = await save(users.editor, month, {
			dossiers_received: '10',
			dossiers_received_online: '11',
			computers: '-2',
			one_stop_shop_standard: '2'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual([
			'computers',
			'dossiers_received_online',
			'one_stop_shop_standard'
		]);
		expect(await latestDraft(store, unit.id, month)).toBeNull();
	});

	it('asks to confirm a value three times off the 12-month median', async () => {
		const history = Array.from({ length: 12 }, (_, i) => ({
			unitId: unit.id,
			month: `2025-${String(i + 1).padStart(2, '0')}`,
			measure: 'population',
			value: 10_000
		}));
		// 2025-01…06 belong to the predecessor bearing the same code; use the current unit's months.
		const current = history.map((h, i) => ({
			...h,
			month: i < 6 ? `2025-${String(i + 7).padStart(2, '0')}` : `2026-0${i - 5}`
		}));
		await store.transaction((tx) =>
			applyFigures(tx, current, {
				source: 'demo',
				fileName: null,
				sha256: null,
				userId: null,
				actor: 'test'
			})
		);
		const month = '2026-07';
		const jump = await save(users.editor, month, { population: '40000' });
		expect(jump.ok).toBe(false);
		if (jump.ok) return;
		expect(jump.errors).toEqual({});
		expect(jump.warnings.population).toMatch(/more than 3× the median/);
		expect(await latestDraft(store, unit.id, month)).toBeNull();
		const confirmed = await save(
			users.editor,
			month,
			{ population: '40000' },
			{ confirmJumps: true }
		);
		expect(confirmed.ok).toBe(true);
		// Saved once and confirmed: saving the same value again does not ask again.
		expect((await save(users.editor, month, { population: '40000' })).ok).toBe(true);
	});
});

describe('uploads go to drafts of the editor’s own area', () => {
	const csv = (rows: string[]) =>
		new TextEncoder().encode(['unit_code,period,computers,staff_total', ...rows].join('\n') + '\n');

	it('previews without writing, then writes drafts, never observations', async () => {
		const bytes = csv(['03388,2026-08,7,30', '03388,2026-09,8,31']);
		const preview = await uploadToDrafts(store, users.editor, {
			bytes,
			fileName: 'thang.csv',
			dryRun: true,
			submit: false,
			currentMonth: CURRENT
		});
		expect(preview).toMatchObject({ ok: true, dryRun: true, inserted: 4, updated: 0, drafts: 2 });
		expect(
			await count(sql`select count(*)::int as n from drafts where month >= '2026-08-01'`)
		).toBe(0);
		const done = await uploadToDrafts(store, users.editor, {
			bytes,
			fileName: 'thang.csv',
			dryRun: false,
			submit: true,
			currentMonth: CURRENT
		});
		expect(done).toMatchObject({ ok: true, dryRun: false, drafts: 2 });
		const draft = (await latestDraft(store, unit.id, '2026-08'))!;
		expect(draft).toMatchObject({ status: 'submitted', source: 'import', fileName: 'thang.csv' });
		expect(draft.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(await observationsOf('2026-08')).toBe(0);
		// A second upload cannot change a submitted report.
		const busy = await uploadToDrafts(store, users.editor, {
			bytes: csv(['03388,2026-08,9,30']),
			fileName: 'again.csv',
			dryRun: false,
			submit: false,
			currentMonth: CURRENT
		});
		expect(busy).toMatchObject({ ok: false, status: 409 });
		// Approval keeps the file name and hash on the batch.
		const counts = await approveReport(store, users.approver, {
			unit,
			month: '2026-08',
			token: draftToken(draft),
			currentMonth: CURRENT
		});
		const [batch] = await store.rows<{ source: string; file_name: string; sha256: string }>(
			sql`select source, file_name, sha256 from import_batches where id = ${counts.batchId}`
		);
		expect(batch).toEqual({ source: 'import', file_name: 'thang.csv', sha256: draft.sha256 });
	});

	it('refuses rows outside the area (404) and invalid files (422), writing nothing', async () => {
		const before = await count(sql`select count(*)::int as n from drafts`);
		const outside = await uploadToDrafts(store, users.other, {
			bytes: csv(['03390,2026-10,1,2', '03388,2026-10,1,2']),
			fileName: 'x.csv',
			dryRun: false,
			submit: false,
			currentMonth: CURRENT
		});
		expect(outside).toEqual({
			ok: false,
			status: 404,
			errors: [expect.objectContaining({ line: 3, column: 'unit_code', code: 'out_of_scope' })]
		});
		const invalid = await uploadToDrafts(store, users.editor, {
			bytes: csv(['03388,2026-10,5,2', '03388,2031-01,1,1']),
			fileName: 'y.csv',
			dryRun: false,
			submit: false,
			currentMonth: CURRENT
		});
		expect(invalid).toMatchObject({ ok: false, status: 422 });
		if (!invalid.ok) expect(invalid.errors.map((e) => e.code)).toEqual(['future_period']);
		expect(await count(sql`select count(*)::int as n from drafts`)).toBe(before);
	});
});

describe('the current month is Vietnam’s: 23:30 UTC on 31 May is 06:30 on 1 June', () => {
	// No `currentMonth` is passed here: the services take it from the clock.
	beforeAll(() => pinClock('2026-05-31T23:30:00Z'));
	afterAll(() => pinClock(null));
	const figures = (month: string) =>
		new TextEncoder().encode(`unit_code,period,computers,staff_total\n03388,${month},7,30\n`);

	it('accepts a report for June and refuses July as the future', async () => {
		const form = async (month: string) =>
			saveReport(store, users.editor, {
				unit,
				month,
				raw: { computers: '7', staff_total: '30' },
				token: await token(month),
				submit: false,
				confirmJumps: true
			});
		expect(await form('2026-06')).toMatchObject({ ok: true, status: 'draft' });
		// A refusal names the draft's time as people in Vietnam read it, whatever the DB's zone.
		const [{ epoch }] = await store.rows<{ epoch: number }>(sql`select
			extract(epoch from updated_at)::float8 as epoch from drafts
			where unit_id = ${unit.id} and month = '2026-06-01'`);
		const vietnamese = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Asia/Ho_Chi_Minh',
			dateStyle: 'short',
			timeStyle: 'short'
		}).format(epoch * 1000);
		const stale = await refusal(
			saveReport(store, users.editor2, {
				unit,
				month: '2026-06',
				raw: { computers: '8' },
				token: 'stale',
				submit: false,
				confirmJumps: true
			})
		);
		expect(stale.message).toContain(`by editor@w.test at ${vietnamese}).`);
		const july = await form('2026-07');
		expect(july).toMatchObject({ ok: false, status: 400 });
		if (!july.ok) expect(july.general).toEqual([expect.stringMatching(/2026-07 is in the future/)]);
	});

	it('imports June and refuses July as a future period, in files and uploads alike', async () => {
		const file = (month: string) =>
			importFile(store, {
				bytes: figures(month),
				fileName: 'thang.csv',
				actor: 'test',
				userId: null,
				dryRun: true
			});
		expect(await file('2026-06')).toMatchObject({ ok: true, inserted: 2 });
		expect(await file('2026-07')).toEqual({
			ok: false,
			errors: [
				expect.objectContaining({
					code: 'future_period',
					message: 'Period 2026-07 is in the future (this month is 2026-06)'
				})
			]
		});
		const upload = (month: string) =>
			uploadToDrafts(store, users.editor, {
				bytes: figures(month),
				fileName: 'thang.csv',
				dryRun: true,
				submit: false
			});
		expect(await upload('2026-06')).toMatchObject({ ok: true });
		expect(await upload('2026-07')).toMatchObject({ ok: false, status: 422 });
	});
});

describe('four eyes: nobody approves a report they wrote any figure of', () => {
	const approve = (user: SessionUser, month: string) =>
		(async () =>
			approveReport(store, user, {
				unit,
				month,
				token: await token(month),
				currentMonth: CURRENT
			}))();
	const upload = (user: SessionUser, month: string, computers: number) =>
		uploadToDrafts(store, user, {
			bytes: new TextEncoder().encode(`unit_code,period,computers\n03388,${month},${computers}\n`),
			fileName: 'sua.csv',
			dryRun: false,
			submit: false,
			currentMonth: CURRENT
		});

	it('an approver who typed a figure, then an editor submitted: another approver approves', async () => {
		const month = '2025-09';
		expect(await save(users.approver, month, { computers: '4' })).toMatchObject({ ok: true });
		expect(
			await save(users.editor, month, { computers: '4', staff_total: '9' }, { submit: true })
		).toMatchObject({ ok: true, status: 'submitted' });
		const refused = await refusal(approve(users.approver, month));
		expect(refused.status).toBe(403);
		expect(refused.message).toMatch(/You wrote figures of this report/);
		expect((await latestDraft(store, unit.id, month))!.status).toBe('submitted');
		await approve(users.approver2, month);
		// The audit trail names who wrote and who approved.
		const [entry] = await store.rows<{ actor: string; detail: { written_by: string[] } }>(
			sql`select actor, detail from audit_log where action = 'draft_approved'
				and unit_id = ${unit.id} and month = ${`${month}-01`}::date`
		);
		expect(entry.actor).toBe('approver2@w.test');
		expect(entry.detail.written_by).toEqual(['approver@w.test', 'editor@w.test']);
	});

	it('an approver who imported a file into the draft, before a return and a resubmission', async () => {
		const month = '2025-10';
		expect(await upload(users.approver, month, 5)).toMatchObject({ ok: true });
		expect(await save(users.editor, month, { computers: '6' }, { submit: true })).toMatchObject({
			ok: true
		});
		await returnReport(store, users.approver2, {
			unit,
			month,
			token: await token(month),
			comment: 'Kiểm tra lại số máy tính'
		});
		expect(await save(users.editor2, month, { computers: '7' }, { submit: true })).toMatchObject({
			ok: true
		});
		expect((await refusal(approve(users.approver, month))).status).toBe(403);
		// Returning is not writing: the approver who returned it may approve.
		await approve(users.approver2, month);
		expect((await latestDraft(store, unit.id, month))!.status).toBe('approved');
	});

	it('an editor-only report is approved as before', async () => {
		const month = '2025-11';
		expect(await upload(users.editor, month, 3)).toMatchObject({ ok: true });
		expect(await save(users.editor2, month, { computers: '3' }, { submit: true })).toMatchObject({
			ok: true
		});
		await approve(users.approver, month);
		expect((await latestDraft(store, unit.id, month))!.status).toBe('approved');
	});
});
