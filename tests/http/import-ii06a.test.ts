/**
 * The blank Biểu số II.06a round trip over HTTP (issue 17): the editor downloads the blank form
 * of their area from the import page's link, types numbers into it and uploads it as it is; its
 * figures land in a draft of the month the form names. Only users who may edit get the form.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_USERS, UNIT, postFile, signIn } from '../support/test-users.ts';
import { buildXlsx, type XCell } from '../support/import-helpers.ts';
import { readXlsxSheet, sheetGrid } from '../../src/lib/server/services/import/readers/xlsx.ts';

const baseURL = inject('baseURL');
let editor = '';
let viewer = '';

/** A month no other test file writes (import-upload uses 2002-03, roles-matrix 2001). */
const MONTH = '2002-05';

const get = (path: string, cookie: string) =>
	fetch(new URL(path, baseURL), { headers: { cookie }, redirect: 'manual' });

beforeAll(async () => {
	editor = (await signIn(baseURL, TEST_USERS.editor.email)).cookie;
	viewer = (await signIn(baseURL, TEST_USERS.viewer.email)).cookie;
});

describe('the blank II.06a', () => {
	it('is linked from the import page', async () => {
		const page = await (await get('/import', editor)).text();
		expect(page).toMatch(/<form method="GET" action="[^"]*\/import\/ii06a"/);
		expect(page).toContain('name="period"');
	});

	it('filled in and uploaded, imports without edits into a draft', async () => {
		const response = await get(`/import/ii06a?period=${MONTH}`, editor);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('spreadsheetml');
		expect(response.headers.get('cache-control')).toContain('no-store');
		const grid = sheetGrid(readXlsxSheet(new Uint8Array(await response.arrayBuffer())));
		const text = grid.rows.map((r) => r.cells.join(' ')).join('\n');
		expect(text).toContain('Biểu số II.06a/VPCP/KSTT');
		expect(text).toContain('Từ ngày 01/05/2002 đến ngày 31/05/2002');
		const units = grid.rows.filter((r) => r.line > 6);
		// The editor's area is one commune, and the commune is the one reporting, in its province.
		expect(units.length).toBe(1);
		const commune = String(units[0].cells[1]).replace(/^(Xã|Phường|Thị trấn) /u, (t) =>
			t.toLowerCase()
		);
		expect(text).toMatch(new RegExp(`^Đơn vị báo cáo: UBND ${commune}, tỉnh \\S`, 'mu'));
		// Received 9 + 3 carried over = 12 = resolved 8 (1 early, 6 on time, 1 late) + pending 4.
		const row: XCell[] = [...units[0].cells.slice(0, 2), 12, 4, 5, 3, 8, 1, 6, 1, 4, 3, 1];
		const bytes = buildXlsx({
			rows: grid.rows.map((r) => ({ r: r.line, cells: r.line === units[0].line ? row : r.cells })),
			mergeCells: ['A5:A6', 'B5:B6', 'C5:F5', 'G5:J5', 'K5:M5']
		});
		const upload = await postFile(
			baseURL,
			'/api/v1/imports',
			new File([new Uint8Array(bytes)], 'II.06a.xlsx'),
			{ confirm_jumps: '1' },
			{ cookie: editor, accept: 'application/json' }
		);
		expect(upload.status).toBe(200);
		const answer = JSON.parse(upload.text);
		expect(answer).toMatchObject({
			drafts: 1,
			inserted: 6,
			form: {
				kind: 'ii06a',
				layout: 'current',
				period: { from: '2002-05-01', to: '2002-05-31', month: MONTH, calendar: true }
			}
		});
		const report = await (await get(`/report/${UNIT}/${MONTH}`, editor)).text();
		// received = online 4 + in person 5; on time = early 1 + on time 6.
		expect(report).toMatch(/value="9"/);
		expect(report).toMatch(/value="7"/);
	});

	it('is refused to a viewer and to someone not signed in', async () => {
		expect((await get(`/import/ii06a?period=${MONTH}`, viewer)).status).toBe(403);
		expect([401, 303]).toContain((await get(`/import/ii06a?period=${MONTH}`, '')).status);
	});

	it('answers 400 to a period that is not a month', async () => {
		expect((await get('/import/ii06a?period=2002-13', editor)).status).toBe(400);
	});
});
