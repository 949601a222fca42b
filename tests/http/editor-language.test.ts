/**
 * The editor side speaks one language at a time: every page in English with `?lang=en` has no
 * Vietnamese letter left in its header and <main> (people's and units' names aside: they are
 * marked `data-name`), and in Vietnamese none of the English labels; the language stays through
 * links, form posts and the sign-in redirect; the workflow's refusals and field messages come
 * in the page's language while the API keeps its English.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_USERS, UNIT, postFile, postForm, send, signIn } from '../support/test-users.ts';
import { httpClient } from '../support/http-client.ts';

const baseURL = inject('baseURL');
const { get, postJson, reportToken } = httpClient(baseURL);

/** Letters only Vietnamese uses here (Latin-1 and Latin Extended with diacritics, not × or ÷). */
const VIETNAMESE = /[À-ÖØ-öø-ỹ]/u;
/** English labels of the editor pages that must not show on a Vietnamese page. */
const ENGLISH = [
	'Sign in',
	'Sign out',
	'Password',
	'Monthly reports',
	'Open reports',
	'To review',
	'Communes for',
	'Audit log',
	'Import a report file',
	'Users',
	'New user',
	'Save draft',
	'Submit for approval',
	'Approve and publish',
	'What happened',
	'Last saved by',
	'Submitted by',
	'Entered by',
	'Approved by',
	'Still current',
	'Measure',
	'Month',
	'Status',
	'Filter',
	'Older entries',
	'Preview',
	'Upload',
	'history',
	'version',
	'approved',
	'No approved value yet',
	'Cannot exceed',
	'Must be a number',
	'Email or password is incorrect',
	'Official Decision 766 scores',
	'Type one row',
	'Record an infrastructure change',
	'Evidence file',
	'Confirmed by'
];

const MONTH_APPROVED = '2019-07';
const MONTH_SUBMITTED = '2019-08';
const MONTH_FORM = '2019-09';

let cookies: Record<'admin' | 'approver' | 'editor' | 'viewer', string>;
let batchId = 0;

/**
 * Proper names, the same in both languages: the product's, the province's and the official
 * form's (Thông tư 01/2020/TT-VPCP names it so; the English page names it as people file it).
 */
const PROPER_NAMES = ['Xã Số', 'Lai Châu', 'Biểu số II.06a'];

/**
 * The visible text of the header, the editors' bar and <main>, and the page title, without
 * names: proper names, and what the page marks `data-name` (units, people, free text).
 */
function visibleText(html: string): { text: string; title: string } {
	const names = [...html.matchAll(/<(\w+)[^>]*\sdata-name[^>]*>([^<]*)<\/\1>/g)].map((m) => m[2]);
	let title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
	for (const name of [...PROPER_NAMES, ...names])
		if (name.trim()) title = title.split(name).join(' ');
	const start = html.indexOf('<header');
	const end = html.indexOf('</main>');
	expect(start, 'a header').toBeGreaterThan(-1);
	expect(end, 'a <main>').toBeGreaterThan(start);
	const text: string = html
		.slice(start, end)
		.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
		// Names and free text people typed, the link to the other language, the demo label (which
		// names itself in both languages by rule).
		.replace(/<(\w+)[^>]*\sdata-name[^>]*>[\s\S]*?<\/\1>/g, ' ')
		.replace(/<a[^>]*class="lang[^"]*"[^>]*>[\s\S]*?<\/a>/g, ' ')
		.replace(/<(div|aside) class="demo-bar[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(new RegExp(PROPER_NAMES.join('|'), 'g'), ' ')
		.replace(/\s+/g, ' ');
	return { text, title };
}

/** Every editor page a role may open, with the month and figure of the fixtures. */
function pagesOf(role: keyof typeof cookies): string[] {
	const common = [
		'/reports',
		`/report/${UNIT}/${MONTH_APPROVED}`,
		`/report/${UNIT}/${MONTH_SUBMITTED}`,
		`/report/${UNIT}/${MONTH_FORM}`,
		`/history/${UNIT}/${MONTH_APPROVED}/computers`,
		`/history/batch/${batchId}`,
		'/signout'
	];
	const official = ['/official', '/infrastructure'];
	if (role === 'admin') return [...common, '/import', '/admin/users', '/admin/audit', ...official];
	if (role === 'approver') return [...common, '/admin/audit', ...official];
	if (role === 'editor') return [...common, '/import', '/infrastructure'];
	return common;
}

const withLang = (path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=en`;

beforeAll(async () => {
	cookies = {
		admin: (await signIn(baseURL, TEST_USERS.admin.email)).cookie,
		approver: (await signIn(baseURL, TEST_USERS.approver.email)).cookie,
		editor: (await signIn(baseURL, TEST_USERS.editor.email)).cookie,
		viewer: (await signIn(baseURL, TEST_USERS.viewer.email)).cookie
	};
	const submit = async (month: string) => {
		const r = await postJson(
			`/api/v1/reports/${UNIT}/${month}`,
			{
				action: 'submit',
				token: await reportToken(UNIT, month, cookies.admin),
				values: { computers: 3, dossiers_received: 10 },
				confirm_jumps: true
			},
			cookies.editor
		);
		expect(r.status, r.text).toBe(200);
	};
	await submit(MONTH_APPROVED);
	const approved = await postJson(
		`/api/v1/reports/${UNIT}/${MONTH_APPROVED}`,
		{ action: 'approve', token: await reportToken(UNIT, MONTH_APPROVED, cookies.admin) },
		cookies.approver
	);
	expect(approved.status, approved.text).toBe(200);
	batchId = JSON.parse(approved.text).batchId;
	expect(batchId).toBeGreaterThan(0);
	await submit(MONTH_SUBMITTED);
	// A comment in a report returned to its editors (free text: shown, not checked).
	const returned = await postJson(
		`/api/v1/reports/${UNIT}/${MONTH_SUBMITTED}`,
		{
			action: 'return',
			token: await reportToken(UNIT, MONTH_SUBMITTED, cookies.admin),
			comment: 'Kiểm tra lại số máy tính'
		},
		cookies.approver
	);
	expect(returned.status, returned.text).toBe(200);
	await submit(MONTH_SUBMITTED);
});

describe('every editor page, for every role', () => {
	for (const role of ['admin', 'approver', 'editor', 'viewer'] as const) {
		it(`in English with ?lang=en has no Vietnamese left (${role})`, async () => {
			for (const path of pagesOf(role)) {
				const page = await get(withLang(path), cookies[role]);
				expect(page.status, path).toBe(200);
				const { text, title } = visibleText(page.text);
				expect(text, `${path}: ${text}`).not.toMatch(VIETNAMESE);
				expect(text, path).toMatch(/\b(Reports|Sign out)\b/);
				expect(title, path).not.toMatch(VIETNAMESE);
				// The language travels: every editor link and form action on the page keeps it.
				// (The language link aside: it leads to the other language.)
				const links = page.text.replace(/<a[^>]*class="lang[^"]*"[^>]*>/g, '');
				for (const [, href] of links.matchAll(
					/(?:href|action|formaction)="((?:\/|\?\/)(?:reports|report|history|import|admin|signout|official|infrastructure)[^"]*|\?\/[^"]*)"/g
				))
					expect(href.replace(/&amp;/g, '&'), `${path} links ${href}`).toMatch(/[?&]lang=en/);
			}
		});

		it(`in Vietnamese shows none of the English labels (${role})`, async () => {
			for (const path of pagesOf(role)) {
				const page = await get(path, cookies[role]);
				expect(page.status, path).toBe(200);
				const { text, title } = visibleText(page.text);
				for (const label of ENGLISH)
					expect(text, `${path} says "${label}": ${text}`).not.toMatch(
						new RegExp(`\\b${label}\\b`)
					);
				expect(title.trim(), path).not.toBe('');
				expect(text, path).toMatch(/Báo cáo|Đăng xuất/);
			}
		});
	}

	it('the sign-in and sign-out pages, signed out', async () => {
		for (const path of ['/signin', '/signout']) {
			const en = visibleText((await get(withLang(path), '')).text);
			expect(en.text, path).not.toMatch(VIETNAMESE);
			expect(en.text, path).toMatch(/Sign in|not signed in/);
			const vi = visibleText((await get(path, '')).text);
			for (const label of ENGLISH) expect(vi.text, path).not.toMatch(new RegExp(`\\b${label}\\b`));
			expect(vi.text, path).toMatch(/Đăng nhập/);
		}
	});
});

describe('the language through form posts', () => {
	it('says a sign-in refusal in the page language and keeps English after signing in', async () => {
		const from = '127.0.0.93';
		const wrong = { email: 'nobody-lang@test.xaso', password: 'not the password at all' };
		const en = await postForm(baseURL, '/signin?lang=en', wrong, { from });
		expect(en.text).toContain('Email or password is incorrect.');
		const vi = await postForm(baseURL, '/signin', wrong, { from });
		expect(vi.text).toContain('Email hoặc mật khẩu không đúng.');
		expect(visibleText(vi.text).text).not.toMatch(/incorrect/);
		const ok = await postForm(
			baseURL,
			'/signin?lang=en&next=/admin/audit',
			{ email: TEST_USERS.viewer.email, password: 'correct horse battery staple' },
			{ from }
		);
		expect(ok.status).toBe(303);
		expect(ok.headers.location).toBe('/admin/audit?lang=en');
	});

	it('says field messages and workflow refusals in the page language; the API in English', async () => {
		const bad = { dossiers_received: '10', dossiers_received_online: '12', computers: 'abc' };
		const post = async (action: string) =>
			postForm(
				baseURL,
				`/report/${UNIT}/${MONTH_FORM}${action}`,
				{ token: await reportToken(UNIT, MONTH_FORM, cookies.admin), ...bad },
				{ cookie: cookies.editor }
			);
		const en = await post('?/save&lang=en');
		expect(en.status).toBe(400);
		expect(en.text).toMatch(/id="dossiers_received_online-error"[^>]*>Cannot exceed “/);
		expect(en.text).toMatch(/id="computers-error"[^>]*>Must be a number/);
		expect(en.text).toContain('Some figures need correcting; nothing was saved.');
		expect(visibleText(en.text).text).not.toMatch(VIETNAMESE);
		const vi = await post('?/save');
		expect(vi.status).toBe(400);
		expect(vi.text).toMatch(/id="dossiers_received_online-error"[^>]*>Không được lớn hơn “/);
		expect(vi.text).toMatch(/id="computers-error"[^>]*>Phải là số/);
		expect(vi.text).toContain('Một số số liệu cần sửa; chưa có gì được lưu.');
		// A stale token: the 409 in each language.
		const stale = async (action: string) =>
			postForm(
				baseURL,
				`/report/${UNIT}/${MONTH_FORM}${action}`,
				{ token: 'stale', computers: '4' },
				{ cookie: cookies.editor }
			);
		expect((await stale('?/save&lang=en')).text).toContain('changed since you opened it');
		expect((await stale('?/save')).text).toContain('Báo cáo đã thay đổi từ khi bạn mở');
		// The API's words are those of CONTRACT.md.
		const api = await postJson(
			`/api/v1/reports/${UNIT}/${MONTH_FORM}`,
			{ action: 'save', token: 'stale', values: { computers: 4 } },
			cookies.editor
		);
		expect(api.status).toBe(409);
		expect(JSON.parse(api.text).error).toMatch(/^This report changed since you opened it/);
	});

	it('says a 403 refusal (approving your own report, a role without the right) in the page language; the API in English', async () => {
		const MONTH_OWN = '2018-11';
		const own = await postJson(
			`/api/v1/reports/${UNIT}/${MONTH_OWN}`,
			{
				action: 'submit',
				token: await reportToken(UNIT, MONTH_OWN, cookies.admin),
				values: { computers: 3 },
				confirm_jumps: true
			},
			cookies.approver
		);
		expect(own.status, own.text).toBe(200);
		const approve = async (lang: string, cookie: string) =>
			postForm(
				baseURL,
				`/report/${UNIT}/${MONTH_OWN}?/approve${lang}`,
				{ token: await reportToken(UNIT, MONTH_OWN, cookies.admin) },
				{ cookie }
			);
		// [who, English words, Vietnamese words]: one's own report, then a role without the right.
		const cases = [
			[cookies.approver, 'another approver must approve it', 'người phê duyệt khác'],
			[cookies.editor, 'cannot approve or return reports', 'không được duyệt hoặc trả lại báo cáo']
		];
		for (const [cookie, english, vietnamese] of cases) {
			const en = await approve('&lang=en', cookie);
			expect(en.status).toBe(403);
			expect(en.text).toContain(english);
			const vi = await approve('', cookie);
			expect(vi.status).toBe(403);
			expect(vi.text).toContain(vietnamese);
			expect(vi.text).not.toContain(english);
		}
		const api = await postJson(
			`/api/v1/reports/${UNIT}/${MONTH_OWN}`,
			{ action: 'approve', token: await reportToken(UNIT, MONTH_OWN, cookies.admin) },
			cookies.editor
		);
		expect(api.status).toBe(403);
		expect(JSON.parse(api.text).error).toMatch(/cannot approve or return reports/);
	});

	it('says an import refusal and the file’s problems in the page language', async () => {
		const file = () =>
			new File([`unit_code,period,computers\n${UNIT},2019-10,abc\n`], 'bad.csv', {
				type: 'text/csv'
			});
		const preview = (action: string) =>
			postFile(baseURL, `/import${action}`, file(), {}, { cookie: cookies.editor });
		const en = await preview('?/preview&lang=en');
		expect(en.status).toBe(422);
		expect(en.text).toContain('The file was rejected; nothing was written.');
		expect(en.text).toContain('is not a number');
		expect(visibleText(en.text).text).not.toMatch(VIETNAMESE);
		const vi = await preview('?/preview');
		expect(vi.status).toBe(422);
		expect(vi.text).toContain('Tệp bị từ chối; chưa ghi gì.');
		expect(vi.text).toContain('Không phải là số');
		expect(vi.text).not.toContain('is not a number');
	});

	it('says the infrastructure and official scores refusals in the page language', async () => {
		const notAPicture = () => new File(['plain text, not a photo'], 'photo.png');
		const fields = {
			unit: UNIT,
			item: 'internet_office',
			state: 'in_service',
			changed_on: '2026-01-15',
			confirmed_by: 'Nguyễn Văn A'
		};
		const infra = (action: string, form: Record<string, string> = fields) =>
			postFile(baseURL, `/infrastructure${action}`, notAPicture(), form, {
				cookie: cookies.editor
			});
		const en = await infra('?/add&lang=en');
		expect(en.status).toBe(400);
		expect(en.text).toContain('The evidence must be a JPEG, PNG or WebP photo or a PDF');
		expect(visibleText(en.text).text).not.toMatch(VIETNAMESE);
		const vi = await infra('?/add');
		expect(vi.status).toBe(400);
		expect(vi.text).toContain('Tệp minh chứng phải là ảnh JPEG, PNG, WebP hoặc PDF');
		expect(vi.text).not.toContain('The evidence must be');
		const badDate = { ...fields, changed_on: '2999-01-01' };
		expect((await infra('?/add&lang=en', badDate)).text).toContain('cannot be after today');
		expect((await infra('?/add', badDate)).text).toContain('không sau hôm nay');

		const empty = new File([], 'empty.csv');
		const official = (action: string) =>
			postFile(baseURL, `/official${action}`, empty, {}, { cookie: cookies.approver });
		const offEn = await official('?/upload&lang=en');
		expect(offEn.status).toBe(400);
		expect(offEn.text).toContain('Choose a file.');
		expect(visibleText(offEn.text).text).not.toMatch(VIETNAMESE);
		const offVi = await official('?/upload');
		expect(offVi.status).toBe(400);
		expect(offVi.text).toContain('Chọn một tệp.');
	});
});

describe('months and the editor bar in words', () => {
	const open = async (path: string) => {
		const { cookie } = await signIn(baseURL, TEST_USERS.editor.email);
		return (await send(new URL(path, baseURL).href, { headers: { cookie } })).text;
	};

	it('says "tháng 11/2026" / "November 2026", never "2026-11", on the report and reports pages', async () => {
		const vi = await open(`/report/${UNIT}/2026-11`);
		expect(vi).toContain('tháng 11/2026');
		expect(vi).not.toMatch(/· 2026-11</);
		const en = await open(`/report/${UNIT}/2026-11?lang=en`);
		expect(en).toContain('November 2026');
		const list = await open('/reports?month=2026-11');
		expect(list).toContain('Các xã, phường trong tháng 11/2026');
		expect(await open('/reports?month=2026-11&lang=en')).toContain('Communes for November 2026');
	});

	it("the editor bar names the user's unit, not only its code", async () => {
		const page = await open('/import');
		expect(page).toMatch(/data-unit="03388"[^>]*>Phường Đoàn Kết \(03388\)</);
	});
});
