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

describe('a wrong file', () => {
	const send = (name: string, body: BlobPart, path = '/import?/preview') =>
		postFile(baseURL, path, new File([body], name), {}, { cookie: editor });

	it('names the missing column and says "no measure columns" in the page language', async () => {
		const wrong = await send('wrong.csv', 'foo,bar\n1,2\n');
		expect(wrong.status).toBe(422);
		expect(wrong.text).toContain(vi['importError.missing_column']);
		expect(wrong.text).toMatch(/>unit_code</);
		expect(wrong.text).toMatch(/>period</);
		expect(wrong.text).toContain(vi['importError.no_measure_columns']);
		const en_ = await send(
			'wrong.csv',
			'unit_code,period\n03388,2026-10\n',
			'/import?/preview&lang=en'
		);
		expect(en_.text).toContain('No measure columns');
		const api = await send('none.csv', 'unit_code,period\n03388,2026-10\n', '/api/v1/imports');
		expect(JSON.parse(api.text).errors[0].code).toBe('no_measure_columns');
	});

	it('a picture renamed .xlsx says what to upload instead, in Vietnamese', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const page = await send('photo.xlsx', png);
		expect(page.status).toBe(422);
		expect(page.text).toContain(vi['importError.unreadable']);
		expect(vi['importError.unreadable']).toContain('CSV');
	});
});
