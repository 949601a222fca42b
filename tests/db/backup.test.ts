/**
 * Backup and restore against real stores (PGlite, or PostgreSQL when DATABASE_URL is set): a
 * store with demo figures, an import and an approval is backed up and restored into an empty
 * store, and every table (observations, audit log, users, batches…), every sequence and the
 * answers of the API's query verbs are identical. A store in use is refused unless forced, a
 * backup from a newer schema is refused, a cut file changes nothing, and an older backup is
 * loaded at its own schema level and then upgraded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Store } from '../../src/lib/server/db/index.ts';
import { codeLevel, migrateStore, storeLevel } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { seedMeasures } from '../../src/lib/server/services/units-seed.ts';
import { generateDemo } from '../../src/lib/server/services/demo.ts';
import { approveReport, saveReport } from '../../src/lib/server/services/workflow.ts';
import { reportUnit } from '../../src/lib/server/services/workflow-unit.ts';
import { draftToken, latestDraft } from '../../src/lib/server/queries/drafts.ts';
import { valuesFor } from '../../src/lib/server/queries/values.ts';
import { seriesFor } from '../../src/lib/server/queries/series.ts';
import { prioritiesFor } from '../../src/lib/server/queries/priorities.ts';
import { backupTables, sequenceValues } from '../../src/lib/server/queries/backup.ts';
import { writeBackup } from '../../src/lib/server/services/backup/write.ts';
import { RestoreRefused, restoreBackup } from '../../src/lib/server/services/backup/restore.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { addStoreUsers } from '../support/store-users.ts';
import { importBytes, readFixture } from '../support/import-helpers.ts';

const CURRENT = '2026-11';
const dir = mkdtempSync(join(tmpdir(), 'xaso-backup-'));
const file = join(dir, 'store.xaso.gz');
const handles: TestStore[] = [];
let source: Store;
let target: Store;

async function fresh(): Promise<Store> {
	const handle = await createTestStore();
	handles.push(handle);
	return handle.store;
}

/** Each table's rows as one digest (rows in text form, sorted); settings without the counters. */
async function digests(store: Store): Promise<Record<string, { rows: number; md5: string }>> {
	const out: Record<string, { rows: number; md5: string }> = {};
	for (const t of await backupTables(store)) {
		const where = t.name === 'settings' ? `where key not in ('data_version', 'units_version')` : '';
		const [row] = await store.rows<{ rows: number; md5: string }>(
			`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
			from "${t.name}" t ${where}`
		);
		out[t.name] = row;
	}
	return out;
}

/** What the values, series and priorities endpoints would answer (the verbs they call). */
async function answers(store: Store) {
	return {
		values: await valuesFor(store, {
			indicator: 'online_uptake',
			period: '2026-07',
			level: 'commune'
		}),
		valuesYear: await valuesFor(store, {
			indicator: 'service_index',
			period: '2024',
			level: 'district'
		}),
		series: await seriesFor(store, {
			indicator: 'on_time_rate',
			unit: '03388',
			grain: 'month',
			lastMonth: '2026-10'
		}),
		priorities: await prioritiesFor(store, { parent: '12', period: '2026-Q2' })
	};
}

beforeAll(async () => {
	source = await fresh();
	await migrateStore(source);
	await seedStore(source, { boundaries: null });
	const users = await addStoreUsers(source, [
		['editor', 'editor@b.test', 'editor', '03388'],
		['approver', 'approver@b.test', 'approver', '12']
	]);
	await generateDemo(source, { seed: 7, until: '2026-06' });
	const imported = await importBytes(source, readFixture('good-wide.csv'), 'good-wide.csv');
	expect(imported.ok).toBe(true);
	const found = await reportUnit(source, '03388', '2026-07');
	if (!found.ok) throw new Error(found.message);
	const saved = await saveReport(source, users.editor, {
		unit: found.unit,
		month: '2026-07',
		token: draftToken(await latestDraft(source, found.unit.id, '2026-07')),
		raw: { dossiers_received: '90', dossiers_received_online: '40' },
		confirmJumps: true,
		submit: true,
		currentMonth: CURRENT
	});
	expect(saved.ok).toBe(true);
	await approveReport(source, users.approver, {
		unit: found.unit,
		month: '2026-07',
		token: draftToken(await latestDraft(source, found.unit.id, '2026-07')),
		currentMonth: CURRENT
	});
	await writeBackup(source, file);
	target = await fresh();
	await restoreBackup(target, file);
}, 600_000);

afterAll(async () => {
	for (const h of handles) await h.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('backup → restore into an empty store', () => {
	it('the source holds what a restore must carry (figures, audit, users, batches, drafts)', async () => {
		const d = await digests(source);
		for (const t of ['observations', 'audit_log', 'users', 'import_batches', 'drafts'])
			expect(d[t].rows, t).toBeGreaterThan(0);
		const [{ n }] = await source.rows<{ n: number }>(
			`select count(*)::int as n from audit_log where action = 'draft_approved'`
		);
		expect(n).toBe(1);
	});

	it('every table is identical, row by row', async () => {
		const before = await digests(source);
		const after = await digests(target);
		expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
		expect(after).toEqual(before);
	});

	it('sequences continue where they stood: the next user gets the same id on both', async () => {
		expect(await sequenceValues(target)).toEqual(await sequenceValues(source));
		const [a] = await source.rows<{ id: number }>(
			`insert into import_batches (source, actor) values ('seed', 'test') returning id`
		);
		const [b] = await target.rows<{ id: number }>(
			`insert into import_batches (source, actor) values ('seed', 'test') returning id`
		);
		expect(b.id).toBe(a.id);
	});

	it('the API answers the same (values, series, priorities)', async () => {
		const before = await answers(source);
		expect(before.values.rows.length).toBeGreaterThan(0);
		expect(before.series.rows.length).toBeGreaterThan(0);
		expect(before.priorities.rows.length).toBeGreaterThan(0);
		expect(await answers(target)).toEqual(before);
	});

	it('the store ends at the code schema level, with its triggers back on', async () => {
		expect(await storeLevel(target)).toEqual(codeLevel());
		await expect(target.run(`delete from audit_log`)).rejects.toThrow(/append-only/);
	});
});

describe('refusals', () => {
	it('refuses a store that holds data unless forced; forced, it replaces everything', async () => {
		await expect(restoreBackup(target, file)).rejects.toThrow(RestoreRefused);
		await expect(restoreBackup(target, file)).rejects.toThrow(/not empty.*--force/s);
		await target.run(`insert into import_batches (source, actor) values ('seed', 'extra-restore')`);
		await restoreBackup(target, file, { force: true });
		const [{ n }] = await target.rows<{ n: number }>(
			`select count(*)::int as n from import_batches where actor = 'extra-restore'`
		);
		expect(n).toBe(0);
		expect((await digests(target)).observations).toEqual((await digests(source)).observations);
	});

	it('refuses a backup from a newer schema, saying so', async () => {
		const text = gunzipSync(readFileSync(file)).toString('utf8');
		const at = text.indexOf('\n');
		const header = JSON.parse(text.slice(0, at));
		header.migrations = {
			count: header.migrations.count + 1,
			last: codeLevel().last + 1,
			tag: '9999_future'
		};
		const newer = join(dir, 'newer.xaso.gz');
		writeFileSync(newer, gzipSync(JSON.stringify(header) + text.slice(at)));
		const before = await digests(target);
		await expect(restoreBackup(target, newer, { force: true })).rejects.toThrow(
			/newer schema \(9999_future.*Upgrade Xã Số/
		);
		expect(await digests(target)).toEqual(before);
	});

	it('a cut file is refused and changes nothing, even when forced', async () => {
		const whole = gunzipSync(readFileSync(file));
		const cut = join(dir, 'cut.xaso.gz');
		writeFileSync(cut, gzipSync(whole.subarray(0, Math.floor(whole.length * 0.8))));
		const before = await digests(target);
		await expect(restoreBackup(target, cut, { force: true })).rejects.toThrow(/cut|ends/);
		expect(await digests(target)).toEqual(before);
	});
});

describe('an older backup', () => {
	it('is loaded at its own schema level, then upgraded', async () => {
		const previous = codeLevel();
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
		const until: number = journal.entries.at(-2).when;
		const old = await fresh();
		await migrateStore(old, { until });
		await old.transaction((tx) => seedMeasures(tx));
		const oldFile = join(dir, 'old.xaso.gz');
		await writeBackup(old, oldFile);
		const before = (await digests(old)).measures;
		expect(before.rows).toBeGreaterThan(0);
		// Forced over itself: emptied, loaded at the backup's level, then migrated the rest.
		const r = await restoreBackup(old, oldFile, { force: true });
		expect(r.upgradedTo).toBe(previous.tag);
		expect(await storeLevel(old)).toEqual(previous);
		expect((await digests(old)).measures).toEqual(before);
		// A store already past the backup's level is refused rather than downgraded.
		await expect(restoreBackup(target, oldFile, { force: true })).rejects.toThrow(/older schema/);
	}, 180_000);
});
