/**
 * Accounts against a real store: argon2id hashes, sessions (hash-only storage, idle and absolute
 * timeouts, rotation, sign-out, disabling), and sign-in throttling by address and by account,
 * with the device-cookie bucket that keeps the owner's browser usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { addUser, setDisabled } from '../../src/lib/server/auth/user-admin.ts';
import { signIn, type SignInAttempt } from '../../src/lib/server/auth/signin.ts';
import { sessionUser, tokenHash } from '../../src/lib/server/auth/session.ts';
import { resetDeviceKeyCache } from '../../src/lib/server/auth/device.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

let handle: TestStore;
let store: Store;
const PASSWORD = 'a long enough password';

const attempt = (over: Partial<SignInAttempt>): SignInAttempt => ({
	email: 'viewer@a.test',
	password: PASSWORD,
	address: '10.0.0.1',
	userAgent: 'vitest',
	previousToken: undefined,
	deviceCookie: undefined,
	...over
});

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
	return (await store.rows<T>(query))[0];
}

beforeAll(async () => {
	resetDeviceKeyCache();
	handle = await createTestStore();
	store = handle.store;
	await migrateStore(store);
	await seedStore(store, { boundaries: null });
	for (const [email, role, unitCode] of [
		['viewer@a.test', 'viewer', '12'],
		['target@a.test', 'editor', '03388'],
		['slow@a.test', 'viewer', '12'],
		['admin@a.test', 'admin', null]
	] as const) {
		const r = await addUser(
			store,
			{ email, password: PASSWORD, role, unitCode },
			{ userId: null, actor: 't' }
		);
		expect(r.ok).toBe(true);
	}
});

afterAll(async () => {
	await handle?.cleanup();
	resetDeviceKeyCache();
});

describe('users', () => {
	it('stores argon2id (m=19456, t=2, p=1) hashes, never the password', async () => {
		const { hash } = await one<{ hash: string }>(
			sql`select password_hash as hash from users where email = 'viewer@a.test'`
		);
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(hash).not.toContain(PASSWORD);
	});

	it('refuses bad input: scope rules, duplicates, short, common or name-bearing passwords', async () => {
		const add = (over: Record<string, unknown>) =>
			addUser(
				store,
				{ email: 'n@a.test', password: PASSWORD, role: 'editor', unitCode: '03388', ...over },
				{ userId: null, actor: 't' }
			);
		expect(await add({ unitCode: null })).toMatchObject({
			ok: false,
			errors: { unit: expect.any(String) }
		});
		expect(await add({ unitCode: '99999' })).toMatchObject({
			ok: false,
			errors: { unit: expect.any(String) }
		});
		expect(await add({ role: 'root' })).toMatchObject({
			ok: false,
			errors: { role: expect.any(String) }
		});
		expect(await add({ password: 'short' })).toMatchObject({
			ok: false,
			errors: { password: 'Mật khẩu phải có ít nhất 10 ký tự.' }
		});
		expect(await add({ password: 'password123' })).toMatchObject({
			ok: false,
			errors: { password: expect.stringContaining('phổ biến') }
		});
		expect(await add({ password: 'qwertyuiop', locale: 'en' })).toMatchObject({
			ok: false,
			errors: { password: expect.stringContaining('most common') }
		});
		expect(
			await add({ email: 'le.van.nam@a.test', password: 'levannam@laichau', locale: 'en' })
		).toMatchObject({
			ok: false,
			errors: { password: expect.stringContaining('(levannam)') }
		});
		expect(await add({ email: 'VIEWER@a.test ' })).toMatchObject({
			ok: false,
			errors: { email: /exists/ }
		});
	});
});

describe('sessions', () => {
	it('stores only the SHA-256 of a 32-byte token and rotates it at sign-in', async () => {
		const first = await signIn(store, attempt({}));
		if (!first.ok) throw new Error(first.message);
		expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const stored = await store.rows<{ token_hash: string }>(sql`select token_hash from sessions`);
		expect(stored.map((s) => s.token_hash)).toContain(tokenHash(first.token));
		expect(stored.map((s) => s.token_hash)).not.toContain(first.token);
		const second = await signIn(store, attempt({ previousToken: first.token }));
		if (!second.ok) throw new Error(second.message);
		expect(second.token).not.toBe(first.token);
		expect(await sessionUser(store, first.token)).toBeNull();
		expect(await sessionUser(store, second.token)).toMatchObject({
			email: 'viewer@a.test',
			role: 'viewer'
		});
	});

	it('ends after 2 hours idle or 12 hours in all', async () => {
		const idle = await signIn(store, attempt({}));
		const old = await signIn(store, attempt({}));
		if (!idle.ok || !old.ok) throw new Error('sign-in failed');
		await store.run(sql`update sessions set last_seen_at = now() - interval '2 hours 1 minute'
			where token_hash = ${tokenHash(idle.token)}`);
		await store.run(sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now()
			where token_hash = ${tokenHash(old.token)}`);
		expect(await sessionUser(store, idle.token)).toBeNull();
		expect(await sessionUser(store, old.token)).toBeNull();
		const left = await one<{ n: number }>(sql`select count(*)::int as n from sessions
			where token_hash in (${tokenHash(idle.token)}, ${tokenHash(old.token)})`);
		expect(left.n).toBe(0);
		// An active session's idle clock moves on.
		const live = await signIn(store, attempt({}));
		if (!live.ok) throw new Error(live.message);
		await store.run(sql`update sessions set last_seen_at = now() - interval '1 hour 59 minutes'
			where token_hash = ${tokenHash(live.token)}`);
		expect(await sessionUser(store, live.token)).not.toBeNull();
		const { fresh } = await one<{
			fresh: boolean;
		}>(sql`select last_seen_at > now() - interval '1 minute' as fresh
			from sessions where token_hash = ${tokenHash(live.token)}`);
		expect(fresh).toBe(true);
	});

	it('disabling a user ends all their sessions and refuses their sign-in', async () => {
		const a = await signIn(store, attempt({ email: 'target@a.test' }));
		const b = await signIn(store, attempt({ email: 'target@a.test', address: '10.0.0.2' }));
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		const { id } = await one<{ id: number }>(
			sql`select id from users where email = 'target@a.test'`
		);
		await setDisabled(store, Number(id), true, { userId: null, actor: 't' });
		expect(await sessionUser(store, a.token)).toBeNull();
		expect(await sessionUser(store, b.token)).toBeNull();
		const again = await signIn(store, attempt({ email: 'target@a.test', address: '10.0.0.3' }));
		expect(again).toMatchObject({ ok: false, status: 401 });
		const { reason } = await one<{
			reason: string;
		}>(sql`select detail->>'reason' as reason from audit_log
			where action = 'signin_failed' order by id desc limit 1`);
		expect(reason).toBe('disabled');
	});
});

describe('throttling', () => {
	it('answers the same for an unknown email as for a wrong password, and logs both', async () => {
		const unknown = await signIn(store, attempt({ email: 'nobody@a.test', address: '10.1.0.1' }));
		const wrong = await signIn(
			store,
			attempt({ password: 'wrong password!', address: '10.1.0.1' })
		);
		expect(unknown).toEqual(wrong);
		expect(unknown).toMatchObject({ ok: false, status: 401 });
		const logged = await store.rows<{
			reason: string;
		}>(sql`select detail->>'reason' as reason from audit_log
			where action = 'signin_failed' and detail->>'address' = '10.1.0.1' order by id`);
		expect(logged.map((l) => l.reason)).toEqual(['unknown', 'password']);
	});

	it('per address: 10 failures, then even a right password waits', async () => {
		for (let i = 0; i < 10; i++) {
			const r = await signIn(store, attempt({ email: `guess${i}@a.test`, address: '10.2.0.1' }));
			expect(r).toMatchObject({ ok: false, status: 401 });
		}
		const blocked = await signIn(store, attempt({ address: '10.2.0.1' }));
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		if (!blocked.ok) expect(blocked.retryAfter).toBeGreaterThan(14 * 60);
		// Another address is not affected.
		expect((await signIn(store, attempt({ address: '10.2.0.2' }))).ok).toBe(true);
	});

	it('per account: 5 failures free, then a growing delay that always ends', async () => {
		const slow = (address: string, over: Partial<SignInAttempt> = {}) =>
			signIn(store, attempt({ email: 'slow@a.test', address, ...over }));
		// The owner signed in from their browser before: it holds a device cookie.
		const owner = await slow('10.3.0.9');
		if (!owner.ok) throw new Error(owner.message);
		for (let i = 0; i < 5; i++)
			expect(await slow(`10.3.1.${i}`, { password: 'wrong password!' })).toMatchObject({
				status: 401
			});
		const waiting = await slow('10.3.2.1');
		expect(waiting).toMatchObject({ ok: false, status: 429 });
		if (!waiting.ok) expect(waiting.retryAfter).toBeLessThanOrEqual(30);
		// The owner's browser (device cookie) is not slowed down by the attacker's failures.
		expect((await slow('10.3.2.2', { deviceCookie: owner.deviceCookie })).ok).toBe(true);
		// A forged or foreign device cookie does not help.
		const forged = owner.deviceCookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
		expect(await slow('10.3.2.3', { deviceCookie: forged })).toMatchObject({ status: 429 });
		// A count after 15 quiet minutes is over: the delay ends.
		await store.run(sql`insert into signin_buckets (bucket, failures, first_at, last_at)
			values ('account:other@a.test', 20, now() - interval '1 hour', now() - interval '16 minutes')`);
		expect(
			await signIn(store, attempt({ email: 'other@a.test', address: '10.4.0.1' }))
		).toMatchObject({ ok: false, status: 401 });
		await store.run(sql`update signin_buckets set failures = 20, last_at = now() - interval '14 minutes'
			where bucket = 'account:other@a.test'`);
		expect(
			await signIn(store, attempt({ email: 'other@a.test', address: '10.4.0.2' }))
		).toMatchObject({ ok: false, status: 429, retryAfter: expect.any(Number) });
		// The delay for the 6th failure doubles (30 s → 60 s), capped at 15 minutes.
		const { accountDelay } = await import('../../src/lib/server/queries/signin-buckets.ts');
		expect([4, 5, 6, 7, 10, 20].map(accountDelay)).toEqual([0, 30, 60, 120, 900, 900]);
	});

	it('many wrong passwords sent at once: no more checks than the limits allow', async () => {
		const burst = (n: number, over: (i: number) => Partial<SignInAttempt>) =>
			Promise.all(
				Array.from({ length: n }, (_, i) =>
					signIn(store, attempt({ password: `wrong password ${i}`, ...over(i) }))
				)
			);
		const statuses = (results: Awaited<ReturnType<typeof signIn>>[]) =>
			results.map((r) => (r.ok ? 200 : r.status));
		// One account from 30 addresses: 5 checks, the rest refused unchecked.
		const account = statuses(
			await burst(30, (i) => ({ email: 'burst@a.test', address: `10.5.0.${i}` }))
		);
		expect(account.filter((s) => s === 401).length).toBe(5);
		expect(account.filter((s) => s === 429).length).toBe(25);
		// One address for 30 accounts: 10 checks.
		const address = statuses(
			await burst(30, (i) => ({ email: `spray${i}@a.test`, address: '10.6.0.1' }))
		);
		expect(address.filter((s) => s === 401).length).toBe(10);
		expect(address.filter((s) => s === 429).length).toBe(20);
		// Refused attempts were not counted against the other limit.
		const [{ failures }] = await store.rows<{ failures: number }>(
			sql`select failures from signin_buckets where bucket = 'address:10.5.0.29'`
		);
		expect(failures).toBeLessThanOrEqual(1);
	});
});
