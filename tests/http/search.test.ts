/**
 * Issue 14 (search): `/search?q=` in the server's HTML (no JavaScript) and `/api/v1/units?q=`
 * find old and new units by name, with or without diacritics and type, today's first.
 */
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');
const get = (path: string) => fetch(new URL(path, baseURL));

interface ApiUnit {
	code: string;
	name: string;
	level: string;
	parent_code: string | null;
	valid_from: string | null;
	valid_to: string | null;
	current: boolean;
	successors: { code: string; name: string }[];
	predecessors: { code: string; name: string }[];
}

const api = async (q: string): Promise<ApiUnit[]> => {
	const response = await get(`/api/v1/units?q=${encodeURIComponent(q)}`);
	expect(response.status).toBe(200);
	return response.json();
};

/** The results list of a search page: each item's HTML. */
const results = (html: string) => {
	const list = /<ol class="results[^"]*">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
	return list
		.split(/<li class="result/)
		.slice(1)
		.map((item) => item.slice(0, item.lastIndexOf('</li>')));
};
const heading = (item: string) => /<h2[^>]*>\s*<a[^>]*>([^<]*)<\/a>/.exec(item)?.[1];
const href = (item: string) =>
	/<h2[^>]*>\s*<a href="([^"]*)"/.exec(item)?.[1].replaceAll('&amp;', '&');

describe('search page, server HTML', () => {
	it('lists both Xã Mường Than, today’s first, saying where each came from and went', async () => {
		const response = await get('/search?q=muong%20than');
		expect(response.status).toBe(200);
		const html = await response.text();
		const items = results(html);
		expect(items.map(heading)).toEqual(['Xã Mường Than', 'Xã Mường Than']);
		const [today, old] = items;
		expect(today).toContain('Đang có hiệu lực');
		expect(today).toMatch(/Hình thành từ[\s\S]*Xã Phúc Than/);
		expect(href(today)).toMatch(/\/units\/03618\?period=\d{4}-Q[1-4]$/);
		expect(old).toContain('Đến 30/06/2025');
		expect(old).toMatch(
			/Nay thuộc[\s\S]*<a href="[^"]*\/units\/03595\?period=[^"]*"[^>]*>Xã Than Uyên<\/a>/
		);
		expect(old).toContain('Huyện Than Uyên');
		expect(href(old)).toMatch(/\/units\/03619\?period=2025-Q2$/);
		// The query stays in the search box of the page and of the header.
		expect(html.match(/<input[^>]*name="q"[^>]*value="muong than"/g)?.length).toBe(2);
	});

	it.each(['Muong Than', 'xã mường than', 'MƯỜNG THAN'])('%j gives the same list', async (q) => {
		const html = await (await get(`/search?q=${encodeURIComponent(q)}`)).text();
		const items = results(html);
		expect(items.map(href)).toEqual(
			results(await (await get('/search?q=muong%20than')).text()).map(href)
		);
	});

	it('puts today’s Xã Than Uyên first for "than uyen"', async () => {
		const items = results(await (await get('/search?q=than%20uyen')).text());
		expect(items.map(heading).slice(0, 1)).toEqual(['Xã Than Uyên']);
		expect(href(items[0])).toMatch(/\/units\/03595\?period=/);
		expect(items.map(heading)).toEqual(
			expect.arrayContaining(['Thị trấn Than Uyên', 'Huyện Than Uyên'])
		);
	});

	it.each([
		['/search', 'Nhập tên xã, phường'],
		['/search?q=', 'Nhập tên xã, phường'],
		['/search?q=m', 'ít nhất 2 chữ'],
		['/search?q=qqqzzz', 'Không tìm thấy'],
		[`/search?q=${'a'.repeat(300)}`, 'quá dài']
	])('%s says so in words (200, no error page)', async (path, words) => {
		const response = await get(path);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(words);
		expect(results(html)).toEqual([]);
	});

	it('refuses a control character at the edge, with a 400 naming the parameter', async () => {
		const response = await get('/search?q=muong%00than');
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/"q"/);
	});

	it('speaks English with ?lang=en and keeps the language in its links', async () => {
		const html = await (await get('/search?q=muong%20than&lang=en')).text();
		expect(html).toContain('In force today');
		expect(html).toMatch(/Now part of[\s\S]*Xã Than Uyên/);
		expect(href(results(html)[0])).toMatch(/&lang=en$/);
		expect(html).toMatch(/<input type="hidden" name="lang" value="en"/);
	});

	it('the header of every page has a GET search form', async () => {
		const html = await (await get('/')).text();
		expect(html).toMatch(
			/<form[^>]*role="search"[^>]*action="[^"]*\/search"[^>]*method="get"|<form[^>]*action="[^"]*\/search"[^>]*method="get"/i
		);
	});
});

describe('/api/v1/units?q=', () => {
	it('finds both Xã Mường Than in the page’s order, with the contract’s fields and lineage', async () => {
		const rows = await api('muong than');
		expect(rows.map((r) => [r.code, r.name, r.level, r.valid_from, r.valid_to, r.current])).toEqual(
			[
				['03618', 'Xã Mường Than', 'commune', '2025-07-01', null, true],
				['03619', 'Xã Mường Than', 'commune', null, '2025-06-30', false]
			]
		);
		expect(rows[0].parent_code).toBe('12');
		expect(rows[1].parent_code).toBe('110');
		expect(rows[1].successors.map((s) => s.name)).toEqual(['Xã Than Uyên']);
		expect(rows[0].predecessors.map((s) => s.name)).toContain('Xã Phúc Than');
		for (const q of ['Muong Than', 'xã mường than', 'MƯỜNG THAN'])
			expect((await api(q)).map((r) => r.code)).toEqual(['03618', '03619']);
	});

	it('puts today’s Xã Than Uyên first', async () => {
		const rows = await api('than uyen');
		expect(rows[0]).toMatchObject({ code: '03595', name: 'Xã Than Uyên', current: true });
	});

	it('still lists by level without q', async () => {
		const rows = await api('');
		expect(rows.length).toBeGreaterThan(30);
		expect(rows.every((r) => r.valid_to === null)).toBe(true);
	});

	it.each([
		['muong%00than', /control character/],
		['muong%0Athan', /control character/],
		['a'.repeat(300), /too long/],
		['m', /at least 2/]
	])('q=%s is a 400 naming q', async (q, message) => {
		const response = await get(`/api/v1/units?q=${q}`);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: string };
		expect(body.error).toMatch(/"q"/);
		expect(body.error).toMatch(message);
	});

	it('answers CSV too', async () => {
		const response = await get('/api/v1/units?q=muong%20than&format=csv');
		expect(response.status).toBe(200);
		const lines = (await response.text()).trim().split(/\r?\n/);
		expect(lines).toHaveLength(3);
		expect(lines[1]).toMatch(/^03618,Xã Mường Than,commune,12,2025-07-01,,true$/);
	});
});
