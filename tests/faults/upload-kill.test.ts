/**
 * Issue 16, faults: the server (`node build`) killed with SIGKILL in the middle of an import an
 * editor uploaded over HTTP leaves the store exactly as it was, and the same upload succeeds once
 * the server is started again. PostgreSQL only (DATABASE_URL): the embedded store lives inside the
 * server's process, and embedded.test.ts kills it during writes.
 *
 * Killed at a known point, not by timing (the trick of tests/db/import-kill.test.ts, which holds a
 * table lock; a table lock would stop this upload in its dry run, which also writes and rolls back):
 * the last report of the file already has an open draft, and the test holds that draft's row lock
 * (SELECT … FOR UPDATE). The upload's transaction writes the other 23 reports' drafts, figures and
 * audit rows, then blocks when it locks that draft. Once its backend is seen waiting there with
 * figures written (uncommitted), the server is killed, the lock released, and the orphaned backend
 * rolls back when it finds its client gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { TEST_USERS, UNIT, postFile, signIn, type RawResponse } from '../support/test-users.ts';
import { createTestUsers } from '../support/test-users.ts';
import { freshPostgres } from '../support/server-setup.ts';
import { buildCopy, killApp, record, sleep, startApp, type App } from './app.ts';

const DATABASE_URL = process.env.DATABASE_URL;

/** 24 monthly reports of the editor's commune: the transaction writes them one after another. */
const MONTHS = Array.from(
	{ length: 24 },
	(_, i) => `${2003 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
);
const FILE =
	'unit_code,period,computers,staff_total\n' +
	MONTHS.map((m, i) => `${UNIT},${m},${4 + (i % 3)},9`).join('\n') +
	'\n';

/** Counts and checksums of everything an upload (or the CLI import) may write. */
async function snapshot(sql: postgres.Sql) {
	const [row] = await sql`select
		(select count(*)::int from observations) as observations,
		(select md5(coalesce(string_agg(unit_id || '|' || month || '|' || measure_code || '|' || value, ','
			order by unit_id, month, measure_code), '')) from observations) as observations_md5,
		(select count(*)::int from import_batches) as import_batches,
		(select md5(coalesce(string_agg(id || '|' || sha256, ',' order by id), '')) from import_batches)
			as import_batches_md5,
		(select count(*)::int from audit_log) as audit_log,
		(select md5(coalesce(string_agg(id || '|' || action || '|' || coalesce(detail::text, ''), ','
			order by id), '')) from audit_log) as audit_log_md5,
		(select count(*)::int from drafts) as drafts,
		(select md5(coalesce(string_agg(id || '|' || status || '|' || version, ',' order by id), ''))
			from drafts) as drafts_md5,
		(select count(*)::int from draft_figures) as draft_figures,
		(select md5(coalesce(string_agg(draft_id || '|' || measure_code || '|' || value, ','
			order by draft_id, measure_code), '')) from draft_figures) as draft_figures_md5`;
	return { ...row };
}

describe.skipIf(!DATABASE_URL)('the server killed mid-upload (PostgreSQL)', () => {
	let build: ReturnType<typeof buildCopy>;
	let db: Awaited<ReturnType<typeof freshPostgres>>;
	let admin: postgres.Sql;
	let app: App | undefined;

	beforeAll(async () => {
		build = buildCopy();
		db = await freshPostgres(DATABASE_URL!);
		await createTestUsers({ DATABASE_URL: db.url });
		admin = postgres(db.url, { max: 3, onnotice: () => {} });
	});

	afterAll(async () => {
		await app?.stop();
		await admin?.end({ timeout: 5 });
		await db?.drop();
		build?.remove();
	});

	const upload = (server: App, cookie: string) =>
		postFile(
			server.url,
			'/api/v1/imports',
			new File([FILE], 'months.csv', { type: 'text/csv' }),
			{ confirm_jumps: '1' },
			{ cookie, accept: 'application/json' }
		);

	it('leaves the store exactly as it was, and the same upload succeeds after a restart', async () => {
		const first = await startApp(build.dir, { DATABASE_URL: db.url });
		app = first;
		const editor = (await signIn(first.url, TEST_USERS.editor.email)).cookie;
		// The last month's report gets an open draft of other figures first.
		const last = MONTHS.at(-1)!;
		const opened = await postFile(
			first.url,
			'/api/v1/imports',
			new File([`unit_code,period,computers,staff_total\n${UNIT},${last},2,8\n`], 'one.csv'),
			{ confirm_jumps: '1' },
			{ cookie: editor, accept: 'application/json' }
		);
		expect(opened.status, opened.text).toBe(200);
		expect(JSON.parse(opened.text)).toMatchObject({ drafts: 1 });
		const before = await snapshot(admin);
		expect(before.observations).toBeGreaterThan(0);

		const blocker = await admin.reserve();
		await blocker`begin`;
		const held =
			await blocker`select id from drafts where month = ${last + '-01'}::date for update`;
		expect(held).toHaveLength(1);
		let answer: Promise<RawResponse | Error> | undefined;
		let backend: number | null = null;
		try {
			answer = upload(first, editor).catch((error: Error) => error);
			// The upload's backend: in its transaction, drafts and their figures written, waiting for
			// the last report's draft.
			const deadline = performance.now() + 60_000;
			while (backend === null && performance.now() < deadline) {
				const rows = await admin<{ pid: number }[]>`
					select a.pid from pg_stat_activity a
					where a.datname = current_database() and a.pid <> pg_backend_pid()
						and a.xact_start is not null and a.wait_event_type = 'Lock'
						and a.query ilike '%for update%'
						and exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
							where l.pid = a.pid and c.relname = 'draft_figures'
								and l.mode = 'RowExclusiveLock' and l.granted)`;
				if (rows.length) backend = rows[0].pid;
				else if (first.child.exitCode !== null) throw new Error('the server exited');
				else await sleep(50);
			}
			if (backend === null) {
				const waiting = await admin`select pid, xact_start is not null as in_xact, wait_event_type,
					left(query, 300) as query from pg_stat_activity
					where datname = current_database() and pid <> pg_backend_pid()`;
				throw new Error(
					`the upload never reached its transaction: ${JSON.stringify(waiting, null, 1)}\n${first.output()}`
				);
			}
			await killApp(first);
			app = undefined;
			// The upload was never answered.
			const got = await answer;
			expect(got).toBeInstanceOf(Error);
		} finally {
			await blocker`rollback`;
			blocker.release();
		}
		// The orphaned backend gets the lock, finds its client gone and rolls back.
		for (let i = 0; i < 100; i++) {
			if ((await admin`select 1 from pg_stat_activity where pid = ${backend!}`).length === 0) break;
			await sleep(100);
		}
		expect(await admin`select 1 from pg_stat_activity where pid = ${backend!}`).toHaveLength(0);
		expect(await snapshot(admin)).toEqual(before);

		// Started again on the same database, the same upload goes in whole.
		const second = await startApp(build.dir, { DATABASE_URL: db.url });
		app = second;
		const cookie = (await signIn(second.url, TEST_USERS.editor.email)).cookie;
		const again = await upload(second, cookie);
		expect(again.status, again.text.slice(0, 500)).toBe(200);
		expect(JSON.parse(again.text)).toMatchObject({ drafts: MONTHS.length });
		const after = await snapshot(admin);
		// 23 new drafts; the last month's open draft is updated in place.
		expect(after.drafts).toBe(before.drafts + MONTHS.length - 1);
		expect(after.draft_figures).toBe(before.draft_figures + (MONTHS.length - 1) * 2);
		expect(after.observations_md5).toBe(before.observations_md5);
		record('upload killed mid-transaction (PostgreSQL)', {
			reports_in_file: MONTHS.length,
			restart_ready_s: second.readyS.toFixed(1),
			store_unchanged: 'yes'
		});
	});
});
