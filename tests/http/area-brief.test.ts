/**
 * The one-page brief (/areas/CODE/brief) against the API it must agree with, for the province
 * and a pre-2025 district: the tiles are the area's own figures, the five best and five weakest
 * are the ends of the values API's ranking of the communes under it, and the three largest
 * changes are the largest differences between that and the previous period re-aggregated onto
 * the same communes (`as_of` the period's last day). The page is in the server's HTML; its only
 * script is the print button's.
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

/** Code and the `<data value>`s of each row of the section labelled `id`, in page order. */
function section(html: string, id: string): { code: string; values: string[] }[] {
	const body =
		new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(
			html
		)?.[1] ?? '';
	return [...body.matchAll(/<tr data-code="(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
		code: m[1],
		values: [...m[2].matchAll(/<data value="([^"]*)"/g)].map((v) => v[1])
	}));
}

describe.each([
	{ code: '12', level: 'province', period: '2024', previous: '2023', asOf: '2024-12-31' },
	{ code: '110', level: 'district', period: '2024-H2', previous: '2024-H1', asOf: '2024-12-31' }
])('/areas/$code/brief?period=$period', ({ code, level, period, previous, asOf }) => {
	const path = `/areas/${code}/brief?period=${period}&indicator=on_time_rate`;

	it('shows the area’s own figures, as the API gives them, in its tiles', async () => {
		const response = await get(path);
		expect(response.status).toBe(200);
		const shown = tiles(await response.text());
		expect(shown.size).toBe(8);
		for (const [indicator, value] of shown) {
			const rows = await api(`indicator=${indicator}&period=${period}&level=${level}`);
			const own = rows.find((r) => r.unit_code === code)!;
			expect(value, indicator).toBe(own.value === null ? '' : String(own.value));
		}
	});

	it('lists the five best and five weakest communes of the API’s ranking', async () => {
		const html = await (await get(path)).text();
		const rows = await api(`indicator=on_time_rate&period=${period}&level=commune&parent=${code}`);
		const ranked = rows.filter((r) => r.value !== null && r.rank !== null);
		expect(ranked.length).toBeGreaterThanOrEqual(10);
		const pairs = (rs: Row[]) => rs.map((r) => ({ code: r.unit_code, values: [String(r.value)] }));
		expect(section(html, 'best')).toEqual(pairs(ranked.slice(0, 5)));
		expect(section(html, 'weakest')).toEqual(pairs(ranked.slice(-5).reverse()));
		const mapCodes = [...html.matchAll(/<path d="M[^"]+"[^>]*data-code="(\d+)"/g)].map((m) => m[1]);
		expect(new Set(mapCodes)).toEqual(new Set(rows.map((r) => r.unit_code)));
	});

	it('shows the three largest changes on the previous period, on the same communes', async () => {
		const html = await (await get(path)).text();
		const now = await api(`indicator=on_time_rate&period=${period}&level=commune&parent=${code}`);
		const before = new Map(
			(
				await api(
					`indicator=on_time_rate&period=${previous}&level=commune&parent=${code}&as_of=${asOf}`
				)
			).map((r) => [r.unit_code, r.value])
		);
		const moves = now
			.filter((r) => r.value !== null && before.get(r.unit_code) != null)
			.map((r) => ({
				r,
				was: before.get(r.unit_code)!,
				delta: r.value! - before.get(r.unit_code)!
			}))
			.filter((x) => x.delta !== 0)
			.sort(
				(a, b) =>
					Math.abs(b.delta) - Math.abs(a.delta) || a.r.unit_code.localeCompare(b.r.unit_code)
			)
			.slice(0, 3);
		expect(moves.length).toBe(3);
		expect(section(html, 'changes')).toEqual(
			moves.map((x) => ({ code: x.r.unit_code, values: [String(x.was), String(x.r.value)] }))
		);
	});

	it('prints the period, the date, the source and the demo statement; needs no script', async () => {
		const html = await (await get(path)).text();
		expect(html).toMatch(/Kỳ: [^<]*2024/);
		expect(html).toMatch(/Lập ngày \d{2}\/\d{2}\/\d{4}/);
		expect(html).toContain('Nguồn số liệu');
		expect(html).toContain('Dữ liệu minh họa (demo data)');
		// The print button's file is the only script; the figures are all in the HTML.
		const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
		expect(scripts).toHaveLength(1);
		expect(scripts[0]).toMatch(/src="[./]*\/?brief-print\.js"/);
		// Its styles set the sheet to A4: linked, or inside the page when small (inlineStyleThreshold).
		const sheets = [...html.matchAll(/<link href="([^"]+\.css)" rel="stylesheet">/g)].map(
			(m) => new URL(m[1], new URL(path, base()))
		);
		const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
		const css =
			(await Promise.all(sheets.map(async (u) => (await fetch(u)).text()))).join('') +
			inline.join('');
		expect(css).toMatch(/@page\s*{[^}]*size:\s*A4/);
		const script = await get('/brief-print.js');
		expect(script.status).toBe(200);
		expect(await script.text()).toContain('window.print()');
	});
});

describe('the brief among the pages', () => {
	it('is linked from the area page with the same view', async () => {
		const html = await (await get('/areas/110?period=2024&indicator=online_uptake')).text();
		expect(html).toMatch(
			/<a href="(\.\.\/)*(\/)?areas\/110\/brief\?period=2024&amp;indicator=online_uptake">Bản tóm tắt để in<\/a>/
		);
		const en = await (await get('/areas/12?period=2024&lang=en')).text();
		expect(en).toContain('>Printable brief</a>');
	});

	it('speaks English with ?lang=en', async () => {
		const html = await (await get('/areas/12/brief?period=2024&lang=en')).text();
		expect(html).toContain('Five best communes');
		expect(html).toContain('Print / Save as PDF');
		expect(html).toContain('Data source');
		expect(html).not.toContain('5 xã tốt nhất');
	});

	it('is cached under its declared parameters, and answers bad input with 400 or 404', async () => {
		const first = await get('/areas/12/brief?period=2024-Q3');
		expect(first.status).toBe(200);
		await first.arrayBuffer();
		const again = await get('/areas/12/brief?utm_source=zalo&period=2024-Q3');
		expect(again.headers.get('x-cache')).toBe('hit');
		expect((await get('/areas/99/brief?period=2024')).status).toBe(404);
		expect((await get('/areas/12/brief?period=2024-13')).status).toBe(400);
	});
});
