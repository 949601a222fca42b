/**
 * Importing is idempotent and keeps history: the same file twice changes nothing the second time
 * (inserted 0, updated 0, unchanged N); a changed value is counted as updated and its old value
 * stays in the audit log with the batch that replaced it; a dry run writes nothing at all.
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { MEASURE_CODES } from '../../src/lib/domain/measures.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { importBytes, prepareUnits, snapshot, storedValue } from '../support/import-helpers.ts';

const csv = (text: string) => new TextEncoder().encode(text);

// 3 units × 2 months × 4 measures, one blank: 23 figures.
const ORIGINAL = `unit_code,period,dossiers_received,dossiers_received_online,dossiers_resolved,staff_total
03400,2024-01,100,40,90,12
03400,2024-02,110,41,95,12
03403,2024-01,80,30,70,10
03403,2024-02,85,31,75,10
03405,2024-01,60,20,55,9
03405,2024-02,65,,60,9
`;
const N = 23;
const CHANGED = ORIGINAL.replace('03403,2024-02,85,31,75,10', '03403,2024-02,85,31,76,10');

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

describe('importing the same figures again', () => {
	let first: Awaited<ReturnType<typeof importBytes>>;

	it('inserts every figure the first time', async () => {
		first = await importBytes(store, csv(ORIGINAL), 'report.csv');
		expect(first).toMatchObject({
			ok: true,
			dryRun: false,
			inserted: N,
			updated: 0,
			unchanged: 0,
			blank: 1
		});
		const snap = await snapshot(store);
		expect(snap).toMatchObject({
			observations: N,
			monthly_facts: 6,
			import_batches: 1,
			audit_log: 1
		});
	});

	it('changes nothing the second time: inserted 0, updated 0, unchanged N', async () => {
		const before = await snapshot(store);
		const again = await importBytes(store, csv(ORIGINAL), 'report.csv');
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: N });
		const after = await snapshot(store);
		// The attempt is recorded as a batch; the figures, facts and history are untouched.
		expect(after).toEqual({ ...before, import_batches: before.import_batches + 1 });
		const [batch] = await store.rows<{ inserted: number; updated: number; unchanged: number }>(
			sql`select inserted, updated, unchanged from import_batches where id = ${again.ok ? again.batchId : -1}`
		);
		expect(batch).toEqual({ inserted: 0, updated: 0, unchanged: N });
		// Observations still point at the batch that wrote them.
		const batches = await store.rows<{ batch_id: number }>(
			sql`select distinct batch_id from observations`
		);
		expect(batches.map((b) => Number(b.batch_id))).toEqual([first.ok ? first.batchId : -1]);
	});

	it('counts a changed value as updated and keeps the old one in the audit log', async () => {
		const result = await importBytes(store, csv(CHANGED), 'report-corrected.csv');
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: N - 1 });
		expect(await storedValue(store, '03403', '2024-02', 'dossiers_resolved')).toBe(76);
		const audit = await store.rows<{
			action: string;
			code: string;
			month: string;
			measure_code: string;
			old_value: number;
			new_value: number;
			batch_id: number;
			actor: string;
			replaced: number;
		}>(sql`select a.action, u.code, to_char(a.month, 'YYYY-MM') as month, a.measure_code,
				a.old_value::int as old_value, a.new_value::int as new_value, a.batch_id, a.actor,
				(a.detail->>'replaced_batch_id')::int as replaced
			from audit_log a join units u on u.id = a.unit_id
			where a.action = 'update'`);
		expect(audit).toEqual([
			{
				action: 'update',
				code: '03403',
				month: '2024-02',
				measure_code: 'dossiers_resolved',
				old_value: 75,
				new_value: 76,
				batch_id: result.batchId,
				actor: 'test',
				replaced: first.ok ? first.batchId : -1
			}
		]);
		// The batch-level entry names the file.
		const [entry] = await store.rows<{ file: string; updated: number }>(
			sql`select detail->>'file' as file, (detail->>'updated')::int as updated from audit_log
				where action = 'import' and batch_id = ${result.batchId}`
		);
		expect(entry).toEqual({ file: 'report-corrected.csv', updated: 1 });
		// monthly_facts follows the observation.
		const [fact] = await store.rows<{
			v: number;
		}>(sql`select f.dossiers_resolved::int as v from monthly_facts f
			join units u on u.id = f.unit_id where u.code = '03403' and f.month = '2024-02-01' and u.valid_to is not null`);
		expect(fact.v).toBe(76);
	});

	it('writes nothing in a dry run, yet reports what it would do', async () => {
		const before = await snapshot(store);
		const text = CHANGED.replace('03405,2024-02,65,,60,9', '03405,2024-02,65,21,61,9');
		const result = await importBytes(store, csv(text), 'report-dry.csv', { dryRun: true });
		expect(result).toMatchObject({
			ok: true,
			dryRun: true,
			batchId: null,
			inserted: 1,
			updated: 1,
			unchanged: N - 1
		});
		expect(await snapshot(store)).toEqual(before);
		expect(await storedValue(store, '03405', '2024-02', 'dossiers_received_online')).toBeNull();
		expect(await storedValue(store, '03405', '2024-02', 'dossiers_resolved')).toBe(60);
	});

	it('adds a figure to a stored unit-month and a new month in one file', async () => {
		const text =
			CHANGED.replace('03405,2024-02,65,,60,9', '03405,2024-02,65,21,60,9') +
			'03405,2024-03,70,25,66,9\n';
		const result = await importBytes(store, csv(text), 'report-more.csv');
		expect(result).toMatchObject({ ok: true, inserted: 5, updated: 0, unchanged: N });
		expect(await storedValue(store, '03405', '2024-02', 'dossiers_received_online')).toBe(21);
		expect(await storedValue(store, '03405', '2024-03', 'dossiers_resolved')).toBe(66);
		const [facts] = await store.rows<{ online: number; resolved: number }>(sql`
			select f.dossiers_received_online::int as online, g.dossiers_resolved::int as resolved
			from monthly_facts f join units u on u.id = f.unit_id
				join monthly_facts g on g.unit_id = f.unit_id and g.month = '2024-03-01'
			where u.code = '03405' and f.month = '2024-02-01'`);
		expect(facts).toEqual({ online: 21, resolved: 66 });
	});

	it('keeps monthly_facts equal to the pivot of observations', async () => {
		const cols = MEASURE_CODES.map((c) => `f."${c}" is not distinct from o."${c}"`).join(' and ');
		const pivots = MEASURE_CODES.map(
			(c) => `max(value) filter (where measure_code = '${c}') as "${c}"`
		).join(', ');
		const [{ bad }] = await store.rows<{ bad: number }>(
			`select count(*)::int as bad from monthly_facts f full join
				(select unit_id, month, ${pivots} from observations group by unit_id, month) o
				on o.unit_id = f.unit_id and o.month = f.month
			where f.unit_id is null or o.unit_id is null or not (${cols})`
		);
		expect(bad).toBe(0);
	});
});
