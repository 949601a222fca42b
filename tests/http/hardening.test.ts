/**
 * The holes of issue 16, each attack replayed against the built server: redirects off-site after
 * sign-in, control characters that ended in a 500, framing by other sites, a chunked body over
 * the limit, guessable passwords, and many wrong passwords for one account sent at once.
 */
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS, UNIT, postForm, signIn } from '../support/test-users.ts';
import { httpClient } from '../support/http-client.ts';

const baseURL = inject('baseURL');
const { get, postJson, reportToken } = httpClient(baseURL);

let admin = '';
let editor = '';
let approver = '';

const token = (month: string) => reportToken(UNIT, month, admin);

/** One workflow step on the editor's commune through the JSON API, with the current token. */
const step = async (month: string, body: Record<string, unknown>, cookie: string) =>
	postJson(`/api/v1/reports/${UNIT}/${month}`, { ...body, token: await token(month) }, cookie);

/** A POST whose body is sent in chunks, without Content-Length. */
function postChunked(
	path: string,
	headers: Record<string, string>,
	chunks: Buffer[]
): Promise<{ status: number; text: string }> {
	return new Promise((done, fail) => {
		const target = new URL(path, baseURL);
		const req = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: { ...headers, 'transfer-encoding': 'chunked' }
			},
			(res) => {
				const parts: Buffer[] = [];
				res.on('data', (c: Buffer) => parts.push(c));
				res.on('end', () =>
					done({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') })
				);
			}
		);
		// The server may answer and close before the whole body is sent.
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') fail(error);
		});
		(async () => {
			for (const chunk of chunks) {
				if (req.destroyed) return;
				if (!req.write(chunk)) await new Promise((drain) => req.once('drain', drain));
			}
			req.end();
		})().catch(fail);
	});
}

beforeAll(async () => {
	admin = (await signIn(baseURL, TEST_USERS.admin.email, { from: '127.0.0.90' })).cookie;
	editor = (await signIn(baseURL, TEST_USERS.editor.email, { from: '127.0.0.90' })).cookie;
	approver = (await signIn(baseURL, TEST_USERS.approver.email, { from: '127.0.0.90' })).cookie;
});

describe('the redirect after sign-in', () => {
	const signInWith = (next: string) =>
		postForm(
			baseURL,
			`/signin?next=${next}`,
			{ email: TEST_USERS.viewer.email, password: TEST_PASSWORD },
			{ from: '127.0.0.91' }
		);

	it.each(['/%5Cevil.example', '%2F%2Fevil.example', '/%252F%252Fevil.example'])(
		'stays on this site for next=%s',
		async (next) => {
			const r = await signInWith(next);
			expect(r.status).toBe(303);
			expect(r.headers.location).toBe('/reports');
		}
	);

	// A control character in `next` never reaches sign-in: the hook refuses it, as any parameter.
	it.each(['/%09/evil.example', '/%0a/evil.example', '%0a', '/%0d%0aSet-Cookie:%20x=y'])(
		'refuses next=%s with a 400, neither off-site nor a 500',
		async (next) => {
			const r = await signInWith(next);
			expect(r.status).toBe(400);
			expect(r.text).toContain('Parameter "next" contains a control character');
			expect(r.headers.location).toBeUndefined();
			expect(r.cookies.has('xaso_session')).toBe(false);
		}
	);

	it('still follows a path of this site, encoded as a header must be', async () => {
		const r = await signInWith(encodeURIComponent('/units/03388?indicator=on_time_rate&x=ă'));
		expect(r.headers.location).toBe('/units/03388?indicator=on_time_rate&x=%C4%83');
	});
});

describe('control characters', () => {
	it.each([
		['/api/v1/units?q=a%00b', 'q'],
		['/api/v1/units?parent=12%0D%0A', 'parent'],
		['/api/v1/values?indicator=on_time_rate&period=2024-01&level=commune&parent=%00', 'parent'],
		['/api/v1/priorities?parent=12%0D%0Ax&period=2024-01&format=csv', 'parent'],
		['/api/v1/series?indicator=on_time_rate&unit=03388%00', 'unit'],
		['/api/v1/series?indicator=on_time_rate&unit=03388&from=2024-01%0A', 'from']
	])('%s → 400 naming "%s" as JSON', async (path, name) => {
		const r = await get(path);
		expect(r.status).toBe(400);
		expect(r.headers['content-type']).toMatch(/application\/json/);
		expect(JSON.parse(r.text).error).toContain(`"${name}"`);
	});

	it.each(['/units/03388%00', '/units/%0D%0A', '/?indicator=%00', '/api/v1/units/%00'])(
		'%s → 400, not a 500',
		async (path) => {
			const r = await get(path);
			expect(r.status).toBe(400);
			expect(r.text).toMatch(/control character \(U\+00(00|0D)\)/);
		}
	);

	it('refuses them in the report page’s path, even signed in', async () => {
		const r = await get(`/report/${UNIT}%00/2024-01`, editor);
		expect(r.status).toBe(400);
		const month = await get(`/report/${UNIT}/2024-01%0A`, editor);
		expect(month.status).toBe(400);
	});

	it('refuses them in the sign-in form', async () => {
		for (const email of [`${TEST_USERS.viewer.email}\u0000`, `${TEST_USERS.viewer.email}\r\n`]) {
			const r = await postForm(
				baseURL,
				'/signin',
				{ email, password: TEST_PASSWORD },
				{ from: '127.0.0.92' }
			);
			expect(r.status).toBe(400);
			expect(r.text).toMatch(/Field (&quot;|")email(&quot;|") contains a control character/);
		}
	});

	it('keeps line breaks in a return comment but refuses NUL (form and API)', async () => {
		const month = '2019-03';
		const submitted = await step(month, { action: 'submit', values: { computers: 2 } }, editor);
		expect(submitted.status, submitted.text).toBe(200);
		const viaForm = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/return`,
			{ token: await token(month), comment: 'bad\u0000comment' },
			{ cookie: approver }
		);
		expect(viaForm.status).toBe(400);
		const viaApi = await step(month, { action: 'return', comment: 'bad\u0000comment' }, approver);
		expect(viaApi.status).toBe(400);
		expect(JSON.parse(viaApi.text).error).toMatch(/"comment" contains a control character/);
		const ok = await postForm(
			baseURL,
			`/report/${UNIT}/${month}?/return`,
			{ token: await token(month), comment: 'Line one\r\nLine two' },
			{ cookie: approver }
		);
		expect(ok.status).toBe(200);
		const state = JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text);
		expect(state.status).toBe('returned');
	});
});

describe('framing', () => {
	it.each(['/', '/units/03388', '/signin', '/reports', '/admin/users'])(
		'%s may be framed by this site only',
		async (path) => {
			// Signed in, /signin redirects: it is fetched signed out.
			const r = await get(path, path === '/signin' ? undefined : admin);
			expect(r.status).toBe(200);
			expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
			expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
		}
	);
});

describe('request bodies over the limit', () => {
	it('a chunked upload over BODY_SIZE_LIMIT is a 413', async () => {
		const boundary = 'xaso-boundary';
		const head = Buffer.from(
			`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\n` +
				'content-type: text/csv\r\n\r\n'
		);
		const block = Buffer.alloc(256 * 1024, 0x41);
		const r = await postChunked(
			'/api/v1/imports',
			{
				'content-type': `multipart/form-data; boundary=${boundary}`,
				origin: baseURL,
				cookie: editor
			},
			[head, ...Array.from({ length: 28 }, () => block), Buffer.from(`\r\n--${boundary}--\r\n`)]
		);
		expect(r.status).toBe(413);
		expect(JSON.parse(r.text).error).toMatch(/larger than 5 MB/);
	});

	it('a chunked JSON body over BODY_SIZE_LIMIT is a 413', async () => {
		const block = Buffer.alloc(256 * 1024, 0x20);
		const r = await postChunked(
			`/api/v1/reports/${UNIT}/2019-04`,
			{ 'content-type': 'application/json', origin: baseURL, cookie: editor },
			[
				Buffer.from('{"action":"save",'),
				...Array.from({ length: 28 }, () => block),
				Buffer.from('}')
			]
		);
		expect(r.status).toBe(413);
	});
});

describe('new passwords', () => {
	const create = (email: string, password: string, lang = '') =>
		postForm(
			baseURL,
			`/admin/users?${lang}/create`,
			{ email, password, role: 'viewer', unit: UNIT, name: 'New' },
			{ cookie: admin }
		);

	it('refuses one of the most common passwords, in Vietnamese or English', async () => {
		const vi = await create('common-pw@test.xaso', 'password123');
		expect(vi.status).toBe(400);
		expect(vi.text).toContain('danh sách mật khẩu phổ biến nhất');
		const en = await create('common-pw@test.xaso', 'qwertyuiop', 'lang=en&');
		expect(en.status).toBe(400);
		expect(en.text).toContain('among the most common ones');
	});

	it('refuses a password containing the email’s name part, and keeps the minimum length', async () => {
		const r = await create('tran.thi.binh@test.xaso', 'TranThiBinh-2025');
		expect(r.status).toBe(400);
		expect(r.text).toContain('không được chứa tên trong địa chỉ email (tranthibinh)');
		const short = await create('short-pw@test.xaso', 'Ab1!');
		expect(short.status).toBe(400);
		expect(short.text).toContain('ít nhất 10 ký tự');
		const fine = await create('fine-pw@test.xaso', 'suối nước nóng Vàng Pó');
		expect(fine.status).toBe(200);
	});
});

describe('sign-in throttling under a burst', () => {
	it('30 wrong passwords for one account at once get at most 5 password checks', async () => {
		const email = 'burst@test.xaso';
		const answers = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				postForm(
					baseURL,
					'/signin',
					{ email, password: `wrong password ${i}` },
					{ from: `127.0.1.${10 + i}` }
				)
			)
		);
		const statuses = answers.map((r) => r.status);
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
	});
});

describe('four eyes', () => {
	it('an approver who edited a draft cannot approve it after an editor submits it', async () => {
		const month = '2019-05';
		const edited = await step(month, { action: 'save', values: { computers: 9 } }, approver);
		expect(edited.status, edited.text).toBe(200);
		const submitted = await step(
			month,
			{ action: 'submit', values: { computers: 9, staff_total: 12 } },
			editor
		);
		expect(submitted.status, submitted.text).toBe(200);
		const r = await step(month, { action: 'approve' }, approver);
		expect(r.status).toBe(403);
		expect(JSON.parse(r.text).error).toMatch(/another approver/);
		const state = JSON.parse((await get(`/api/v1/reports/${UNIT}/${month}`, admin)).text);
		expect(state.status).toBe('submitted');
	});
});
