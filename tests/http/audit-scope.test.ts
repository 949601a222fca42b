/**
 * The audit log by role and scope: an approver reads the entries about the units of their area
 * (and nothing else: no sign-ins, no other area), an administrator of the whole installation
 * reads everything, editors and viewers are refused.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { OTHER_UNIT, TEST_USERS, UNIT, send, signIn } from '../support/test-users.ts';

const baseURL = inject('baseURL');

const WHO = ['admin', 'approver', 'otherApprover', 'editor', 'otherEditor', 'viewer'] as const;
type Who = (typeof WHO)[number];
const cookies = {} as Record<Who, string>;

const get = (path: string, who: Who) =>
	send(new URL(path, baseURL).href, { headers: { cookie: cookies[who] } });

/** The unit codes in the "Figure" column of an audit page. */
const unitsShown = (html: string) =>
	[...html.matchAll(/<td[^>]*>(?:<!---->)?(\d{2,5}) · \d{4}-\d{2}/g)].map((m) => m[1]);

beforeAll(async () => {
	for (const who of WHO) cookies[who] = (await signIn(baseURL, TEST_USERS[who].email)).cookie;
	// Two refusals, each logged about the unit it was for: one in each commune.
	expect((await get(`/report/${OTHER_UNIT}/2019-11`, 'editor')).status).toBe(404);
	expect((await get(`/report/${UNIT}/2019-12`, 'otherEditor')).status).toBe(404);
});

describe('GET /admin/audit', () => {
	it("shows an approver their area's entries only", async () => {
		const page = await get('/admin/audit?action=forbidden', 'otherApprover');
		expect(page.status, page.text.slice(0, 300)).toBe(200);
		expect(page.text).toMatch(new RegExp(`${OTHER_UNIT} · 2019-11`));
		const units = unitsShown(page.text);
		expect(units.length).toBeGreaterThan(0);
		expect(new Set(units)).toEqual(new Set([OTHER_UNIT]));
		// Entries about no unit (sign-ins) are not about their area either.
		const all = await get('/admin/audit', 'otherApprover');
		expect(all.status).toBe(200);
		expect(all.text).not.toMatch(/<td[^>]*>signin<\/td>/);
	});

	it('shows a province approver every commune of the province', async () => {
		const page = await get('/admin/audit?action=forbidden', 'approver');
		expect(page.status).toBe(200);
		expect(page.text).toMatch(new RegExp(`${OTHER_UNIT} · 2019-11`));
		expect(page.text).toMatch(new RegExp(`${UNIT} · 2019-12`));
	});

	it('shows an administrator of the installation everything, sign-ins included', async () => {
		const page = await get('/admin/audit', 'admin');
		expect(page.status).toBe(200);
		expect(page.text).toMatch(/<td[^>]*>signin<\/td>/);
	});

	it('refuses editors and viewers', async () => {
		expect((await get('/admin/audit', 'editor')).status).toBe(403);
		expect((await get('/admin/audit', 'viewer')).status).toBe(403);
	});
});
