/**
 * Accounts and safety over HTTP, against the built server: cookie attributes, generic failures,
 * rotation, sign-out and disabling that end sessions on the server, throttling per address and
 * per account (with the device cookie that spares the owner), same-origin writes, fields that
 * must be ignored, text that must never become HTML, upload limits, and approval as the only way
 * into the public figures.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS, UNIT, postForm, send, signIn } from '../support/test-users.ts';
import { httpClient } from '../support/http-client.ts';

const baseURL = inject('baseURL');
const { url, get, postJson, reportToken } = httpClient(baseURL);

let admin = '';
let editor = '';
let approver = '';

async function upload(bytes: Uint8Array | string, name: string, cookie: string, extra = {}) {
	const form = new FormData();
	form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
	for (const [k, v] of Object.entries(extra)) form.append(k, String(v));
	const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
	return send(url('/api/v1/imports'), {
		method: 'POST',
		body: Buffer.from(await encoded.arrayBuffer()),
		headers: { 'content-type': encoded.headers.get('content-type')!, origin: baseURL, cookie }
	});
}

const token = (month: string) => reportToken(UNIT, month, admin);

beforeAll(async () => {
	admin = (await signIn(baseURL, TEST_USERS.admin.email)).cookie;
	editor = (await signIn(baseURL, TEST_USERS.editor.email)).cookie;
	approver = (await signIn(baseURL, TEST_USERS.approver.email)).cookie;
});

describe('sign-in', () => {
	it('sets an HttpOnly, SameSite=Lax session cookie (not Secure over http) and a device cookie', async () => {
		const r = await postForm(baseURL, '/signin', {
			email: TEST_USERS.viewer.email,
			password: TEST_PASSWORD
		});
		expect(r.status).toBe(303);
		expect(r.headers.location).toBe('/reports');
		const session = r.setCookie.find((c) => c.startsWith('xaso_session='))!;
		expect(session).toMatch(/HttpOnly/i);
		expect(session).toMatch(/SameSite=Lax/i);
		expect(session).toMatch(/Path=\//);
		expect(session).toMatch(/Max-Age=43200/);
		expect(session).not.toMatch(/Secure/i);
		expect(r.cookies.get('xaso_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const device = r.setCookie.find((c) => c.startsWith('xaso_device='))!;
		expect(device).toMatch(/HttpOnly/i);
		expect(device).toMatch(/Path=\/signin/);
	});

	it('answers a wrong password and an unknown email alike, without a session', async () => {
		const wrong = await postForm(
			baseURL,
			'/signin?lang=en',
			{ email: TEST_USERS.viewer.email, password: 'not the password' },
			{ from: '127.0.0.60' }
		);
		const unknown = await postForm(
			baseURL,
			'/signin?lang=en',
			{ email: 'nobody@test.xaso', password: 'not the password' },
			{ from: '127.0.0.60' }
		);
		for (const r of [wrong, unknown]) {
			expect(r.status).toBe(401);
			expect(r.text).toContain('Email or password is incorrect.');
			expect(r.cookies.has('xaso_session')).toBe(false);
		}
	});

	it('redirects only to paths of this site', async () => {
		const r = await postForm(baseURL, '/signin?next=//evil.example/x', {
			email: TEST_USERS.viewer.email,
			password: TEST_PASSWORD
		});
		expect(r.headers.location).toBe('/reports');
		const ok = await postForm(
			baseURL,
			`/signin?next=${encodeURIComponent('/report/03388/2026-01')}`,
			{
				email: TEST_USERS.viewer.email,
				password: TEST_PASSWORD
			}
		);
		expect(ok.headers.location).toBe('/report/03388/2026-01');
	});

	it('sends pages of the editors’ area to sign-in when signed out', async () => {
		const r = await get('/reports');
		expect(r.status).toBe(303);
		expect(r.headers.location).toBe('/signin?next=%2Freports');
	});

	it('rotates the session at sign-in and ends it at sign-out', async () => {
		const first = await signIn(baseURL, TEST_USERS.viewer.email);
		expect((await get('/reports', first.cookie)).status).toBe(200);
		const again = await postForm(
			baseURL,
			'/signin',
			{ email: TEST_USERS.viewer.email, password: TEST_PASSWORD },
			{ cookie: first.cookie }
		);
		const second = `xaso_session=${again.cookies.get('xaso_session')}`;
		expect(second).not.toBe(first.cookie);
		expect((await get('/reports', first.cookie)).status).toBe(303);
		expect((await get('/reports', second)).status).toBe(200);
		const out = await postForm(baseURL, '/signout', {}, { cookie: second });
		expect(out.status).toBe(303);
		// The row is gone: replaying the cookie does not help.
		expect((await get('/reports', second)).status).toBe(303);
	});

	it('disabling a user ends their sessions at once', async () => {
		const victim = await signIn(baseURL, TEST_USERS.disableMe.email);
		expect((await get('/reports', victim.cookie)).status).toBe(200);
		const page = await get('/admin/users', admin);
		const id = /disable-me@test\.xaso[\s\S]*?name="id" value="(\d+)"/.exec(page.text)![1];
		expect(
			(await postForm(baseURL, '/admin/users?/disable', { id }, { cookie: admin })).status
		).toBe(200);
		expect((await get('/reports', victim.cookie)).status).toBe(303);
		const retry = await postForm(
			baseURL,
			'/signin',
			{ email: TEST_USERS.disableMe.email, password: TEST_PASSWORD },
			{ from: '127.0.0.61' }
		);
		expect(retry.status).toBe(401);
	});
});

describe('throttling', () => {
	it('per address: after 10 failures, even the right password waits (429 + Retry-After)', async () => {
		const from = '127.0.0.66';
		for (let i = 0; i < 10; i++) {
			const r = await postForm(
				baseURL,
				'/signin',
				{ email: `guess-${i}@test.xaso`, password: 'not the password' },
				{ from }
			);
			expect(r.status).toBe(401);
		}
		const blocked = await postForm(
			baseURL,
			'/signin?lang=en',
			{ email: TEST_USERS.addressLimited.email, password: TEST_PASSWORD },
			{ from }
		);
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
		expect(blocked.text).toContain('Too many failed sign-ins from this network');
		// Other addresses are not affected.
		await signIn(baseURL, TEST_USERS.addressLimited.email, { from: '127.0.0.67' });
	});

	it('per account: 5 failures, then a delay — except in a browser the owner used before', async () => {
		const email = TEST_USERS.throttled.email;
		const owner = await signIn(baseURL, email, { from: '127.0.0.70' });
		expect(owner.device).toBeTruthy();
		for (let i = 0; i < 5; i++) {
			const r = await postForm(
				baseURL,
				'/signin',
				{ email, password: 'not the password' },
				{ from: `127.0.0.${71 + i}` }
			);
			expect(r.status).toBe(401);
		}
		const attacker = await postForm(
			baseURL,
			'/signin?lang=en',
			{ email, password: TEST_PASSWORD },
			{ from: '127.0.0.80' }
		);
		expect(attacker.status).toBe(429);
		expect(Number(attacker.headers['retry-after'])).toBeLessThanOrEqual(30);
		expect(attacker.text).toContain('Too many failed sign-ins for this account');
		// The owner's browser still signs in.
		await signIn(baseURL, email, { from: '127.0.0.81', device: owner.device });
	});
});

describe('cross-site requests', () => {
	it('refuses form posts from another origin (SvelteKit) and API writes without our Origin', async () => {
		const form = await postForm(
			baseURL,
			'/signin',
			{ email: TEST_USERS.viewer.email, password: TEST_PASSWORD },
			{ origin: 'https://evil.example' }
		);
		expect(form.status).toBe(403);
		const json = await send(url(`/api/v1/reports/${UNIT}/2026-01`), {
			method: 'POST',
			body: JSON.stringify({ action: 'save', token: '0:0', values: {} }),
			headers: {
				'content-type': 'application/json',
				origin: 'https://evil.example',
				cookie: editor
			}
		});
		expect(json.status).toBe(403);
		expect(JSON.parse(json.text).error).toMatch(/Cross-site/);
	});
});

describe('server-side rules', () => {
	it('ignores role and user fields sent with a form', async () => {
		const month = '2020-01';
		const r = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/save`,
			{
				token: await token(month),
				computers: '3',
				role: 'admin',
				user_id: '1',
				updated_by: '1',
				submitted_by: '1',
				status: 'approved'
			},
			{ cookie: editor }
		);
		expect(r.status).toBe(200);
		const state = JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text);
		expect(state.status).toBe('draft');
		const page = await get(`/report/${UNIT}/${month}`, admin);
		expect(page.text).toContain(TEST_USERS.editor.email);
		// An editor cannot approve, whatever the form says.
		const approve = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/approve`,
			{ token: await token(month), role: 'approver' },
			{ cookie: editor }
		);
		expect(approve.status).toBe(403);
	});

	it('shows field messages next to the fields and refuses a stale save', async () => {
		const month = '2020-02';
		const t0 = await token(month);
		const bad = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/save&lang=en`,
			{ token: t0, dossiers_received: '10', dossiers_received_online: '12', computers: 'abc' },
			{ cookie: editor }
		);
		expect(bad.status).toBe(400);
		expect(bad.text).toMatch(/id="dossiers_received_online-error"[^>]*>Cannot exceed/);
		expect(bad.text).toMatch(/id="computers-error"[^>]*>Must be a number/);
		const first = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/save`,
			{ token: t0, computers: '5' },
			{ cookie: editor }
		);
		expect(first.status).toBe(200);
		const second = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/save&lang=en`,
			{ token: t0, computers: '7' },
			{ cookie: approver }
		);
		expect(second.status).toBe(409);
		expect(second.text).toContain('changed since you opened it');
		const state = JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text);
		expect(state.draft).toEqual({ computers: 5 });
	});

	it('never renders names or comments as HTML', async () => {
		const month = '2020-03';
		const scripted = await signIn(baseURL, TEST_USERS.scriptName.email);
		const save = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{ action: 'submit', token: await token(month), values: { computers: 2 } },
			scripted.cookie
		);
		expect(save.status).toBe(200);
		const comment = '<script>alert("x")</script> check';
		const ret = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{ action: 'return', token: await token(month), comment },
			approver
		);
		expect(ret.status).toBe(200);
		const page = await get(`/report/${UNIT}/${month}`, scripted.cookie);
		expect(page.status).toBe(200);
		expect(page.text).not.toContain('<script>alert("x")</script>');
		expect(page.text).toContain('&lt;script>alert("x")&lt;/script> check');
		expect(page.text).not.toContain('<img src=x onerror=alert(1)>');
		expect(page.text).toContain('&lt;img src=x onerror=alert(1)>');
		expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
	});

	it('an approver of another area cannot approve or return (404: not in their area)', async () => {
		const month = '2020-07';
		const submitted = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{ action: 'submit', token: await token(month), values: { computers: 2 } },
			editor
		);
		expect(submitted.status).toBe(200);
		const outsider = (await signIn(baseURL, TEST_USERS.otherApprover.email)).cookie;
		for (const body of [{ action: 'approve' }, { action: 'return', comment: 'no' }]) {
			const r = await postJson(
				`/api/v1/reports/${UNIT}/${month}`,
				{ ...body, token: await token(month) },
				outsider
			);
			expect(r.status).toBe(404);
			expect(JSON.parse(r.text).error).toMatch(/outside your area/);
		}
		expect(JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text).status).toBe(
			'submitted'
		);
	});

	it('an approver cannot approve a report they submitted', async () => {
		const month = '2020-04';
		const own = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{ action: 'submit', token: await token(month), values: { computers: 2 } },
			approver
		);
		expect(own.status).toBe(200);
		const r = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{ action: 'approve', token: await token(month) },
			approver
		);
		expect(r.status).toBe(403);
		expect(JSON.parse(r.text).error).toMatch(/another approver/);
	});
});

describe('uploads', () => {
	it('413 over 5 MB, 422 with every row error, 200 counts for a preview', async () => {
		const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
		const tooBig = await upload(big, 'big.csv', editor);
		expect(tooBig.status).toBe(413);
		expect(JSON.parse(tooBig.text).error).toMatch(/larger than 5 MB/);
		const bad = await upload(
			'unit_code,period,computers\n03388,2020-05,-1\n03388,2099-01,1\n',
			'bad.csv',
			editor
		);
		expect(bad.status).toBe(422);
		expect(JSON.parse(bad.text).errors).toEqual([
			expect.objectContaining({ line: 2, column: 'computers', code: 'negative' }),
			expect.objectContaining({ line: 3, column: 'period', code: 'future_period' })
		]);
		const preview = await upload(
			'unit_code,period,computers\n03388,2020-05,4\n',
			'ok.csv',
			editor,
			{ dry_run: 1 }
		);
		expect(preview.status).toBe(200);
		expect(JSON.parse(preview.text)).toMatchObject({
			inserted: 1,
			updated: 0,
			unchanged: 0,
			dry_run: true
		});
	});
});

describe('only approved figures are public', () => {
	it('a submitted report changes nothing in the public API until it is approved', async () => {
		// A demo month: the figure is changed, checked, then put back, so that other test files
		// reading the same server see the demo figures.
		const month = '2024-06';
		const report = async () =>
			JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text) as {
				token: string;
				approved: Record<string, number>;
			};
		const publicValue = () =>
			get(`/api/v1/values?indicator=dossier_volume&period=${month}&level=commune`).then(
				(r) =>
					JSON.parse(r.text).rows.find((row: { unit_code: string }) => row.unit_code === UNIT)
						?.value as number | null
			);
		const original = (await report()).approved.dossiers_received;
		expect(original).toBeGreaterThan(0);
		expect(await publicValue()).toBe(original);
		const submitAndApprove = async (value: number, check: () => Promise<void>) => {
			const submitted = await postJson(
				`/api/v1/reports/${UNIT}/${month}`,
				{
					action: 'submit',
					token: (await report()).token,
					values: { dossiers_received: value },
					confirm_jumps: true
				},
				editor
			);
			expect(submitted.status, submitted.text).toBe(200);
			await check();
			const approved = await postJson(
				`/api/v1/reports/${UNIT}/${month}`,
				{ action: 'approve', token: (await report()).token },
				approver
			);
			expect(approved.status, approved.text).toBe(200);
			return JSON.parse(approved.text);
		};
		const changed = await submitAndApprove(original + 1, async () => {
			expect(await publicValue()).toBe(original);
		});
		expect(changed).toMatchObject({ inserted: 0, updated: 1 });
		expect(await publicValue()).toBe(original + 1);
		// The figure's history names who entered it, who approved it, and the source.
		const history = await get(`/history/${UNIT}/${month}/dossiers_received?lang=en`, editor);
		expect(history.status).toBe(200);
		expect(history.text).toContain(TEST_USERS.editor.email);
		expect(history.text).toContain(TEST_USERS.approver.email);
		expect(history.text).toMatch(/form #\d+/);
		await submitAndApprove(original, async () => {});
		expect(await publicValue()).toBe(original);
	});
});
