/**
 * The first hour of a new user, through the same path they take: the first administrator made
 * with `npm run user:add`, then `npm start` with nothing configured (no ORIGIN, HOST or
 * DATABASE_URL — only PORT and DATA_DIR, so that the test neither takes port 3000 nor touches
 * ./.data), opened at http://localhost:PORT. The administrator creates an editor and an approver
 * in the browser, the editor types a report and submits it, the approver approves it, and an
 * anonymous visitor finds the figure on the public map and in its CSV download.
 *
 * A plain `npm start` used to refuse every form with 403 (adapter-node compared the form's Origin
 * with `https://` + Host because ORIGIN was unset).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';

const root = resolve(import.meta.dirname, '../..');
const PASSWORD = 'Một mật khẩu đủ dài 2026';
const ADMIN = 'admin@xa-so.example';
const EDITOR = 'editor@xa-so.example';
const APPROVER = 'approver@xa-so.example';
/** Xã Bình Lư: a commune whose code exists before and after the 2025 merger. */
const UNIT = '03388';
const RECEIVED = 4321;

/** The environment of a new user's shell: ours without anything the app or Vitest reads. */
function plainEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	const appVariables =
		/^(ORIGIN|HOST|PORT|PROTOCOL_HEADER|HOST_HEADER|ADDRESS_HEADER|XFF_DEPTH|DATABASE_URL|DATA_DIR|BODY_SIZE_LIMIT|NODE_ENV|XASO_.*|VITEST.*|TEST)$/;
	for (const [key, value] of Object.entries(process.env))
		if (!appVariables.test(key)) env[key] = value;
	return { ...env, ...extra };
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
		});
	});
}

async function waitForServer(child: ChildProcess, url: string, log: () => string) {
	const deadline = Date.now() + 170_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log()}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((done) => setTimeout(done, 500));
	}
	throw new Error(`npm start did not serve ${url} in time:\n${log()}`);
}

describe('a new user: npm start with nothing configured', () => {
	let dataDir = '';
	let server: ChildProcess | undefined;
	let output = '';
	let origin = '';
	let browser: Browser;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'xaso-new-user-'));
		const port = await freePort();
		origin = `http://localhost:${port}`;
		const env = plainEnv({ PORT: String(port), DATA_DIR: dataDir });
		// README: "Create the first administrator with npm run user:add".
		const added = spawnSync(
			'npm',
			['run', '--silent', 'user:add', '--', '--email', ADMIN, '--role', 'admin'],
			{ cwd: root, env: { ...env, XASO_PASSWORD: PASSWORD }, encoding: 'utf8' }
		);
		expect(added.status, `${added.stdout}\n${added.stderr}`).toBe(0);
		server = spawn('npm', ['start'], { cwd: root, env, stdio: 'pipe', detached: true });
		const collect = (chunk: Buffer) => void (output = (output + chunk).slice(-20_000));
		server.stdout?.on('data', collect);
		server.stderr?.on('data', collect);
		await waitForServer(server, `${origin}/api/v1/indicators`, () => output);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		if (server?.pid && server.exitCode === null) {
			const exited = new Promise((done) => server!.once('exit', done));
			process.kill(-server.pid, 'SIGTERM');
			await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
			if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
		}
		if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
	});

	async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
		const context = await browser.newContext({ baseURL: origin, locale: 'vi-VN' });
		const page = await context.newPage();
		await page.goto('/signin');
		await page.fill('input[name="email"]', email);
		await page.fill('input[name="password"]', PASSWORD);
		await Promise.all([
			// A loaded machine (CI beside other work) can take long over argon2 and the first render.
			page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 90_000 }),
			page.click('form:has(input[name="password"]) button[type="submit"]')
		]);
		return { context, page };
	}

	it('says where it is served and sends 127.0.0.1 visitors there', async () => {
		expect(output).toContain(`Open ${origin}`);
		const port = new URL(origin).port;
		const response = await fetch(`http://127.0.0.1:${port}/signin`, { redirect: 'manual' });
		expect(response.status).toBe(307);
		expect(response.headers.get('location')).toBe(`${origin}/signin`);
	});

	it('lets the administrator create an editor and an approver', async () => {
		const { context, page } = await signedIn(ADMIN);
		for (const [email, role, unit] of [
			[EDITOR, 'editor', UNIT],
			[APPROVER, 'approver', '12']
		]) {
			await page.goto('/admin/users');
			await page.fill('input[name="email"]', email);
			await page.selectOption('select[name="role"]', role);
			await page.fill('input[name="unit"]', unit);
			await page.fill('input[name="password"]', PASSWORD);
			const [response] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.click('form:has(input[name="password"]) button[type="submit"]')
			]);
			expect(response.status(), `creating ${email}`).toBeLessThan(400);
			await expect.poll(() => page.content()).toContain(email);
		}
		await context.close();
	});

	let month = '';

	it('lets the editor type the month’s report and submit it', async () => {
		const { context, page } = await signedIn(EDITOR);
		await page.goto('/reports');
		const link = page.locator(`a[href*="/report/${UNIT}/"]`).first();
		month = /\/report\/\d+\/(\d{4}-\d{2})/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
		expect(month).toMatch(/^\d{4}-\d{2}$/);
		await link.click();
		await page.waitForURL(`**/report/${UNIT}/${month}`);
		await page.fill('input[name="dossiers_received"]', String(RECEIVED));
		await page.fill('input[name="dossiers_received_online"]', '1234');
		const submit = page.locator('button[formaction="?/submit"]');
		const [first] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			submit.click()
		]);
		expect(first.status()).not.toBe(403);
		// A figure far from the commune's usual ones asks to be confirmed first. The answer is
		// drawn a moment after it arrives: wait for the outcome, either way, before looking.
		const confirm = page.locator('input[name="confirm_jumps"]');
		const saved = /version \d+|phiên bản \d+/i;
		await expect
			.poll(async () => (await confirm.count()) > 0 || saved.test(await page.content()))
			.toBe(true);
		if (await confirm.count()) {
			await confirm.check();
			await submit.click();
		}
		await expect.poll(() => page.content()).toMatch(saved);
		await expect.poll(() => page.content()).toMatch(/submitted|chờ duyệt|đã gửi/i);
		await context.close();
	});

	it('lets the approver approve it', async () => {
		expect(month).not.toBe('');
		const { context, page } = await signedIn(APPROVER);
		await page.goto(`/report/${UNIT}/${month}`);
		const approve = page.locator('form[action="?/approve"] button[type="submit"]');
		await expect.poll(() => approve.count()).toBe(1);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			approve.click()
		]);
		expect(response.status()).toBeLessThan(400);
		await expect.poll(() => page.content()).toMatch(/Approved|Đã phê duyệt/);
		await context.close();
	});

	it('shows the approved figure on the public map and in its CSV download', async () => {
		expect(month).not.toBe('');
		const context = await browser.newContext({ baseURL: origin, locale: 'vi-VN' });
		const page = await context.newPage();
		await page.goto(`/?indicator=dossier_volume&period=${month}&level=commune`);
		const row = page.locator('tr', { has: page.locator(`a[href*="/units/${UNIT}"]`) }).first();
		await expect.poll(() => row.textContent()).toContain('4.321');
		const href = await page.locator('a[href*="format=csv"]').first().getAttribute('href');
		expect(href).toBeTruthy();
		const csv = await (await fetch(new URL(href!, page.url()))).text();
		const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${UNIT},`));
		expect(line).toBeDefined();
		expect(line!.split(',')).toContain(String(RECEIVED));
		await context.close();
	});
});
