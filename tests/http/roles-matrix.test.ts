/**
 * Every mutating route and endpoint × every role → the expected status, against the built server
 * and its real store. Each cell starts from its own report (a month of its own), so cells do not
 * depend on one another; every refused cell must also leave the report exactly as it was.
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

const WHO = [
	'anonymous',
	'viewer',
	'otherEditor',
	'editor',
	'approver',
	'admin',
	'scopedAdmin'
] as const;
type Who = (typeof WHO)[number];
type SignedIn = Exclude<Who, 'anonymous'>;

const cookies = {} as Record<SignedIn, string>;
const cookieOf = (who: Who) => (who === 'anonymous' ? undefined : cookies[who]);

const monthOf = (year: number, n: number) =>
	`${year + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/**
 * A fresh month for every cell: 2001-01, 2001-02… 03388 had a unit then, and no figures. Only
 * drafts are written there — never approved figures, which would change what other test files
 * read from the same server (e.g. the first month with data).
 */
let monthCounter = 0;
function freshMonth(): string {
	return monthOf(2001, monthCounter++);
}

/**
 * For cells that approve: a month of the demo era (2021-01…2025-06) whose approved figures are
 * submitted again unchanged, so that approval leaves the public figures as they were.
 */
let demoCounter = 0;
async function unchangedMonth(): Promise<{ month: string; values: Record<string, string> }> {
	for (;;) {
		const month = monthOf(2021, demoCounter++);
		if (month > '2025-06') throw new Error('no demo month left for the matrix');
		const s = await state(month);
		const approved = Object.entries(s.approved);
		if (s.status === null && approved.length)
			return { month, values: Object.fromEntries(approved.map(([k, v]) => [k, String(v)])) };
	}
}

const FIGURES = {
	dossiers_received: '50',
	dossiers_received_online: '20',
	dossiers_resolved: '40',
	dossiers_resolved_on_time: '38',
	computers: '6'
};

function json(path: string, body: unknown, who: Who, origin: string | null = baseURL) {
	const cookie = cookieOf(who);
	return send(new URL(path, baseURL).href, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: {
			'content-type': 'application/json',
			...(origin ? { origin } : {}),
			...(cookie ? { cookie } : {})
		}
	});
}

async function multipart(
	path: string,
	fields: Record<string, string | File>,
	who: Who,
	origin: string | null = baseURL
): Promise<RawResponse> {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
	const cookie = cookieOf(who);
	return send(new URL(path, baseURL).href, {
		method: 'POST',
		body: Buffer.from(await encoded.arrayBuffer()),
		headers: {
			'content-type': encoded.headers.get('content-type')!,
			accept: 'text/html',
			...(origin ? { origin } : {}),
			...(cookie ? { cookie } : {})
		}
	});
}

const reportPath = (month: string, unit = UNIT) => `/api/v1/reports/${unit}/${month}`;

/** The report's token, status and approved figures, read by the administrator. */
async function state(
	month: string
): Promise<{ token: string; status: string | null; approved: Record<string, number> }> {
	const r = await send(new URL(reportPath(month), baseURL).href, {
		headers: { cookie: cookies.admin }
	});
	expect(r.status).toBe(200);
	return JSON.parse(r.text);
}

/** The editor of the unit saves (and optionally submits) a report for `month`. */
async function prepared(
	month: string,
	step: 'draft' | 'submitted',
	values: Record<string, string> = FIGURES
) {
	const { token } = await state(month);
	const r = await json(
		reportPath(month),
		{ action: step === 'draft' ? 'save' : 'submit', token, values, confirm_jumps: true },
		'editor'
	);
	expect(r.status, r.text).toBe(200);
}

const csv = (month: string, unit = UNIT) =>
	new File([`unit_code,period,computers,staff_total\n${unit},${month},4,9\n`], 'report.csv', {
		type: 'text/csv'
	});

let toggledId = '';

interface Cell {
	/** The month whose report the cell works on (checked unchanged when refused). */
	month?: string;
	send(): Promise<RawResponse>;
}

interface Row {
	route: string;
	expected: Record<Who, number>;
	cell(who: Who): Promise<Cell>;
}

/** The other commune's editor: the report lies outside their area, so it is not there (404). */
const EDIT = {
	anonymous: 401,
	viewer: 403,
	otherEditor: 404,
	editor: 200,
	approver: 200,
	admin: 200,
	scopedAdmin: 200
} as const;
const REVIEW = { ...EDIT, editor: 403 } as const;
/** The toggled user is of UNIT: the commune's administrator manages them too. */
const ADMIN = {
	anonymous: 401,
	viewer: 403,
	otherEditor: 403,
	editor: 403,
	approver: 403,
	admin: 200,
	scopedAdmin: 200
} as const;
const ALL_REFUSED = {
	anonymous: 403,
	viewer: 403,
	otherEditor: 403,
	editor: 403,
	approver: 403,
	admin: 403,
	scopedAdmin: 403
} as const;

/** A month whose report is in the state a cell needs (reviews start from approved figures). */
async function monthFor(before: 'none' | 'draft' | 'submitted'): Promise<string> {
	if (before === 'submitted') {
		const { month, values } = await unchangedMonth();
		await prepared(month, 'submitted', values);
		return month;
	}
	const month = freshMonth();
	if (before === 'draft') await prepared(month, 'draft');
	return month;
}

/** A form action on the report page, with the current token and the given fields. */
function reportAction(action: string, before: 'none' | 'draft' | 'submitted', extra = {}) {
	return async (who: Who): Promise<Cell> => {
		const month = await monthFor(before);
		const { token } = await state(month);
		return {
			month,
			send: () =>
				postForm(
					baseURL,
					`/report/${UNIT}/${month}?/${action}`,
					{ token, ...extra },
					{ cookie: cookieOf(who) }
				)
		};
	};
}

function reportJson(action: string, before: 'none' | 'draft' | 'submitted', extra = {}) {
	return async (who: Who): Promise<Cell> => {
		const month = await monthFor(before);
		const { token } = await state(month);
		return { month, send: () => json(reportPath(month), { action, token, ...extra }, who) };
	};
}

const ROWS: Row[] = [
	{
		route: 'POST /signin (own password; anonymous: a wrong one)',
		expected: {
			anonymous: 401,
			viewer: 303,
			otherEditor: 303,
			editor: 303,
			approver: 303,
			admin: 303,
			scopedAdmin: 303
		},
		cell: async (who) => ({
			send: () =>
				postForm(
					baseURL,
					'/signin',
					{
						email: who === 'anonymous' ? 'nobody@test.xaso' : TEST_USERS[who].email,
						password: who === 'anonymous' ? 'not the password' : 'correct horse battery staple'
					},
					{ from: '127.0.0.50' }
				)
		})
	},
	{
		route: 'POST /signout',
		expected: {
			anonymous: 303,
			viewer: 303,
			otherEditor: 303,
			editor: 303,
			approver: 303,
			admin: 303,
			scopedAdmin: 303
		},
		cell: async (who) => {
			// A session of its own, so that the matrix keeps its sessions.
			const cookie =
				who === 'anonymous'
					? undefined
					: (await signIn(baseURL, TEST_USERS[who].email, { from: '127.0.0.50' })).cookie;
			return { send: () => postForm(baseURL, '/signout', {}, { cookie }) };
		}
	},
	{
		route: 'POST /report/[unit]/[month]?/save',
		expected: EDIT,
		cell: reportAction('save', 'none', FIGURES)
	},
	{
		route: 'POST /report/[unit]/[month]?/submit',
		expected: EDIT,
		cell: reportAction('submit', 'none', FIGURES)
	},
	{
		route: 'POST /report/[unit]/[month]?/discard',
		expected: EDIT,
		cell: reportAction('discard', 'draft')
	},
	{
		route: 'POST /report/[unit]/[month]?/approve',
		expected: REVIEW,
		cell: reportAction('approve', 'submitted')
	},
	{
		route: 'POST /report/[unit]/[month]?/return',
		expected: REVIEW,
		cell: reportAction('return', 'submitted', { comment: 'Please check the on-time figure' })
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] {action: save}',
		expected: EDIT,
		cell: reportJson('save', 'none', { values: FIGURES })
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] {action: submit}',
		expected: EDIT,
		cell: reportJson('submit', 'none', { values: FIGURES })
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] {action: discard}',
		expected: EDIT,
		cell: reportJson('discard', 'draft')
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] {action: approve}',
		expected: REVIEW,
		cell: reportJson('approve', 'submitted')
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] {action: return}',
		expected: REVIEW,
		cell: reportJson('return', 'submitted', { comment: 'Recount, please' })
	},
	{
		route: 'POST /api/v1/imports dry_run=1',
		expected: EDIT,
		cell: async (who) => {
			const month = freshMonth();
			return {
				month,
				send: () => multipart('/api/v1/imports', { file: csv(month), dry_run: '1' }, who)
			};
		}
	},
	{
		route: 'POST /api/v1/imports',
		expected: EDIT,
		cell: async (who) => {
			const month = freshMonth();
			return { month, send: () => multipart('/api/v1/imports', { file: csv(month) }, who) };
		}
	},
	{
		route: 'POST /import?/preview',
		expected: EDIT,
		cell: async (who) => {
			const month = freshMonth();
			return { month, send: () => multipart('/import?/preview', { file: csv(month) }, who) };
		}
	},
	{
		route: 'POST /import?/upload',
		expected: EDIT,
		cell: async (who) => {
			const month = freshMonth();
			return { month, send: () => multipart('/import?/upload', { file: csv(month) }, who) };
		}
	},
	{
		route: 'POST /admin/users?/create (an administrator of the whole installation)',
		// The commune's administrator cannot grant a scope wider than their own.
		expected: { ...ADMIN, scopedAdmin: 403 },
		cell: async (who) => ({
			send: () =>
				postForm(
					baseURL,
					'/admin/users?/create',
					{
						email: `created-by-${who}@test.xaso`,
						password: 'a long enough password',
						role: 'admin',
						unit: ''
					},
					{ cookie: cookieOf(who) }
				)
		})
	},
	{
		route: 'POST /admin/users?/disable',
		expected: ADMIN,
		cell: async (who) => ({
			send: async () => {
				const r = await postForm(
					baseURL,
					'/admin/users?/disable',
					{ id: toggledId },
					{ cookie: cookieOf(who) }
				);
				// Leave the user enabled for the next cell.
				await postForm(
					baseURL,
					'/admin/users?/enable',
					{ id: toggledId },
					{ cookie: cookies.admin }
				);
				return r;
			}
		})
	},
	{
		route: 'POST /admin/users?/enable',
		expected: ADMIN,
		cell: async (who) => ({
			send: () =>
				postForm(baseURL, '/admin/users?/enable', { id: toggledId }, { cookie: cookieOf(who) })
		})
	},
	{
		route: 'POST /report/[unit]/[month]?/save from another site (Origin: evil)',
		expected: ALL_REFUSED,
		cell: async (who) => {
			const month = freshMonth();
			const { token } = await state(month);
			return {
				month,
				send: () =>
					postForm(
						baseURL,
						`/report/${UNIT}/${month}?/save`,
						{ token, ...FIGURES },
						{ cookie: cookieOf(who), origin: 'https://evil.example' }
					)
			};
		}
	},
	{
		route: 'POST /api/v1/reports/[unit]/[month] JSON without Origin',
		expected: ALL_REFUSED,
		cell: async (who) => {
			const month = freshMonth();
			const { token } = await state(month);
			return {
				month,
				send: () => json(reportPath(month), { action: 'save', token, values: FIGURES }, who, null)
			};
		}
	},
	{
		route: 'POST /api/v1/imports from another site (Origin: evil)',
		expected: ALL_REFUSED,
		cell: async (who) => {
			const month = freshMonth();
			return {
				month,
				send: () => multipart('/api/v1/imports', { file: csv(month) }, who, 'https://evil.example')
			};
		}
	}
];

beforeAll(async () => {
	for (const who of WHO)
		if (who !== 'anonymous') cookies[who] = (await signIn(baseURL, TEST_USERS[who].email)).cookie;
	const page = await send(new URL('/admin/users', baseURL).href, {
		headers: { cookie: cookies.admin }
	});
	expect(page.status).toBe(200);
	const match = /toggled@test\.xaso[\s\S]*?name="id" value="(\d+)"/.exec(page.text);
	if (!match) throw new Error('toggled user not listed on /admin/users');
	toggledId = match[1];
});

describe('role × route matrix', () => {
	const observed: Record<string, Record<Who, number>> = {};
	for (const row of ROWS)
		describe(row.route, () => {
			for (const who of WHO)
				it(`${who} → ${row.expected[who]}`, async () => {
					const cell = await row.cell(who);
					const before = cell.month ? await state(cell.month) : null;
					const response = await cell.send();
					(observed[row.route] ??= {} as Record<Who, number>)[who] = response.status;
					expect(response.status, response.text.slice(0, 300)).toBe(row.expected[who]);
					if (response.status >= 400 && before && cell.month)
						expect(await state(cell.month)).toEqual(before);
				});
		});

	it('every refusal of a signed-in user was logged as forbidden', async () => {
		const page = await send(new URL('/admin/audit?action=forbidden', baseURL).href, {
			headers: { cookie: cookies.admin }
		});
		expect(page.status).toBe(200);
		expect(page.text).toContain(TEST_USERS.otherEditor.email);
		expect(page.text).toContain(TEST_USERS.viewer.email);
		expect(page.text).toMatch(/outside your area \(03390\)/);
		expect(page.text).toMatch(/cross-site or origin-less API write/);
	});

	it('an editor of one commune cannot write another (form, JSON or file)', async () => {
		const month = freshMonth();
		const { token } = await state(month);
		const other = await postForm(
			baseURL,
			`/report/${OTHER_UNIT}/${month}?/save`,
			{ token, ...FIGURES },
			{ cookie: cookies.editor }
		);
		expect(other.status).toBe(404);
		const upload = await multipart('/api/v1/imports', { file: csv(month, OTHER_UNIT) }, 'editor');
		expect(upload.status).toBe(404);
		expect(JSON.parse(upload.text).errors).toEqual([
			expect.objectContaining({ line: 2, column: 'unit_code', code: 'out_of_scope' })
		]);
	});
});
