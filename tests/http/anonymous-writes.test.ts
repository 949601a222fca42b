/**
 * Issue 16, item 10: writes from nobody signed in are refused and counted, not written to the
 * audit log one row each — an anonymous flood filled the audit table. The count is on the
 * installation administrator's audit page (and once a minute in the server log).
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_USERS, UNIT, postForm, send, signIn } from '../support/test-users.ts';

const baseURL = inject('baseURL');
let admin = '';

const auditPage = (query = '') =>
	send(new URL(`/admin/audit${query}`, baseURL).href, { headers: { cookie: admin } });

/** The refused anonymous writes of the last hour, as the audit page shows them (NaN: none). */
async function counted(): Promise<number> {
	const page = await auditPage();
	expect(page.status).toBe(200);
	const match = /id="anonymous-hour"[^>]*>([\d.]+)</.exec(page.text);
	return match ? Number(match[1].replaceAll('.', '')) : NaN;
}

beforeAll(async () => {
	admin = (await signIn(baseURL, TEST_USERS.admin.email)).cookie;
});

describe('anonymous writes', () => {
	it('50 anonymous POSTs add no audit row, and are counted', async () => {
		// Carried by every request that can say so: an old server logged it in each row's detail.
		const marker = `flood-${randomBytes(4).toString('hex')}`;
		const origin = `https://${marker}.example`;
		const before = await counted();
		const posts: Promise<{ status: number }>[] = [];
		for (let i = 0; i < 20; i++)
			posts.push(
				send(new URL(`/api/v1/reports/${UNIT}/2001-0${(i % 9) + 1}`, baseURL).href, {
					method: 'POST',
					body: JSON.stringify({ action: 'save', token: '0:0', values: {} }),
					headers: { 'content-type': 'application/json', origin }
				})
			);
		for (let i = 0; i < 15; i++)
			posts.push(
				send(new URL('/api/v1/imports', baseURL).href, {
					method: 'POST',
					body: 'unit_code,period\n',
					headers: { 'content-type': 'text/csv', origin }
				})
			);
		for (let i = 0; i < 10; i++)
			posts.push(
				postForm(baseURL, i % 2 ? `/report/${UNIT}/2001-01?/save` : '/admin/users?/create', {
					email: `${marker}@test.xaso`,
					password: 'x',
					role: 'admin',
					unit: ''
				})
			);
		for (let i = 0; i < 5; i++)
			posts.push(
				send(new URL(`/api/v1/reports/${UNIT}/2001-01`, baseURL).href, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' }
				})
			);
		const statuses = (await Promise.all(posts)).map((r) => r.status);
		expect(new Set(statuses)).toEqual(new Set([401, 403]));
		const refused = await auditPage('?action=forbidden');
		expect(refused.text).not.toContain(marker);
		expect(refused.text).not.toMatch(/<td[^>]*>anonymous<\/td>/);
		expect((await counted()) - before).toBeGreaterThanOrEqual(50);
	});

	it('counts the sign-ins the throttle refuses instead of logging each', async () => {
		const email = `flood-${randomBytes(4).toString('hex')}@test.xaso`;
		const before = await counted();
		const statuses: number[] = [];
		// Five failures for the account, then the throttle refuses the next fifteen.
		for (let i = 0; i < 20; i++)
			statuses.push(
				(
					await postForm(
						baseURL,
						'/signin',
						{ email, password: 'not the password' },
						{ from: '127.0.0.61' }
					)
				).status
			);
		expect(statuses.filter((s) => s === 429)).toHaveLength(15);
		const failed = await auditPage('?action=signin_failed');
		const rows = failed.text.split(`>${email}<`).length - 1;
		expect(rows).toBe(5);
		expect((await counted()) - before).toBeGreaterThanOrEqual(15);
	});
});
