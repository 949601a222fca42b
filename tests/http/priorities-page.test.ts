/**
 * The planners' page `/priorities` against `/api/v1/priorities` on the demo figures: the same
 * communes in the same order with the same figures (province, Than Uyên district in 2024, a
 * focus), its CSV and XLSX downloads carrying the page's rows, bad parameters answered with a
 * 400 or 404 page that says why, and the table in the HTML itself (no JavaScript needed).
 */
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formatNumber, formatValue } from '../../src/lib/domain/format.ts';
import { readXlsx } from '../../src/lib/server/services/import/readers/xlsx.ts';

const base = inject('baseURL');

interface ApiGap {
	indicator: string;
	value: number | null;
	points_lost: number;
	needed: number | null;
}
interface ApiRow {
	unit_code: string;
	unit_name: string;
	service_index: number | null;
	points_recoverable: number | null;
	gaps: ApiGap[];
}

interface PageRow {
	code: string;
	name: string;
	href: string;
	index: string;
	recoverable: string;
	focusLost: string | null;
	gaps: { indicator: string; heading: string; gain: string | null }[];
}

const text = (html: string) =>
	html
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.trim();

/** The table rows of the page's server-rendered HTML. */
function pageRows(html: string): PageRow[] {
	return [...html.matchAll(/<tr data-code="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, code, tr]) => {
		const cell = (cls: string) =>
			new RegExp(`<td class="num ${cls}[^"]*">([\\s\\S]*?)</td>`).exec(tr)?.[1] ?? null;
		const link = /<a href="([^"]+)">([^<]+)<\/a>/.exec(tr)!;
		return {
			code,
			name: link[2],
			href: link[1].replaceAll('&amp;', '&'),
			index: text(cell('index')!),
			recoverable: text(cell('recoverable')!),
			focusLost: cell('focus-lost') === null ? null : text(cell('focus-lost')!),
			gaps: [...tr.matchAll(/<li data-indicator="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)].map(
				([, indicator, li]) => ({
					indicator,
					heading: text(/<strong>([\s\S]*?)<\/strong>/.exec(li)![1]),
					gain: text(/class="gain[^"]*">([^<]*)</.exec(li)?.[1] ?? '') || null
				})
			)
		};
	});
}

async function page(path: string) {
	const res = await fetch(`${base}${path}`);
	return { status: res.status, html: await res.text() };
}

async function api(query: string): Promise<ApiRow[]> {
	const res = await fetch(`${base}/api/v1/priorities?${query}`);
	expect(res.status).toBe(200);
	return (await res.json()).rows;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const points = (x: number | null) => formatValue(x, '0–100', 'vi');

/** Every figure the page shows for a row equals the API's, written the vi-VN way. */
function expectSameFigures(rows: PageRow[], apiRows: ApiRow[], focus: string | null) {
	expect(rows.map((r) => r.code)).toEqual(apiRows.map((r) => r.unit_code));
	rows.forEach((r, k) => {
		const a = apiRows[k];
		expect(r.name).toBe(a.unit_name);
		expect(r.index, r.code).toBe(points(a.service_index));
		expect(r.recoverable, r.code).toBe(points(a.points_recoverable));
		if (focus) {
			const g = a.gaps.find((x) => x.indicator === focus);
			expect(r.focusLost, r.code).toBe(
				g ? (g.value === null ? '–' : points(g.points_lost)) : '0,0'
			);
		} else expect(r.focusLost).toBeNull();
		if (a.service_index === null) return;
		expect(r.gaps.map((g) => g.indicator)).toEqual(a.gaps.map((g) => g.indicator));
		r.gaps.forEach((g, j) => {
			const ag = a.gaps[j];
			if (ag.value === null) return expect(g.heading).toMatch(/chưa có số liệu$/);
			expect(g.heading).toContain(`mất ${points(ag.points_lost)} điểm`);
			// "Thêm 12 hồ sơ đúng hạn (mỗi tháng) sẽ được thêm 3,1 điểm."
			const n = escape(formatNumber(ag.needed, 'vi', 0));
			expect(g.gain).toMatch(
				new RegExp(`^Thêm ${n} .+ sẽ được thêm ${escape(points(ag.points_lost))} điểm\\.$`)
			);
		});
	});
}

describe('/priorities shows the API’s figures', () => {
	it.each([
		['area=12&period=2024-Q3', 'parent=12&period=2024-Q3', null, 106],
		['area=110&period=2024', 'parent=110&period=2024', null, 12],
		[
			'area=110&period=2024&focus=on_time_rate',
			'parent=110&period=2024&focus=on_time_rate',
			'on_time_rate',
			12
		]
	])('%s', async (query, apiQuery, focus, count) => {
		const { status, html } = await page(`/priorities?${query}`);
		expect(status).toBe(200);
		const rows = pageRows(html);
		expect(rows).toHaveLength(count);
		expectSameFigures(rows, await api(apiQuery), focus);
		expect(rows[0].href).toMatch(
			new RegExp(
				`^(\\.\\.?)?/units/${rows[0].code}\\?period=${query.split('period=')[1].split('&')[0]}$`
			)
		);
	});

	it('focus re-ranks by the points lost on that component and shows its gap first', async () => {
		const rows = pageRows((await page('/priorities?area=110&period=2024&focus=on_time_rate')).html);
		const lost = rows.map((r) => Number(r.focusLost!.replace(',', '.')));
		expect(lost).toEqual([...lost].sort((a, b) => b - a));
		const plain = pageRows((await page('/priorities?area=110&period=2024')).html);
		expect(rows.map((r) => r.code)).not.toEqual(plain.map((r) => r.code));
		for (const r of rows.filter((r) => r.focusLost !== '0,0'))
			expect(r.gaps[0].indicator).toBe('on_time_rate');
	});

	it('defaults to the province and the latest complete quarter, and says demo data', async () => {
		const { status, html } = await page('/priorities');
		expect(status).toBe(200);
		const period = /<option value="(\d{4}-Q[1-4])" selected/.exec(html)?.[1];
		expect(period).toBeDefined();
		expect(html).toMatch(/<option value="12" selected/);
		expectSameFigures(pageRows(html), await api(`parent=12&period=${period}`), null);
		expect(html).toContain('Dữ liệu minh họa (demo data)');
		expect(html).toContain('Xã cần ưu tiên cải thiện');
	});

	it('says the gap in the planner’s words, in Vietnamese and in English', async () => {
		const vi = pageRows((await page('/priorities?area=110&period=2024')).html);
		const gains = vi.flatMap((r) => r.gaps.map((g) => g.gain)).filter(Boolean);
		expect(
			gains.some((g) =>
				/^Thêm [\d.]+ hồ sơ đúng hạn mỗi tháng sẽ được thêm \d+,\d điểm\.$/.test(g!)
			)
		).toBe(true);
		const { html } = await page('/priorities?area=110&period=2024&lang=en');
		expect(html).toContain('Communes to prioritise');
		expect(html).toMatch(/\d+ more dossiers? on time a month would add \d+\.\d points\./);
		expect(html).toMatch(/<td class="num index[^"]*">\d+\.\d<\/td>/);
	});

	it('answers a period that straddles the 2025 merger on one era, as the map does', async () => {
		const rows = await api('parent=12&period=2025');
		const codes = rows.map((r) => r.unit_code);
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes).toHaveLength(38);
		expectSameFigures(pageRows((await page('/priorities?area=12&period=2025')).html), rows, null);
	});

	it('is cached per data version like the other public pages: a 304 on revalidation', async () => {
		for (const path of [
			'/priorities?area=110&period=2024',
			'/priorities/download?area=110&period=2024&format=xlsx'
		]) {
			const first = await fetch(`${base}${path}`);
			await first.arrayBuffer();
			const etag = first.headers.get('etag');
			expect(etag, path).toBeTruthy();
			const again = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag! } });
			expect(again.status, path).toBe(304);
		}
	});

	it('links the page from the public header', async () => {
		const { html } = await page('/');
		expect(html).toMatch(
			/<nav aria-label="Các trang"[^>]*>[\s\S]*?href="[^"]*priorities"[^>]*>Xã cần ưu tiên</
		);
	});
});

describe('/priorities downloads', () => {
	const query = 'area=110&period=2024&focus=on_time_rate';

	async function links() {
		const { html } = await page(`/priorities?${query}`);
		const href = (format: string) =>
			new URL(
				new RegExp(`href="([^"]*download[^"]*format=${format})"`)
					.exec(html)![1]
					.replaceAll('&amp;', '&'),
				`${base}/priorities`
			);
		return { rows: pageRows(html), csv: href('csv'), xlsx: href('xlsx') };
	}

	/**
	 * A download's point figure is the page's, as a number with at most one decimal (the page's
	 * "<0,1" is 0.1, a blank its "–"), not 48.037531194295894.
	 */
	function expectPagePoints(cell: string, shown: string | null) {
		if (cell === '') return expect(shown).toBe('–');
		expect(cell).toMatch(/^\d+(\.\d)?$/);
		expect(points(Number(cell))).toBe(shown === '<0,1' ? '0,1' : shown);
	}

	/** A download's records hold the page's rows: order, rank, names and rounded figures. */
	function expectPageRows(header: string[], records: string[][], rows: PageRow[]) {
		const col = (name: string) => header.indexOf(name);
		expect(records).toHaveLength(rows.length);
		records.forEach((rec, k) => {
			const r = rows[k];
			expect(rec[col('rank')]).toBe(String(k + 1));
			expect(rec[col('unit_code')]).toBe(r.code);
			expect(rec[col('unit_name')]).toBe(r.name);
			expectPagePoints(rec[col('service_index')], r.index);
			expectPagePoints(rec[col('points_recoverable')], r.recoverable);
			expectPagePoints(rec[col('on_time_rate_points_lost')], r.focusLost);
			for (const name of header.filter((h) => h.endsWith('_points_lost')))
				expect(rec[col(name)], name).toMatch(/^(\d+(\.\d)?)?$/);
		});
	}

	it('CSV has the page’s rows', async () => {
		const { rows, csv } = await links();
		const res = await fetch(csv);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toMatch(/priorities-110-2024-on_time_rate/);
		const [header, ...records] = parse(await res.text(), { bom: true }) as string[][];
		expect(header).toContain('transparency_rate_needed');
		expect(header).toContain('online_uptake_needed_per_month');
		expectPageRows(header, records, rows);
	});

	it('XLSX has the page’s rows', async () => {
		const { rows, xlsx } = await links();
		const res = await fetch(xlsx);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
		const table = readXlsx(new Uint8Array(await res.arrayBuffer()));
		expectPageRows(
			table.header,
			table.records.map((r) => r.cells),
			rows
		);
	});

	it.each([
		['/priorities/download?area=110&period=2024&format=pdf', 400],
		['/priorities/download?area=110&period=2024-Q7&format=csv', 400],
		['/priorities/download?area=99999&period=2024&format=xlsx', 404]
	])('%s → %i with { error }', async (path, status) => {
		const res = await fetch(`${base}${path}`);
		expect(res.status).toBe(status);
		expect(typeof (await res.json()).error).toBe('string');
	});
});

describe('/priorities with bad parameters', () => {
	it.each([
		['/priorities?area=99999&period=2024', 404, 'Không có khu vực mã “99999” trong kỳ 2024'],
		['/priorities?area=110&period=2025-Q3', 404, 'Không có khu vực mã “110”'],
		['/priorities?area=03640&period=2024', 404, 'Không có khu vực mã “03640”'],
		// A period is not echoed: the page is rendered from its canonical query (public-params.ts).
		['/priorities?period=2024-W1', 400, 'Kỳ báo cáo trong đường dẫn không hợp lệ'],
		['/priorities?focus=coverage_4g', 400, 'Chỉ tiêu trọng tâm “coverage_4g” không hợp lệ'],
		['/priorities?period=2024-13&lang=en', 400, 'The period in the link is not valid']
	])('%s → %i and says why', async (path, status, message) => {
		const { status: got, html } = await page(path);
		expect(got).toBe(status);
		expect(html).toContain(message);
		expect(html).toMatch(
			/href="[^"]*priorities(\?lang=en)?"[^>]*>(Xem danh sách mặc định|See the default list)</
		);
	});

	it('a control character is a 400 too (refused before the page, hooks.server.ts)', async () => {
		const { status, html } = await page('/priorities?period=%00');
		expect(status).toBe(400);
		expect(html).toMatch(/period/);
	});

	it('the API ranks by a focus too, and refuses one that is not a component', async () => {
		const rows = await api('parent=110&period=2024&focus=digitization_rate');
		expect(rows[0].gaps[0]?.indicator).toBe('digitization_rate');
		const res = await fetch(`${base}/api/v1/priorities?parent=110&period=2024&focus=nope`);
		expect(res.status).toBe(400);
		expect((await res.json()).error).toMatch(/focus/);
	});
});
