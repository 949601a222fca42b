/**
 * The area overview (/areas/CODE) against the API it must agree with: the tiles are the area's
 * own figures (the values API at the area's level), the table is the communes under it (the
 * values API with `parent`), and all of it is in the server's HTML — the page ships no script.
 * (SvelteKit writes links relative to the page: `../units/…`.)
 */
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const base = () => inject('baseURL');
const get = (path: string, init?: RequestInit) => fetch(new URL(path, base()), init);

interface Row {
	unit_code: string;
	value: number | null;
	rank: number | null;
}

async function api(query: string): Promise<Row[]> {
	const response = await get(`/api/v1/values?${query}`);
	expect(response.status, query).toBe(200);
	return ((await response.json()) as { rows: Row[] }).rows;
}

/** The raw value of each tile (`<article data-indicator=…>` … `<data value=…>`). */
function tiles(html: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of html.matchAll(
		/<article class="tile[^"]*" data-indicator="(\w+)"[\s\S]*?<data value="([^"]*)"/g
	))
		out.set(m[1], m[2]);
	return out;
}

/** Codes and ranks of the communes table, in page order. */
function tableRows(html: string): [string, string][] {
	const body = /<section aria-labelledby="communes">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
	return [
		...body.matchAll(/<tr data-code="(\d+)"[^>]*>\s*<td class="num[^"]*">([^<]*)<\/td>/g)
	].map((m) => [m[1], m[2]]);
}

describe.each([
	{ code: '12', level: 'province', period: '2024' },
	{ code: '12', level: 'province', period: '2025-Q4' },
	{ code: '110', level: 'district', period: '2024-H2' }
])('/areas/$code?period=$period', ({ code, level, period }) => {
	it('shows the area’s own figures, as the API gives them, in its tiles', async () => {
		const response = await get(`/areas/${code}?period=${period}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		const shown = tiles(html);
		expect([...shown.keys()]).toEqual([
			'service_index',
			'on_time_rate',
			'online_uptake',
			'digitization_rate',
			'online_payment_rate',
			'satisfaction_rate',
			'overdue_backlog',
			'infra_index'
		]);
		for (const [indicator, value] of shown) {
			const rows = await api(`indicator=${indicator}&period=${period}&level=${level}`);
			const own = rows.find((r) => r.unit_code === code)!;
			expect(value, indicator).toBe(own.value === null ? '' : String(own.value));
		}
	});

	it('names each compared period once in a tile (a year’s previous period is a year earlier)', async () => {
		const html = await (await get(`/areas/${code}?period=${period}`)).text();
		const lists = [...html.matchAll(/<ul class="changes[^"]*">([\s\S]*?)<\/ul>/g)];
		expect(lists.length).toBe(8);
		for (const [, list] of lists) {
			const compared = [...list.matchAll(/so với (?:cùng kỳ )?([^<]+?)\s*<\/li>/g)].map(
				(m) => m[1]
			);
			expect(new Set(compared).size, compared.join(' | ')).toBe(compared.length);
		}
	});

	it('points each change’s arrow the way the figure moved; a growing backlog is marked worse', async () => {
		const html = await (await get(`/areas/${code}?period=${period}`)).text();
		const items = [
			...html.matchAll(/<li class="(better|worse|same|neutral)[^"]*">([\s\S]*?)<\/li>/g)
		];
		expect(items.length).toBeGreaterThanOrEqual(8);
		for (const [, direction, li] of items) {
			const arrow = /<span aria-hidden="true">([^<]*)<\/span>\s*([+−±])/.exec(li);
			expect(arrow, li).not.toBeNull();
			expect(arrow![1], li).toBe({ '+': '▲', '−': '▼', '±': '•' }[arrow![2]]);
			if (direction === 'better' || direction === 'worse')
				expect(li).toContain(direction === 'better' ? '(tốt hơn)' : '(kém hơn)');
		}
		const backlog = /data-indicator="overdue_backlog"[\s\S]*?<\/ul>/.exec(html)![0];
		for (const [, direction, li] of backlog.matchAll(/<li class="(\w+)[^"]*">([\s\S]*?)<\/li>/g))
			if (/>\s*\+/.test(li)) expect(direction, li).toBe('worse');
	});

	it('lists the communes under it in the API’s order and ranks, and draws each on the map', async () => {
		const html = await (await get(`/areas/${code}?period=${period}&indicator=on_time_rate`)).text();
		const rows = await api(`indicator=on_time_rate&period=${period}&level=commune&parent=${code}`);
		expect(rows.length).toBeGreaterThan(5);
		expect(tableRows(html)).toEqual(rows.map((r) => [r.unit_code, String(r.rank ?? '–')]));
		const mapCodes = [...html.matchAll(/<path d="M[^"]+"[^>]*data-code="(\d+)"/g)].map((m) => m[1]);
		expect(new Set(mapCodes)).toEqual(new Set(rows.map((r) => r.unit_code)));
	});

	it('needs no JavaScript: no script, figures and links in the HTML', async () => {
		const html = await (await get(`/areas/${code}?period=${period}`)).text();
		expect(html).not.toMatch(/<script[\s>]/);
		expect(html).toMatch(/<h2 id="alerts">/);
		expect(html).toMatch(/href="(\.\.)?\/units\/\d{5}\?period=/);
	});
});

describe('links between areas', () => {
	it('the province links down to its districts while they existed, a district links up', async () => {
		const province = await (await get('/areas/12?period=2024')).text();
		const districts = [...province.matchAll(/href="(?:\.\.)?\/areas\/(\d{3})\?/g)].map((m) => m[1]);
		expect(new Set(districts).size).toBe(8);
		const district = await (await get('/areas/110?period=2024')).text();
		expect(district).toMatch(/<h1[^>]*>Huyện Than Uyên<\/h1>/);
		expect(district).toMatch(
			/href="(\.\.)?\/areas\/12\?period=2024[^"]*"[^>]*>Thuộc Tỉnh Lai Châu/
		);
		const today = await (await get('/areas/12?period=2025-Q4')).text();
		expect(today).not.toMatch(/href="(\.\.)?\/areas\/\d{3}\?/);
	});

	it('opens an abolished district on its last quarter, and says it was abolished', async () => {
		const html = await (await get('/areas/110')).text();
		expect(html).toMatch(/value="2025-Q2"/);
		expect(html).toMatch(/bãi bỏ từ 01\/07\/2025/);
	});

	it('sends a commune’s code to the commune’s page', async () => {
		const response = await get('/areas/03595', { redirect: 'manual' });
		expect(response.status).toBe(307);
		expect(response.headers.get('location')).toBe('/units/03595');
	});

	it('answers an unknown area with 404 and a bad period or indicator with 400, not 500', async () => {
		expect((await get('/areas/99')).status).toBe(404);
		expect((await get('/areas/12?period=2024-13')).status).toBe(400);
		expect((await get('/areas/12?period=2024&indicator=nope')).status).toBe(404);
	});

	it('is kept in the page cache under its own parameters: a tracking tag is the same page', async () => {
		const first = await get('/areas/12?period=2024-Q2&indicator=online_uptake');
		expect(first.status).toBe(200);
		await first.arrayBuffer();
		const again = await get('/areas/12?indicator=online_uptake&utm_source=zalo&period=2024-Q2');
		expect(again.headers.get('x-cache')).toBe('hit');
		expect(await again.text()).not.toContain('utm_source');
	});

	it('speaks English with ?lang=en', async () => {
		const html = await (await get('/areas/12?period=2024&lang=en')).text();
		expect(html).toContain('Province overview');
		expect(html).toContain('Key indicators');
		expect(html).not.toContain('Chỉ tiêu chính');
	});
});

describe('a period still running', () => {
	it('says up to which month its figures reach beside the period, on the map and the area', async () => {
		// The map's period select offers the running year with the month its figures reach.
		const select = await (await get('/')).text();
		const [, period, month] = /<option value="(\d{4})">[^<(]*\(đến tháng (\d{1,2}\/\d{4})\)</.exec(
			select
		)!;
		const [mm, yyyy] = month.split('/');
		const english = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, 1)).toLocaleString('en', {
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		});
		const subtitle = (html: string) => /<p class="subtitle[^"]*">([^<]*)</.exec(html)![1];
		const kpis = (html: string) => /<h2 id="kpis"[^>]*>([^<]*)</.exec(html)![1];
		const map = await (await get(`/?period=${period}`)).text();
		expect(subtitle(map)).toContain(`Năm ${period} (đến tháng ${month})`);
		const mapEn = await (await get(`/?period=${period}&lang=en`)).text();
		expect(subtitle(mapEn)).toContain(`${period} (to ${english})`);
		const area = await (await get(`/areas/12?period=${period}`)).text();
		expect(kpis(area)).toContain(`Năm ${period} (đến tháng ${month})`);
		const areaEn = await (await get(`/areas/12?period=${period}&lang=en`)).text();
		expect(kpis(areaEn)).toContain(`${period} (to ${english})`);
		// A period over says nothing of the kind.
		const past = await (await get(`/areas/12?period=${Number(period) - 1}`)).text();
		expect(kpis(past)).not.toContain('(đến');
	});
});
