/**
 * Issue 16, item 5: what lies outside a signed-in user's area — users, audit entries, batches,
 * reports — is a 404 on every page and endpoint, never a 403 that confirms it, never the data.
 * The attacks: a commune's administrator listing and disabling every user of the installation, a
 * viewer of one commune opening another's batch page (its editors' e-mail addresses), an editor
 * learning from an upload that another commune's report awaits approval.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
	OTHER_UNIT,
	TEST_USERS,
	UNIT,
	postForm,
	send,
	signIn,
	type RawResponse
} from '../support/test-users.ts';

const baseURL = inject('baseURL');

const WHO = ['admin', 'scopedAdmin', 'editor', 'otherEditor', 'otherViewer', 'approver'] as const;
type Who = (typeof WHO)[number];
const cookies = {} as Record<Who, string>;

const get = (path: string, who: Who) =>
	send(new URL(path, baseURL).href, { headers: { cookie: cookies[who] } });

function postJson(path: string, body: unknown, who: Who) {
	return send(new URL(path, baseURL).href, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', origin: baseURL, cookie: cookies[who] }
	});
}

async function upload(csv: string, who: Who): Promise<RawResponse> {
	const form = new FormData();
	form.append('file', new File([csv], 'report.csv', { type: 'text/csv' }));
	form.append('dry_run', '1');
	const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
	return send(new URL('/api/v1/imports', baseURL).href, {
		method: 'POST',
		body: Buffer.from(await encoded.arrayBuffer()),
		headers: {
			'content-type': encoded.headers.get('content-type')!,
			origin: baseURL,
			cookie: cookies[who]
		}
	});
}

const reportApi = (unit: string, month: string) => `/api/v1/reports/${unit}/${month}`;

async function report(unit: string, month: string) {
	const r = await get(reportApi(unit, month), 'admin');
	expect(r.status, r.text).toBe(200);
	return JSON.parse(r.text) as {
		token: string;
		status: string | null;
		approved: Record<string, number>;
	};
}

/** The id the installation's administrator sees beside a user's e-mail on /admin/users. */
async function userId(email: string): Promise<string> {
	const page = await get('/admin/users', 'admin');
	const match = new RegExp(`${email.replace(/\./g, '\\.')}[\\s\\S]*?name="id" value="(\\d+)"`).exec(
		page.text
	);
	if (!match) throw new Error(`${email} not listed on /admin/users`);
	return match[1];
}

/** A batch that wrote UNIT's figures only: a demo month of UNIT resubmitted and approved. */
let batchId = 0;
/** A month whose report of UNIT exists (approved figures), and one of OTHER_UNIT awaiting approval. */
let month = '';
const OTHER_MONTH = '2002-01';

beforeAll(async () => {
	for (const who of WHO) cookies[who] = (await signIn(baseURL, TEST_USERS[who].email)).cookie;
	// From the end of the demo era, away from the months the role matrix takes from its start.
	for (let n = 0; n < 48 && !batchId; n++) {
		const candidate = `${2025 - Math.floor((n + 6) / 12)}-${String(12 - ((n + 6) % 12)).padStart(2, '0')}`;
		const r = await report(UNIT, candidate);
		if (r.status !== null || Object.keys(r.approved).length === 0) continue;
		const values = Object.fromEntries(Object.entries(r.approved).map(([k, v]) => [k, String(v)]));
		const submitted = await postJson(
			reportApi(UNIT, candidate),
			{ action: 'submit', token: r.token, values, confirm_jumps: true },
			'editor'
		);
		expect(submitted.status, submitted.text).toBe(200);
		const approved = await postJson(
			reportApi(UNIT, candidate),
			{ action: 'approve', token: JSON.parse(submitted.text).token },
			'approver'
		);
		expect(approved.status, approved.text).toBe(200);
		batchId = JSON.parse(approved.text).batchId;
		month = candidate;
	}
	expect(batchId).toBeGreaterThan(0);
	// OTHER_UNIT's report of OTHER_MONTH waits for approval.
	const other = await report(OTHER_UNIT, OTHER_MONTH);
	if (other.status !== 'submitted') {
		const r = await postJson(
			reportApi(OTHER_UNIT, OTHER_MONTH),
			{
				action: 'submit',
				token: other.token,
				values: { staff_total: '12', computers: '6' },
				confirm_jumps: true
			},
			'otherEditor'
		);
		expect(r.status, r.text).toBe(200);
	}
});

/** Every cell: who asks what, and the status they get. */
interface Row {
	what: string;
	request(who: Who): Promise<RawResponse>;
	expected: Record<Who, number>;
	/** Text that must not appear in a refused answer. */
	secret?: RegExp;
}

/** UNIT's things: its administrator and editor see them; the other commune's people do not. */
const OF_UNIT = {
	admin: 200,
	scopedAdmin: 200,
	editor: 200,
	otherEditor: 404,
	otherViewer: 404,
	approver: 200
} as const;
const OF_OTHER_UNIT = {
	admin: 200,
	scopedAdmin: 404,
	editor: 404,
	otherEditor: 200,
	otherViewer: 200,
	approver: 200
} as const;

const ROWS: Row[] = [
	{
		what: 'GET /history/batch/[id] of a batch of UNIT only',
		request: (who) => get(`/history/batch/${batchId}`, who),
		expected: OF_UNIT,
		secret: /editor@test\.xaso|approver@test\.xaso/
	},
	{
		what: 'GET /report/[unit]/[month] of UNIT',
		request: (who) => get(`/report/${UNIT}/${month}`, who),
		expected: OF_UNIT,
		secret: /editor@test\.xaso|approver@test\.xaso/
	},
	{
		what: 'GET /history/[unit]/[month]/computers of UNIT',
		request: (who) => get(`/history/${UNIT}/${month}/computers`, who),
		expected: OF_UNIT,
		secret: /editor@test\.xaso/
	},
	{
		what: 'GET /api/v1/reports/[unit]/[month] of UNIT',
		request: (who) => get(reportApi(UNIT, month), who),
		expected: OF_UNIT,
		secret: /"approved"/
	},
	{
		what: 'GET /report/[unit]/[month] of OTHER_UNIT (awaiting approval)',
		request: (who) => get(`/report/${OTHER_UNIT}/${OTHER_MONTH}`, who),
		expected: OF_OTHER_UNIT,
		secret: /other-editor@test\.xaso|submitted/
	},
	{
		what: 'GET /api/v1/reports/[unit]/[month] of OTHER_UNIT',
		request: (who) => get(reportApi(OTHER_UNIT, OTHER_MONTH), who),
		expected: OF_OTHER_UNIT,
		secret: /"draft"|submitted/
	},
	{
		what: 'POST /api/v1/reports/[unit]/[month] {save} of OTHER_UNIT with a stale token',
		request: (who) =>
			postJson(reportApi(OTHER_UNIT, OTHER_MONTH), { action: 'save', token: 'x' }, who),
		// In the area: the token is stale or the report locked (409), or the role refuses (403).
		expected: { ...OF_OTHER_UNIT, admin: 409, otherEditor: 409, otherViewer: 403, approver: 409 },
		secret: /submitted/
	}
];

describe('area × route matrix', () => {
	for (const row of ROWS)
		describe(row.what, () => {
			for (const who of WHO)
				it(`${who} → ${row.expected[who]}`, async () => {
					const r = await row.request(who);
					expect(r.status, r.text.slice(0, 300)).toBe(row.expected[who]);
					if (r.status === 404 && row.secret) expect(r.text).not.toMatch(row.secret);
				});
		});

	it('a batch that does not exist is the same 404 as one outside the area', async () => {
		const missing = await get('/history/batch/99999999', 'otherViewer');
		const outside = await get(`/history/batch/${batchId}`, 'otherViewer');
		expect(missing.status).toBe(404);
		expect(outside.status).toBe(404);
	});
});

describe('an administrator of one commune', () => {
	it('lists the users of their commune only', async () => {
		const page = await get('/admin/users', 'scopedAdmin');
		expect(page.status).toBe(200);
		// Whole cells: scoped-admin@… contains admin@….
		const cell = (who: keyof typeof TEST_USERS) => `>${TEST_USERS[who].email}<`;
		expect(page.text).toContain(cell('editor'));
		expect(page.text).toContain(cell('scopedTarget'));
		for (const outside of ['admin', 'approver', 'viewer', 'otherEditor', 'otherViewer'] as const)
			expect(page.text).not.toContain(cell(outside));
	});

	it('cannot disable or enable a user outside the commune: 404, and the user stays as was', async () => {
		const id = await userId(TEST_USERS.otherViewer.email);
		for (const action of ['disable', 'enable']) {
			const r = await postForm(
				baseURL,
				`/admin/users?/${action}`,
				{ id },
				{
					cookie: cookies.scopedAdmin
				}
			);
			expect(r.status, r.text.slice(0, 300)).toBe(404);
			expect(r.text).not.toContain(TEST_USERS.otherViewer.email);
		}
		expect((await get(`/report/${OTHER_UNIT}/${OTHER_MONTH}`, 'otherViewer')).status).toBe(200);
	});

	it('disables and enables a user of the commune', async () => {
		const id = await userId(TEST_USERS.scopedTarget.email);
		const off = await postForm(
			baseURL,
			'/admin/users?/disable',
			{ id },
			{
				cookie: cookies.scopedAdmin
			}
		);
		expect(off.status, off.text.slice(0, 300)).toBe(200);
		const on = await postForm(
			baseURL,
			'/admin/users?/enable',
			{ id },
			{
				cookie: cookies.scopedAdmin
			}
		);
		expect(on.status).toBe(200);
	});

	it('creates users inside the commune only, and never with a wider scope', async () => {
		const create = (email: string, role: string, unit: string) =>
			postForm(
				baseURL,
				'/admin/users?/create',
				{ email, password: 'a long enough password', role, unit },
				{ cookie: cookies.scopedAdmin }
			);
		// The whole installation, the province, the old district of UNIT, another commune.
		for (const unit of ['', '12', '105', OTHER_UNIT]) {
			const r = await create(`wider-${unit || 'all'}@test.xaso`, 'admin', unit);
			expect(r.status, `unit "${unit}": ${r.text.slice(0, 300)}`).toBe(403);
		}
		const inside = await create('inside@test.xaso', 'editor', UNIT);
		expect(inside.status, inside.text.slice(0, 300)).toBe(200);
		const page = await get('/admin/users', 'admin');
		expect(page.text).toContain('inside@test.xaso');
		expect(page.text).not.toMatch(/wider-[^@]*@test\.xaso/);
	});

	it("reads the audit entries of the commune's units only", async () => {
		const page = await get('/admin/audit', 'scopedAdmin');
		expect(page.status).toBe(200);
		const units = [...page.text.matchAll(/<td[^>]*>(?:<!---->)?(\d{2,5}) · \d{4}-\d{2}/g)].map(
			(m) => m[1]
		);
		expect(units.length).toBeGreaterThan(0);
		expect(new Set(units)).toEqual(new Set([UNIT]));
		expect(page.text).not.toMatch(/<td[^>]*>signin<\/td>/);
	});
});

describe('an upload naming another commune', () => {
	it('is a 404 that says nothing of that commune’s report awaiting approval', async () => {
		const r = await upload(
			`unit_code,period,computers\n${OTHER_UNIT},${OTHER_MONTH},4\n`,
			'editor'
		);
		expect(r.status, r.text.slice(0, 300)).toBe(404);
		const body = JSON.parse(r.text) as { errors: { code: string }[] };
		expect(body.errors.map((e) => e.code)).toEqual(['out_of_scope']);
		expect(r.text).not.toMatch(/submitted|approval/);
	});
});
