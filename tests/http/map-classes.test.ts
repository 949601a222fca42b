/**
 * The fuller public map, as served: the colour classes chosen in the URL (`classes=`) change the
 * legend's classes and are one cached page each, an unknown choice is said and the default used;
 * `parent=` lists the units of an area beside the map with the API's figures; `as_of` draws an
 * old period on the units of a date; the slider's previous and next periods are plain links.
 */
import { describe, expect, inject, it } from 'vitest';
import { send, type RawResponse } from '../support/test-users.ts';

const baseURL = inject('baseURL');
const get = (path: string): Promise<RawResponse> => send(new URL(path, baseURL).href, {});

const strip = (html: string) =>
	html
		.replace(/<!--.*?-->/gs, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** The legend's class labels, highest first, then the no-data row. */
function legendOf(html: string): string[] {
	const legend = /<div class="legend[^"]*">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
	return [...legend.matchAll(/<span class="label[^"]*">([\s\S]*?)<\/span>/g)].map((m) =>
		strip(m[1])
	);
}

const VIEW = '/?indicator=online_uptake&period=2024';

describe('colour classes in the URL', () => {
	it.each(['quantile', 'equal', 'ckmeans'])(
		'classes=%s renders, chosen in its select, with classes of its own',
		async (choice) => {
			const bands = await get(VIEW);
			const r = await get(`${VIEW}&classes=${choice}`);
			expect(r.status, r.text.slice(0, 300)).toBe(200);
			expect(r.text).toMatch(new RegExp(`<option value="${choice}" selected`));
			const legend = legendOf(r.text);
			// Five classes at most, and the no-data class always there.
			expect(legend.length).toBeGreaterThanOrEqual(3);
			expect(legend).toContain('Không có số liệu / No data');
			if (choice !== 'equal') expect(legend).not.toEqual(legendOf(bands.text));
			else {
				// Equal intervals: every bounded class is as wide as the others.
				const widths = legend
					.map((label) => /^([\d,]+)% – dưới ([\d,]+)%$/.exec(label))
					.filter((m) => m !== null)
					.map((m) => Number(m[2].replace(',', '.')) - Number(m[1].replace(',', '.')));
				expect(widths.length).toBeGreaterThanOrEqual(2);
				for (const w of widths) expect(w).toBeCloseTo(widths[0], 6);
			}
		}
	);

	it('keeps the indicator’s fixed bands by default, and for classes=bands', async () => {
		const plain = legendOf((await get(VIEW)).text);
		expect(plain.slice(0, 5)).toEqual([
			'từ 80%',
			'60% – dưới 80%',
			'40% – dưới 60%',
			'20% – dưới 40%',
			'dưới 20%'
		]);
		expect(legendOf((await get(`${VIEW}&classes=bands`)).text)).toEqual(plain);
	});

	it('says an unknown class choice was not understood, and shows the default', async () => {
		const r = await get(`${VIEW}&classes=pretty`);
		expect(r.status).toBe(200);
		expect(strip(r.text)).toContain('Tham số “classes” không hợp lệ, đã dùng giá trị mặc định.');
		expect(legendOf(r.text)).toEqual(legendOf((await get(VIEW)).text));
		expect(r.text).not.toContain('pretty');
	});

	it('caches one page per choice, however the default is spelled', async () => {
		const view = '/?indicator=transparency_rate&period=2022-H1';
		const first = await get(`${view}&classes=ckmeans`);
		expect(first.headers['x-cache']).toBe('miss');
		expect((await get(`${view}&classes=ckmeans`)).headers['x-cache']).toBe('hit');
		await get(view);
		expect((await get(`${view}&classes=bands`)).headers['x-cache']).toBe('hit');
	});
});

describe('the units of an area beside the map', () => {
	it('lists the districts of the province, with the API’s figures, linking to their overviews and down', async () => {
		const r = await get('/?indicator=online_uptake&period=2024-Q1&parent=12');
		expect(r.status).toBe(200);
		const api = JSON.parse(
			(await get('/api/v1/values?indicator=online_uptake&period=2024-Q1&level=district&parent=12'))
				.text
		) as { rows: { unit_code: string; unit_name: string }[] };
		const list = /aria-labelledby="children-title">([\s\S]*?)<\/section>/.exec(r.text)?.[1] ?? '';
		expect(api.rows.length).toBeGreaterThan(3);
		for (const row of api.rows) {
			// A district is an area: its link opens its overview, not a unit page.
			expect(list).toContain(`areas/${row.unit_code}?period=2024-Q1&amp;indicator=online_uptake"`);
			expect(list).not.toContain(`units/${row.unit_code}?`);
			expect(list).toContain(`parent=${row.unit_code}`);
		}
		expect(strip(list)).toContain('Các đơn vị thuộc Tỉnh Lai Châu');
	});

	it('lists the communes of a district, and says when an area is unknown', async () => {
		const r = await get('/?indicator=online_uptake&period=2024-Q1&parent=110');
		const api = JSON.parse(
			(await get('/api/v1/values?indicator=online_uptake&period=2024-Q1&level=commune&parent=110'))
				.text
		) as { rows: { unit_code: string }[] };
		const list = /aria-labelledby="children-title">([\s\S]*?)<\/section>/.exec(r.text)?.[1] ?? '';
		expect(api.rows.length).toBeGreaterThan(0);
		expect((list.match(/<li/g) ?? []).length).toBe(api.rows.length);
		for (const row of api.rows) expect(list).toContain(`units/${row.unit_code}?period=2024-Q1`);
		const gone = await get('/?indicator=online_uptake&period=2024-Q1&parent=999');
		expect(gone.status).toBe(200);
		expect(strip(gone.text)).toContain('No unit bore code "999" during 2024-Q1');
	});
});

describe('areas on the map link to their overviews', () => {
	it('links each district of the table to /areas/CODE, and offers the districts to select', async () => {
		const r = await get('/?indicator=on_time_rate&period=2024-Q1&level=district&parent=110');
		expect(r.status).toBe(200);
		const table = /<table[\s\S]*?<\/table>/.exec(r.text)?.[0] ?? '';
		expect(table).toContain('areas/110?period=2024-Q1&amp;indicator=on_time_rate"');
		expect(table).not.toMatch(/units\/1\d\d\?/);
		const select = /<select id="parent"[\s\S]*?<\/select>/.exec(r.text)?.[0] ?? '';
		expect(select).toMatch(/<option value="12"/);
		expect(select).toMatch(/<option value="110"/);
	});

	it('opens a province’s overview on the service index when the map’s indicator has none', async () => {
		const r = await get('/?indicator=dossiers_per_1000&period=2024&level=province');
		expect(r.status).toBe(200);
		const table = /<table[\s\S]*?<\/table>/.exec(r.text)?.[0] ?? '';
		expect(table).toContain('areas/12?period=2024&amp;indicator=service_index"');
	});
});

describe('as_of and the slider’s links', () => {
	it('draws an old period on the units of a date, as the API does', async () => {
		const r = await get('/?indicator=online_uptake&period=2024&as_of=2025-07-01');
		expect(r.status).toBe(200);
		expect(strip(r.text)).toContain('Trên các đơn vị có hiệu lực ngày 01/07/2025');
		const api = JSON.parse(
			(await get('/api/v1/values?indicator=online_uptake&period=2024&as_of=2025-07-01')).text
		) as { rows: { unit_code: string }[] };
		for (const row of api.rows.slice(0, 5)) expect(r.text).toContain(`units/${row.unit_code}?`);
	});

	it('links the previous and next periods of the same grain', async () => {
		const r = await get('/?indicator=online_uptake&period=2024-H1');
		// The indicator is the default, left out of the page's canonical links.
		expect(r.text).toMatch(/href="\/\?period=2023-H2" rel="prev"/);
		expect(r.text).toMatch(/href="\/\?period=2024-H2" rel="next"/);
	});
});
