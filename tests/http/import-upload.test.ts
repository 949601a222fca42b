/**
 * The editor's upload page and endpoint against the built server: a file whose figures are
 * already in the report says "unchanged" in Vietnamese and English and makes no new draft.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_USERS, UNIT, postFile, signIn } from '../support/test-users.ts';
import en from '../../messages/en.json';
import vi from '../../messages/vi.json';

const baseURL = inject('baseURL');
let editor = '';

/** A month no other test file writes (roles-matrix uses 2001). */
const MONTH = '2002-03';
const FILE = `unit_code,period,computers,staff_total\n${UNIT},${MONTH},4,9\n`;

const post = (path: string, extra: Record<string, string> = {}) =>
	postFile(baseURL, path, new File([FILE], 'report.csv', { type: 'text/csv' }), extra, {
		cookie: editor
	});

beforeAll(async () => {
	editor = (await signIn(baseURL, TEST_USERS.editor.email)).cookie;
});

describe('an identical upload', () => {
	it('is written once, then said to be unchanged (vi and en) on the page and by the API', async () => {
		const first = await post('/import?/upload');
		expect(first.status).toBe(200);
		expect(first.text).toContain(vi['importPage.uploaded']);
		expect(first.text).not.toContain(vi['import.unchanged']);
		// The page speaks its language (`?lang=en` in the form's action).
		const again = await post('/import?/upload');
		expect(again.status).toBe(200);
		expect(again.text).toContain(vi['import.unchanged']);
		expect(again.text).not.toContain(en['import.unchanged']);
		const againEn = await post('/import?/upload&lang=en');
		expect(againEn.status).toBe(200);
		expect(againEn.text).toContain(en['import.unchanged']);
		const api = await post('/api/v1/imports');
		expect(api.status).toBe(200);
		expect(JSON.parse(api.text)).toMatchObject({ drafts: 0, reports_unchanged: 1, warnings: [] });
	});
});
