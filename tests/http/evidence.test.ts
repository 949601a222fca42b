/**
 * Infrastructure changes with evidence against the built server: the editor's form refuses a
 * file of the wrong type (by content, whatever its name) with 400 and one over 5 MB with 413,
 * each saying why; a saved file is served only to a signed-in user whose area holds the commune
 * (anonymous and an editor of another commune get 404), with its type, nosniff and a
 * Content-Disposition; the commune page says "evidence on file" and links only for readers in
 * scope.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_USERS, UNIT, postFile, signIn } from '../support/test-users.ts';
import vi from '../../messages/vi.json';

const baseURL = inject('baseURL');
let editor = '';
let other = '';

const PNG = new Uint8Array([
	0x89,
	0x50,
	0x4e,
	0x47,
	0x0d,
	0x0a,
	0x1a,
	0x0a,
	...new TextEncoder().encode('a test picture')
]);
const fields = (unit = UNIT) => ({
	unit,
	item: 'internet_office',
	state: 'in_service',
	changed_on: '2026-01-15',
	confirmed_by: 'Nguyễn Văn A, chủ tịch UBND'
});
const post = (file: File, cookie: string, unit = UNIT) =>
	postFile(baseURL, '/infrastructure?/add', file, fields(unit), { cookie });
const fetchAs = (path: string, cookie?: string) =>
	fetch(new URL(path, baseURL), { headers: cookie ? { cookie } : {}, redirect: 'manual' });
/** The evidence links of the commune page, as `cookie` sees it. */
async function evidenceLinks(cookie?: string): Promise<{ html: string; ids: string[] }> {
	const r = await fetchAs(`/units/${UNIT}`, cookie);
	expect(r.status).toBe(200);
	const html = await r.text();
	return { html, ids: [...html.matchAll(/href="[^"]*evidence\/(\d+)"/g)].map((m) => m[1]) };
}

beforeAll(async () => {
	editor = (await signIn(baseURL, TEST_USERS.editor.email)).cookie;
	other = (await signIn(baseURL, TEST_USERS.otherEditor.email)).cookie;
});

describe('evidence upload', () => {
	it('refuses a file that is not a photo or a PDF, whatever its name: 400 saying so', async () => {
		const r = await post(
			new File(['<html><script>alert(1)</script>'], 'photo.png', { type: 'image/png' }),
			editor
		);
		expect(r.status).toBe(400);
		expect(r.text).toContain(vi['infra.form.badType']);
	});

	it('refuses a file over 5 MB: 413 saying so', async () => {
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(PNG);
		const r = await post(new File([big], 'big.png', { type: 'image/png' }), editor);
		expect(r.status).toBe(413);
		expect(r.text).toContain('5 MB');
	});

	it('refuses a commune outside the editor’s area with 404', async () => {
		const r = await post(new File([PNG], 'p.png', { type: 'image/png' }), other, UNIT);
		expect(r.status).toBe(404);
	});

	it('saves a photo; only readers in scope can fetch it', async () => {
		const before = (await evidenceLinks(editor)).ids;
		const r = await post(new File([PNG], 'Ảnh trụ sở.png', { type: 'image/png' }), editor);
		expect(r.status).toBe(200);
		expect(r.text).toContain(vi['infra.form.saved']);
		const after = await evidenceLinks(editor);
		const id = after.ids.find((x) => !before.includes(x))!;
		expect(id).toBeDefined();

		const own = await fetchAs(`/evidence/${id}`, editor);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-type')).toBe('image/png');
		expect(own.headers.get('x-content-type-options')).toBe('nosniff');
		expect(own.headers.get('content-disposition')).toBe('inline; filename="Anh-tru-so.png"');
		expect(new Uint8Array(await own.arrayBuffer())).toEqual(PNG);

		expect((await fetchAs(`/evidence/${id}`)).status).toBe(404);
		expect((await fetchAs(`/evidence/${id}`, other)).status).toBe(404);
		expect((await fetchAs('/evidence/999999', editor)).status).toBe(404);

		// Anonymous and out-of-area readers see that evidence is on file, without a link.
		const anonymous = await evidenceLinks();
		expect(anonymous.ids).toEqual([]);
		expect(anonymous.html).toContain(vi['infra.evidenceOnFile']);
		expect(anonymous.html).toContain('Nguyễn Văn A, chủ tịch UBND');
		expect((await evidenceLinks(other)).ids).toEqual([]);
	});
});
