/**
 * Test-only accounts. The HTTP harness (server-setup.ts) creates them in the server's store before
 * the server starts — PGlite allows one process per data directory — through the same `addUser`
 * that `npm run user:add` calls. This path exists only in the test harness: the production
 * server has no way to create users without an administrator.
 *
 * Also a tiny HTTP client that can send from any 127.0.0.x address, so that sign-in throttling
 * (per client address) in one test does not spill into another.
 */
import { request as httpRequest } from 'node:http';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
	email: string;
	role: 'admin' | 'approver' | 'editor' | 'viewer';
	unit: string | null;
	name: string;
}

/** The commune the editor reports for, and another one (both codes exist in both eras). */
export const UNIT = '03388';
export const OTHER_UNIT = '03390';

export const TEST_USERS = {
	admin: { email: 'admin@test.xaso', role: 'admin', unit: null, name: 'Admin' },
	approver: { email: 'approver@test.xaso', role: 'approver', unit: '12', name: 'Approver' },
	editor: { email: 'editor@test.xaso', role: 'editor', unit: UNIT, name: 'Editor' },
	otherEditor: { email: 'other-editor@test.xaso', role: 'editor', unit: OTHER_UNIT, name: 'Other' },
	otherApprover: {
		email: 'other-approver@test.xaso',
		role: 'approver',
		unit: OTHER_UNIT,
		name: 'Other approver'
	},
	viewer: { email: 'viewer@test.xaso', role: 'viewer', unit: '12', name: 'Viewer' },
	/** An administrator of one commune: manages its users only, sees its reports only. */
	scopedAdmin: { email: 'scoped-admin@test.xaso', role: 'admin', unit: UNIT, name: 'Scoped admin' },
	otherViewer: {
		email: 'other-viewer@test.xaso',
		role: 'viewer',
		unit: OTHER_UNIT,
		name: 'Other viewer'
	},
	/** Disabled and enabled again by the scoped administrator. */
	scopedTarget: {
		email: 'scoped-target@test.xaso',
		role: 'viewer',
		unit: UNIT,
		name: 'Scoped target'
	},
	throttled: { email: 'throttled@test.xaso', role: 'viewer', unit: '12', name: 'Throttled' },
	addressLimited: { email: 'address@test.xaso', role: 'viewer', unit: '12', name: 'Address' },
	disableMe: { email: 'disable-me@test.xaso', role: 'editor', unit: UNIT, name: 'Disable me' },
	toggled: { email: 'toggled@test.xaso', role: 'viewer', unit: UNIT, name: 'Toggled' },
	scriptName: {
		email: 'script@test.xaso',
		role: 'editor',
		unit: UNIT,
		name: '<img src=x onerror=alert(1)>'
	}
} as const satisfies Record<string, TestUser>;

/** Creates the test users in the store the server is about to open (never while it runs). */
export async function createTestUsers(env: { DATA_DIR?: string; DATABASE_URL?: string }) {
	const { openStore } = await import('../../src/lib/server/db/index.ts');
	const { prepareStore } = await import('../../src/lib/server/services/setup.ts');
	const { addUser } = await import('../../src/lib/server/auth/user-admin.ts');
	const store = await openStore(
		env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR }
	);
	try {
		// Units must exist for the scopes; the server adds demo figures later as usual.
		await prepareStore(store, { demo: false });
		for (const user of Object.values(TEST_USERS)) {
			const result = await addUser(
				store,
				{
					email: user.email,
					password: TEST_PASSWORD,
					role: user.role,
					unitCode: user.unit,
					displayName: user.name
				},
				{ userId: null, actor: 'test-harness' }
			);
			if (!result.ok) throw new Error(`test user ${user.email}: ${JSON.stringify(result.errors)}`);
		}
	} finally {
		await store.close();
	}
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** name=value of every Set-Cookie. */
	cookies: Map<string, string>;
	setCookie: string[];
}

/** One HTTP request from a chosen loopback address (default 127.0.0.1); redirects not followed. */
export function send(
	url: string,
	options: {
		method?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
		from?: string;
	} = {}
): Promise<RawResponse> {
	return new Promise((done, fail) => {
		const target = new URL(url);
		const body = options.body === undefined ? undefined : Buffer.from(options.body);
		const req = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: options.method ?? 'GET',
				localAddress: options.from,
				headers: {
					...(body ? { 'content-length': String(body.length) } : {}),
					...options.headers
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const setCookie = res.headers['set-cookie'] ?? [];
					const cookies = new Map<string, string>();
					for (const c of setCookie) {
						const [pair] = c.split(';');
						const i = pair.indexOf('=');
						cookies.set(pair.slice(0, i), pair.slice(i + 1));
					}
					done({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
						cookies,
						setCookie
					});
				});
				res.on('error', fail);
			}
		);
		req.on('error', fail);
		req.end(body);
	});
}

/** A form post to a page action as a browser sends it (no script), same-origin, with cookies. */
export function postForm(
	baseURL: string,
	path: string,
	fields: Record<string, string>,
	options: { cookie?: string; from?: string; origin?: string | null } = {}
): Promise<RawResponse> {
	const origin = options.origin === undefined ? baseURL : options.origin;
	return send(new URL(path, baseURL).href, {
		method: 'POST',
		from: options.from,
		body: new URLSearchParams(fields).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			// As a browser does; without it SvelteKit answers the action as JSON for `enhance`.
			accept: 'text/html',
			...(origin ? { origin } : {}),
			...(options.cookie ? { cookie: options.cookie } : {})
		}
	});
}

/** A multipart upload (field `file`, and `fields`) as a browser sends it, same-origin, with cookies. */
export async function postFile(
	baseURL: string,
	path: string,
	file: File,
	fields: Record<string, string>,
	options: { cookie: string; accept?: string }
): Promise<RawResponse> {
	const form = new FormData();
	form.append('file', file);
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
	return send(new URL(path, baseURL).href, {
		method: 'POST',
		body: Buffer.from(await encoded.arrayBuffer()),
		headers: {
			'content-type': encoded.headers.get('content-type')!,
			accept: options.accept ?? 'text/html',
			origin: baseURL,
			cookie: options.cookie
		}
	});
}

/** Signs in and returns the `Cookie` header value of the new session (throws on failure). */
export async function signIn(
	baseURL: string,
	email: string,
	options: { from?: string; password?: string; device?: string } = {}
): Promise<{ cookie: string; device: string | undefined }> {
	const response = await postForm(
		baseURL,
		'/signin',
		{ email, password: options.password ?? TEST_PASSWORD },
		{ from: options.from, cookie: options.device ? `xaso_device=${options.device}` : undefined }
	);
	const token = response.cookies.get('xaso_session');
	if (response.status !== 303 || !token)
		throw new Error(
			`sign-in of ${email} failed: ${response.status} ${response.text.slice(0, 200)}`
		);
	return { cookie: `xaso_session=${token}`, device: response.cookies.get('xaso_device') };
}
