/**
 * Scaling out with PostgreSQL itself (docs/SCALING.md), against a private primary cluster seeded
 * with demo figures, the built app, and:
 *
 * 1. a hot standby made from the primary with `pg_basebackup -R`, behind `DATABASE_READ_URL`
 *    (db/replica.ts, queries/data-version.ts):
 *    - anonymous public reads are answered from the standby (shown by pausing its replay: a
 *      change made on the primary behind the app's back stays out of them), signed-in ones from
 *      the primary;
 *    - an approval through the web is in the public API on the very next request, even while the
 *      standby has not replayed it (the app then reads from the primary), and the standby
 *      replays it within REPLICA_LAG_MS;
 *    - a standby that is down: public reads fall back to the primary.
 * 2. two app servers on the one database (as behind a load balancer): a session made on one is
 *    valid on the other, and an approval on one is in the other's public answers as soon as its
 *    NOTIFY arrives (within NOTIFY_MS, well inside the 1 s TTL that would otherwise apply).
 *
 * Needs PostgreSQL's server programs (initdb, pg_basebackup); runs on the PostgreSQL pass of the
 * suite (DATABASE_URL set), skipped on the embedded one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import postgres from 'postgres';
import {
	clusterParent,
	clustersAvailable,
	startPrimary,
	startReplica,
	type Cluster
} from '../support/pg-cluster.ts';
import { seedDemo, startServer, type RunningServer } from '../support/server-setup.ts';
import { UNIT, send } from '../support/test-users.ts';
import {
	MONTH,
	approve,
	approveSubmitted,
	publicValue,
	signInAll,
	submit,
	timeUntil,
	type Signed
} from './approve.ts';
import { VERSION_TTL_MS } from '../../src/lib/server/queries/data-version.ts';

/** The most an approval may take to reach the standby (measured: see docs/SCALING.md). */
const REPLICA_LAG_MS = 2_000;

const enabled = Boolean(process.env.DATABASE_URL) && clustersAvailable;
if (!enabled)
	console.warn(
		'[scale-out.test] skipped: runs with DATABASE_URL set (the PostgreSQL pass) and the PostgreSQL server programs installed (initdb, pg_basebackup under /usr/lib/postgresql/N/bin, or XASO_PG_BIN)'
	);

let parent = '';
let primary: Cluster | undefined;
let onPrimary: postgres.Sql;

beforeAll(async () => {
	if (!enabled) return;
	parent = clusterParent();
	primary = await startPrimary(parent);
	const admin = postgres(primary.url(), { max: 1, onnotice: () => {} });
	await admin.unsafe('create database xaso');
	await admin.end();
	seedDemo(primary.url('xaso'));
	onPrimary = postgres(primary.url('xaso'), { max: 1, onnotice: () => {} });
}, 120_000);

afterAll(async () => {
	await onPrimary?.end({ timeout: 1 });
	primary?.remove();
	if (parent) rmSync(parent, { recursive: true, force: true });
});

describe.skipIf(!enabled)('a streaming replica behind DATABASE_READ_URL', () => {
	let replica: Cluster | undefined;
	let server: RunningServer | undefined;
	let onReplica: postgres.Sql;
	let who: Signed;

	beforeAll(async () => {
		replica = await startReplica(parent, primary!);
		server = await startServer(
			{ DATABASE_READ_URL: replica.url('xaso') },
			{ databaseUrl: primary!.url('xaso') }
		);
		onReplica = postgres(replica.url('xaso'), { max: 1, onnotice: () => {} });
		who = await signInAll(server.url);
	}, 150_000);

	afterAll(async () => {
		await onReplica?.end({ timeout: 1 });
		await server?.stop();
		replica?.remove();
	});

	/** The commune's names in `GET /api/v1/units?level=commune` (not cached: a query each time). */
	const unitName = async (cookie?: string) => {
		const r = await send(new URL('/api/v1/units?level=commune', server!.url).href, {
			headers: cookie ? { cookie } : {}
		});
		expect(r.status).toBe(200);
		return (JSON.parse(r.text) as { code: string; name: string }[]).find((u) => u.code === UNIT)!
			.name;
	};

	const replayed = async () => {
		const [p] = await onPrimary`select pg_current_wal_lsn()::text as lsn`;
		return async () => {
			const [r] = await onReplica`select pg_last_wal_replay_lsn() >= ${p.lsn}::pg_lsn as done`;
			return r.done as boolean;
		};
	};

	it('is a hot standby, and serves the anonymous public reads', async () => {
		const [standby] = await onReplica`select pg_is_in_recovery() as recovery`;
		expect(standby.recovery).toBe(true);
		const name = await unitName();
		// Replay paused: a change on the primary (made behind the app's back) stays off the standby.
		await onReplica`select pg_wal_replay_pause()`;
		try {
			// The commune's row of today (its code has one row per era).
			const renamed = await onPrimary`update units set name = name || ' (primary)'
				where code = ${UNIT} and name = ${name} returning name`;
			expect(renamed.map((u) => u.name)).toEqual([`${name} (primary)`]);
			// Anonymous: from the standby. Signed in: from the primary.
			expect(await unitName()).toBe(name);
			expect(await unitName(who.admin)).toBe(`${name} (primary)`);
		} finally {
			await onReplica`select pg_wal_replay_resume()`;
		}
		const ms = await timeUntil(async () => (await unitName()) === `${name} (primary)`, 5_000);
		expect(ms, 'the standby never showed the change').not.toBeNull();
		await onPrimary`update units set name = ${name} where code = ${UNIT} and name = ${`${name} (primary)`}`;
	});

	it('shows an approval at once, and the standby replays it within the stated lag', async () => {
		const original = (await publicValue(server!.url))!;
		expect(original).not.toBeNull();
		// Replaying: the standby has it within REPLICA_LAG_MS (timed from the approval's answer to
		// the end of the first check that finds it replayed), and the next public request shows it.
		await approve(server!.url, who, original + 1);
		const approved = performance.now();
		const caughtUp = await replayed();
		let lag: number | null = null;
		while (lag === null && performance.now() - approved < REPLICA_LAG_MS) {
			if (await caughtUp()) lag = performance.now() - approved;
		}
		console.log(`[scale-out.test] approval replayed on the standby within ${lag?.toFixed(1)} ms`);
		expect(lag, `not replayed within ${REPLICA_LAG_MS} ms`).not.toBeNull();
		expect(await publicValue(server!.url)).toBe(original + 1);

		// Replay paused: the standby lags behind the approval, and the app reads from the primary.
		await onReplica`select pg_wal_replay_pause()`;
		try {
			await approve(server!.url, who, original + 2);
			expect(await publicValue(server!.url)).toBe(original + 2);
			const [standby] = await onReplica`select value #>> '{}' as v from settings
				where key = 'data_version'`;
			const [current] = await onPrimary`select value #>> '{}' as v from settings
				where key = 'data_version'`;
			expect(Number(standby.v)).toBeLessThan(Number(current.v));
		} finally {
			await onReplica`select pg_wal_replay_resume()`;
		}
		expect(await publicValue(server!.url)).toBe(original + 2);
		await approve(server!.url, who, original);
		expect(await publicValue(server!.url)).toBe(original);
	});

	it('falls back to the primary while the standby is down', async () => {
		const name = await unitName();
		replica!.stop('fast');
		try {
			const started = performance.now();
			expect(await unitName()).toBe(name);
			expect(await publicValue(server!.url)).not.toBeNull();
			const page = await send(new URL('/units/' + UNIT, server!.url).href);
			expect(page.status).toBe(200);
			expect(performance.now() - started).toBeLessThan(5_000);
		} finally {
			replica!.start();
		}
	});
});

/** The most an approval on one server may take to reach another's public answers. */
const NOTIFY_MS = 200;

describe.skipIf(!enabled)('two servers on one database', () => {
	let a: RunningServer | undefined;
	let b: RunningServer | undefined;

	beforeAll(async () => {
		// The test users exist already (made for the replica's server above, or made here).
		const users = (await onPrimary`select count(*)::int as n from users`)[0].n === 0;
		a = await startServer({}, { databaseUrl: primary!.url('xaso'), users });
		b = await startServer({}, { databaseUrl: primary!.url('xaso'), users: false });
		// Each server's cache is warm and its data version fresh before the first approval.
		await Promise.all([publicValue(a.url), publicValue(b.url)]);
	}, 150_000);

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
	});

	it('share sessions, and an approval on one is public on the other at once', async () => {
		const who = await signInAll(a!.url);
		// A session made on A is valid on B.
		const report = await send(new URL(`/api/v1/reports/${UNIT}/${MONTH}`, b!.url).href, {
			headers: { cookie: who.admin }
		});
		expect(report.status).toBe(200);

		const original = (await publicValue(b!.url))!;
		const waits: number[] = [];
		for (const value of [original + 1, original + 2, original]) {
			await submit(a!.url, who, value);
			// B's memo of the data version is then read afresh (it is trusted for VERSION_TTL_MS):
			// from here on, only a notification can make B read it again within that time.
			await new Promise((done) => setTimeout(done, VERSION_TTL_MS + 50));
			expect(await publicValue(b!.url)).not.toBe(value);
			const approving = performance.now();
			await approveSubmitted(a!.url, who);
			const approval = performance.now() - approving;
			const ms = await timeUntil(async () => (await publicValue(b!.url)) === value, NOTIFY_MS, 5);
			expect(
				ms,
				`B did not show ${value} within ${NOTIFY_MS} ms (the approval took ${approval.toFixed(0)} ms)`
			).not.toBeNull();
			waits.push(ms!);
		}
		console.log(
			`[scale-out.test] an approval on A was public on B after ${waits.map((ms) => ms.toFixed(1)).join(', ')} ms`
		);
	});
});
