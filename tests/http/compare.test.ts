/**
 * The compare page (/compare) against the API it must agree with: units side by side show, for
 * every indicator, period and unit, the figure `/api/v1/series` gives for that unit (harmonised
 * through the 2025 merger); two periods show, for every commune, the figures
 * `/api/v1/values?as_of=` gives on today's units, and their difference. Bad parameters are a 400
 * page saying what; the CSV holds the same series. Lai Châu's communes, in the server's HTML.
 */
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formatValue } from '../../src/lib/domain/format.ts';
import { findIndicator, type IndicatorUnit } from '../../src/lib/domain/indicators.ts';
import { formatChange } from '../../src/lib/domain/compare.ts';
import { KPI_INDICATORS } from '../../src/lib/domain/kpis.ts';

const base = () => inject('baseURL');
const get = (path: string, init?: RequestInit) =>
	fetch(new URL(path, base()), { redirect: 'manual', ...init });

interface SeriesRow {
	period: string;
	value: number | null;
	harmonised: boolean;
}

async function series(unit: string, indicator: string, grain: string): Promise<SeriesRow[]> {
	const res = await get(`/api/v1/series?unit=${unit}&indicator=${indicator}&grain=${grain}`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { rows: SeriesRow[] }).rows;
}

/** The cells of one indicator's table: period → unit → text. */
function unitTable(html: string, indicator: string): Map<string, Map<string, string>> {
	const table = new RegExp(
		`<table[^>]*data-indicator="${indicator}"[^>]*>([\\s\\S]*?)</table>`
	).exec(html)?.[1];
	expect(table, indicator).toBeDefined();
	const out = new Map<string, Map<string, string>>();
	for (const [, period, tr] of table!.matchAll(/<tr data-period="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g))
		out.set(
			period,
			new Map(
				[...tr.matchAll(/<td[^>]*data-unit="(\d+)"[^>]*>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]])
			)
		);
	return out;
}

const text = (v: number | null, unit: IndicatorUnit) => formatValue(v, unit, 'vi');

describe('/compare?units=…: the series API’s figures, unit by unit', () => {
	it.each([
		['03595,03618,03388', 'quarter'],
		['03618,03595', 'year'],
		// The province, a district abolished in 2025 and the commune it held: three windows.
		['12,110,03618', 'quarter']
	])('units=%s grain=%s', async (units, grain) => {
		const query = grain === 'quarter' ? `units=${units}` : `units=${units}&grain=${grain}`;
		const res = await get(`/compare?${query}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		const codes = units.split(',');
		for (const indicator of KPI_INDICATORS) {
			const unit = findIndicator(indicator)!.unit;
			const table = unitTable(html, indicator);
			let compared = 0;
			for (const code of codes) {
				const rows = await series(code, indicator, grain);
				expect(rows.length).toBeGreaterThan(0);
				for (const r of rows) {
					expect(table.get(r.period)?.get(code), `${indicator} ${code} ${r.period}`).toBe(
						text(r.value, unit)
					);
					if (r.value !== null) compared++;
				}
			}
			expect(compared, indicator).toBeGreaterThan(0);
			// One chart per indicator, with one line group per unit.
			const chart = new RegExp(`<article[^>]*data-indicator="${indicator}"[\\s\\S]*?</svg>`).exec(
				html
			)?.[0];
			expect(chart).toBeDefined();
			expect([...chart!.matchAll(/data-unit="(\d+)"/g)].map((m) => m[1])).toEqual(codes);
		}
		// A harmonised unit (today's, formed in 2025) says its early figures were summed.
		expect(html).toContain('trước ngày 1/7/2025');
	});

	it('looks names up and redirects to their codes', async () => {
		const res = await get('/compare?units=than%20uyen,03618');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/units=03595%2C03618$/);
	});

	it('is cached per data version like the other public pages: a 304 on revalidation', async () => {
		const first = await get('/compare?units=03595,03618&utm_source=x');
		await first.arrayBuffer();
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await get('/compare?units=03595,03618', { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
	});
});

interface ValueRow {
	unit_code: string;
	value: number | null;
}

describe('/compare?period=…&with=…: the values API’s figures on today’s units', () => {
	it.each([
		['2021', '2024', 'on_time_rate'],
		['2023-Q2', '2025-Q4', 'service_index'],
		['2022', '2024', 'overdue_backlog']
	])('period=%s with=%s indicator=%s', async (period, later, indicator) => {
		const res = await get(
			`/compare?period=${period}&with=${later}&indicator=${indicator}&parent=12`
		);
		expect(res.status).toBe(200);
		const html = await res.text();
		const asOf = /data-as-of="(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1];
		expect(asOf).toBeDefined();
		const api = async (p: string) => {
			const r = await get(
				`/api/v1/values?indicator=${indicator}&period=${p}&level=commune&parent=12&as_of=${asOf}`
			);
			expect(r.status).toBe(200);
			return new Map(((await r.json()) as { rows: ValueRow[] }).rows.map((x) => [x.unit_code, x]));
		};
		const [a, b] = await Promise.all([api(period), api(later)]);
		const unit = findIndicator(indicator)!.unit;
		const rows = [
			...html.matchAll(
				/<tr data-code="(\d+)"[^>]*>[\s\S]*?<td class="num earlier[^"]*">([^<]*)<\/td>\s*<td class="num later[^"]*">([^<]*)<\/td>\s*<td class="num change[^"]*">([^<]*)<\/td>/g
			)
		];
		expect(rows.length).toBe(b.size);
		expect(rows.length).toBeGreaterThan(30);
		let changes = 0;
		for (const [, code, earlier, now, change] of rows) {
			const x = a.get(code)?.value ?? null;
			const y = b.get(code)?.value ?? null;
			expect(earlier, code).toBe(text(x, unit));
			expect(now, code).toBe(text(y, unit));
			expect(change, code).toBe(formatChange(x === null || y === null ? null : y - x, unit, 'vi'));
			if (x !== null && y !== null) changes++;
		}
		expect(changes).toBeGreaterThan(30);
		// Two maps and the change map, one path per commune each, and the harmonisation said.
		for (const map of ['earlier', 'later', 'change'])
			expect(
				new RegExp(`<figure data-map="${map}"[\\s\\S]*?<path[^>]*data-code=`).test(html),
				map
			).toBe(true);
		expect(html).toContain('Cả hai kỳ được vẽ trên các đơn vị hiện nay');
	});

	it('fills the periods form with the view, so sending it again keeps every parameter', async () => {
		const query = 'period=2021&with=2024&indicator=on_time_rate&level=province&lang=en';
		const html = await (await get(`/compare?${query}`)).text();
		const form = /<form[^>]*class="choose periods[\s\S]*?<\/form>/.exec(html)![0];
		const kept = new URLSearchParams();
		for (const [, name, value] of form.matchAll(/<input[^>]*name="(\w+)"[^>]*value="([^"]*)"/g))
			if (value) kept.set(name, value);
		kept.set('indicator', /<option value="(\w+)" selected/.exec(form)![1]);
		expect(Object.fromEntries(kept)).toEqual(Object.fromEntries(new URLSearchParams(query)));
	});

	it('colours the change by the indicator’s direction', async () => {
		const html = await (
			await get('/compare?period=2021&with=2024&indicator=on_time_rate&lang=en')
		).text();
		expect(html).toContain('Change: blue is better, red is worse.');
		const neutral = await (
			await get('/compare?period=2021&with=2024&indicator=dossier_volume&lang=en')
		).text();
		expect(neutral).toContain('green is up, purple is down');
	});
});

describe('/compare answers parameters it cannot use with a 400 saying why', () => {
	const seven = ['03595', '03618', '03388', '03391', '03394', '03397', '03400'].join(',');
	it.each([
		['units=03595', /cần từ 2 đến 6/],
		[`units=${seven}`, /có 7 đơn vị/],
		['units=03595,99999', /mã 99999/],
		['units=03595,khong%20co%20xa%20nay', /không tìm thấy đơn vị nào tên/],
		['units=03595,03595%20', /có 1 đơn vị/],
		['units=03595,03618&grain=week', /“grain”/],
		['period=2021-13&with=2024', /“period” không phải một kỳ báo cáo/],
		['period=2021&with=soon', /“with” không phải một kỳ báo cáo/],
		['period=2024&with=2024', /are the same/],
		['period=2021&with=2024&indicator=nope', /“indicator”/],
		['period=2021&with=2024&level=district', /“level”/]
	])('%s', async (query, message) => {
		const res = await get(`/compare?${query}`);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toMatch(message);
		expect(html).toContain('Không so sánh được');
	});

	it('says it in English on an English page', async () => {
		const res = await get('/compare?units=03595&lang=en');
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('“units” holds 1 unit(s): compare 2 to 6.');
	});

	it('the CSV download too, as JSON', async () => {
		for (const q of ['units=03595', `units=${seven}`, 'units=03595,99999']) {
			const res = await get(`/compare/download?${q}&format=csv`);
			expect(res.status, q).toBe(400);
			expect(((await res.json()) as { error: string }).error, q).toMatch(/units/);
		}
		expect((await get('/compare/download?units=03595,03618&format=xlsx')).status).toBe(400);
	});
});

describe('/compare/download: one CSV of every series shown', () => {
	it('holds the series API’s figures for each indicator and unit', async () => {
		const res = await get('/compare/download?units=03595,03618&format=csv');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toMatch(
			/filename="compare-03595-03618-quarter-demo-data\.csv"/
		);
		expect(res.headers.get('link')).toMatch(/\/methodology>; rel="describedby"/);
		const records = parse(await res.text(), { columns: true, bom: true }) as Record<
			string,
			string
		>[];
		expect(Object.keys(records[0])).toEqual([
			'indicator',
			'unit_code',
			'unit_name',
			'period',
			'value',
			'numerator',
			'denominator',
			'months_reported',
			'low_confidence',
			'harmonised'
		]);
		let expected = 0;
		for (const indicator of KPI_INDICATORS)
			for (const unit of ['03595', '03618']) {
				const rows = await series(unit, indicator, 'quarter');
				expected += rows.length;
				const mine = records.filter((r) => r.indicator === indicator && r.unit_code === unit);
				expect(mine.map((r) => r.period)).toEqual(rows.map((r) => r.period));
				mine.forEach((r, k) => {
					const v = rows[k].value;
					if (v === null) expect(r.value).toBe('');
					else expect(Number(r.value)).toBeCloseTo(v, 9);
					expect(r.harmonised).toBe(String(rows[k].harmonised));
				});
			}
		expect(records).toHaveLength(expected);
	});
});

describe('links to the compare page', () => {
	it('from a commune’s page, to the form with the commune in it', async () => {
		const html = await (await get('/units/03595?period=2025-Q4')).text();
		const href = /<a href="([^"]*compare\?base=03595)">So sánh với…<\/a>/.exec(html)?.[1];
		expect(href).toBeDefined();
		const form = await (await get('/compare?base=03595')).text();
		expect(form).toMatch(/<input name="units" value="03595, "/);
	});

	it('from an area’s page, to its two periods', async () => {
		const html = await (await get('/areas/110?period=2024-H2')).text();
		expect(html).toMatch(
			/href="[^"]*compare\?period=2023-H2&amp;with=2024-H2&amp;indicator=service_index&amp;parent=12"/
		);
	});
});
