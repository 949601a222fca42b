/**
 * The figure of one commune in one month, as the public API answers it, and an approval of a new
 * value through the web (an editor submits, an approver approves): what the scale tests change and
 * watch, on any server of the same database.
 */
import { expect } from 'vitest';
import { TEST_USERS, UNIT, send, signIn } from '../support/test-users.ts';

/** A demo month and indicator whose value is the commune's `dossiers_received`. */
export const MONTH = '2024-05';
export const VALUES = `/api/v1/values?indicator=dossier_volume&period=${MONTH}&level=commune`;

export interface Signed {
	admin: string;
	editor: string;
	approver: string;
}

/** Sessions of the accounts that approve, made on `baseURL` (valid on every server of its database). */
export async function signInAll(baseURL: string): Promise<Signed> {
	return {
		admin: (await signIn(baseURL, TEST_USERS.admin.email)).cookie,
		editor: (await signIn(baseURL, TEST_USERS.editor.email)).cookie,
		approver: (await signIn(baseURL, TEST_USERS.approver.email)).cookie
	};
}

/** The commune's value in the public API of `baseURL`, anonymously (or with `cookie`). */
export async function publicValue(baseURL: string, cookie?: string): Promise<number | null> {
	const r = await send(new URL(VALUES, baseURL).href, { headers: cookie ? { cookie } : {} });
	expect(r.status, r.text.slice(0, 300)).toBe(200);
	const rows = JSON.parse(r.text).rows as { unit_code: string; value: number | null }[];
	return rows.find((row) => row.unit_code === UNIT)!.value;
}

/** Submits `value` as the editor and approves it as the approver, on `baseURL`. */
export async function approve(baseURL: string, who: Signed, value: number): Promise<void> {
	await submit(baseURL, who, value);
	await approveSubmitted(baseURL, who);
}

const reportPath = `/api/v1/reports/${UNIT}/${MONTH}`;

function post(baseURL: string, body: unknown, cookie: string) {
	return send(new URL(reportPath, baseURL).href, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', origin: baseURL, cookie }
	});
}

async function token(baseURL: string, who: Signed): Promise<string> {
	const r = await send(new URL(reportPath, baseURL).href, { headers: { cookie: who.admin } });
	return JSON.parse(r.text).token;
}

/** The editor submits `value` (public figures do not change yet). */
export async function submit(baseURL: string, who: Signed, value: number): Promise<void> {
	const submitted = await post(
		baseURL,
		{
			action: 'submit',
			token: await token(baseURL, who),
			values: { dossiers_received: value },
			confirm_jumps: true
		},
		who.editor
	);
	expect(submitted.status, submitted.text).toBe(200);
}

/** The approver approves what was submitted: the public figures change. */
export async function approveSubmitted(baseURL: string, who: Signed): Promise<void> {
	const approved = await post(
		baseURL,
		{ action: 'approve', token: await token(baseURL, who) },
		who.approver
	);
	expect(approved.status, approved.text).toBe(200);
}

/**
 * Calls `probe` every `everyMs` until it returns true. Returns how long after the call the
 * successful probe *started* (0: the very first one succeeded; a probe that computes a large
 * answer is not counted as waiting), or null when none started within `limitMs` succeeded.
 */
export async function timeUntil(
	probe: () => Promise<boolean>,
	limitMs: number,
	everyMs = 10
): Promise<number | null> {
	const started = performance.now();
	for (;;) {
		const at = performance.now() - started;
		if (at > limitMs) return null;
		if (await probe()) return at;
		await new Promise((done) => setTimeout(done, everyMs));
	}
}
