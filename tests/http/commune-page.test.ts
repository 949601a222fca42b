/**
 * Issue 14, item 6: the commune page, complete, in the server's HTML (no JavaScript). For a
 * commune of today's province (Than Uyên, 03595) and a pre-2025 commune (Phúc Than, 03618 in
 * 2024): the service index's points per group of Decision 766, the rank, the infrastructure
 * inventory and the monthly reporting equal what /api/v1/values answers for the same view;
 * the lineage links land on the units they name; the parent's area overview is linked.
 */
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseURL');

interface ValueRow {
	unit_code: string;
	valid_from: string | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	months_reported: number;
	rank: number | null;
	components?: { code: string; rate: number | null; points: number; earned: number | null }[];
}

async function page(path: string): Promise<string> {
	const res = await fetch(new URL(path, base));
	expect(res.status, path).toBe(200);
	return res.text();
}

/** The API's rows for a view, and the row of the unit (code, valid_from). */
async function apiRow(
	query: Record<string, string>,
	unit: { code: string; valid_from: string | null }
): Promise<{ row: ValueRow; of: number }> {
	const res = await fetch(new URL(`/api/v1/values?${new URLSearchParams(query)}`, base));
	expect(res.status).toBe(200);
	const rows = ((await res.json()) as { rows: ValueRow[] }).rows;
	const row = rows.find((r) => r.unit_code === unit.code && r.valid_from === unit.valid_from);
	expect(row, JSON.stringify(query)).toBeDefined();
	return { row: row!, of: rows.length };
}

const section = (html: string, id: string) =>
	new RegExp(`<section[^>]*aria-labelledby="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

const attrs = (tag: string): Record<string, string> =>
	Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

const text = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();

const CASES = [
	{
		name: 'Xã Than Uyên (since 2025)',
		path: '/units/03595?period=2025-Q4',
		unit: { code: '03595', valid_from: '2025-07-01' },
		period: '2025-Q4',
		parent: '12',
		where: 'tỉnh'
	},
	{
		name: 'Xã Phúc Than (before 2025)',
		path: '/units/03618?period=2024-Q3&at=2019-01-01',
		unit: { code: '03618', valid_from: null },
		period: '2024-Q3',
		parent: '110',
		where: 'huyện'
	}
];

describe.each(CASES)('the page of $name', ({ path, unit, period, parent, where }) => {
	const view = { period, level: 'commune', parent };

	it('breaks the service index into the six groups with the API’s points', async () => {
		const html = section(await page(path), 'breakdown-title');
		const { row } = await apiRow({ indicator: 'service_index', ...view }, unit);
		const shown = [...html.matchAll(/<tr data-indicator="(\w+)"[\s\S]*?<\/tr>/g)].map((m) => ({
			code: m[1],
			points: attrs(/<span class="points[^>]*>/.exec(m[0])![0]),
			text: text(m[0])
		}));
		expect(shown.map((s) => s.code)).toEqual([
			'transparency_rate',
			'on_time_rate',
			'online_uptake',
			'online_payment_rate',
			'digitization_rate',
			'satisfaction_rate'
		]);
		for (const c of row.components!) {
			const s = shown.find((x) => x.code === c.code)!;
			expect(Number(s.points['data-earned'])).toBe(c.earned);
			expect(Number(s.points['data-points'])).toBe(c.points);
			// In words too: "15,0/18 điểm", the rate and the threshold.
			const earned = c.earned!.toLocaleString('vi-VN', {
				minimumFractionDigits: 1,
				maximumFractionDigits: 1
			});
			expect(s.text).toContain(`${earned}/${c.points} điểm`);
			expect(s.text).toMatch(/\d+(,\d)?% ≥ \d+%/);
		}
		expect(html).toContain('Công khai, minh bạch');
		expect(html).toContain('Số hóa hồ sơ');
	});

	it('ranks the unit as the API does, for the charted indicator and the index', async () => {
		const html = await page(path);
		const uptake = await apiRow({ indicator: 'online_uptake', ...view }, unit);
		const index = await apiRow({ indicator: 'service_index', ...view }, unit);
		expect(text(html)).toContain(
			`Tỷ lệ hồ sơ trực tuyến: hạng ${uptake.row.rank}/${uptake.of} trong ${where}`
		);
		expect(text(section(html, 'breakdown-title'))).toContain(
			`hạng ${index.row.rank}/${index.of} trong ${where}`
		);
		const onTime = await page(`${path}&indicator=on_time_rate`);
		const api = await apiRow({ indicator: 'on_time_rate', ...view }, unit);
		expect(text(onTime)).toContain(
			`Tỷ lệ giải quyết đúng hạn: hạng ${api.row.rank}/${api.of} trong ${where}`
		);
	});

	it('lists the infrastructure inventory with the API’s counts and when each last changed', async () => {
		const html = section(await page(path), 'inventory-title');
		const rows = [...html.matchAll(/<tr data-indicator="(\w+)"[^>]*>[\s\S]*?<\/tr>/g)];
		expect(rows.map((r) => r[1])).toEqual([
			'coverage_4g',
			'fiber_coverage',
			'digital_skills',
			'computers_per_staff',
			'one_stop_shop'
		]);
		for (const [tr, indicator] of rows) {
			const { row } = await apiRow({ indicator, ...view }, unit);
			const a = attrs(/<tr[^>]*>/.exec(tr)![0]);
			expect(Number(a['data-numerator']), indicator).toBe(row.numerator);
			expect(Number(a['data-denominator']), indicator).toBe(row.denominator);
			if (indicator === 'coverage_4g')
				expect(text(tr)).toContain(`${row.numerator}/${row.denominator} thôn, bản`);
			// The month of the last change, not after the period.
			const since = /data-since="(\d{4}-\d{2})"/.exec(tr)?.[1];
			expect(since, indicator).toBeDefined();
			expect(since! <= `${period.slice(0, 4)}-12`).toBe(true);
			expect(text(tr)).toMatch(/tháng \d+\/\d{4}|Tháng \d+\/\d{4}/);
		}
	});

	it('marks each of the twelve months reported or missing, as the API counts them', async () => {
		const html = section(await page(path), 'reporting-title');
		const cells = [...html.matchAll(/<li class="cell[^"]*"[^>]*>[\s\S]*?<\/li>/g)].map((m) => ({
			data: attrs(/<li[^>]*>/.exec(m[0])![0]),
			text: text(m[0])
		}));
		expect(cells).toHaveLength(12);
		const counts = { reported: 0, partial: 0, missing: 0 };
		for (const cell of cells) {
			const status = cell.data['data-status'] as keyof typeof counts;
			counts[status]++;
			// Not by colour alone: a symbol and the state in words.
			expect(cell.text).toMatch(
				/[✓◐✕] Tháng \d+\/\d{4}: (đã báo cáo đủ|báo cáo một phần|không báo cáo)/
			);
			// Before the unit existed, the communes it was formed from report for it (as_of).
			const month = cell.data['data-month'];
			const before = unit.valid_from && `${month}-01` < unit.valid_from;
			const { row } = await apiRow(
				{
					indicator: 'service_index',
					...view,
					period: month,
					...(before ? { as_of: unit.valid_from! } : {})
				},
				unit
			);
			if (status === 'missing') expect(row.months_reported, month).toBe(0);
			else expect(row.months_reported, month).toBeGreaterThan(0);
		}
		expect(text(html)).toContain(
			`Đủ ${counts.reported} tháng, một phần ${counts.partial} tháng, không báo cáo ${counts.missing} tháng.`
		);
	});

	it('links up to the area overview of its parent for the period', async () => {
		const html = await page(path);
		expect(html).toMatch(
			new RegExp(`<a class="area[^"]*" href="(\\.\\.)?/areas/${parent}\\?period=${period}"`)
		);
	});
});

describe('the lineage links of the commune page', () => {
	it.each([
		['/units/03595?period=2025-Q4', 'Hình thành từ', 4],
		['/units/03618?period=2024-Q3', 'Sáp nhập vào', 1]
	])('on %s land on the units they name', async (path, label, count) => {
		const html = await page(path);
		const dd =
			new RegExp(`<dt[^>]*>${label}</dt>\\s*<dd[^>]*>([\\s\\S]*?)</dd>`).exec(html)?.[1] ?? '';
		const links = [...dd.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)];
		expect(links).toHaveLength(count);
		for (const [, escaped, name] of links) {
			const href = escaped.replaceAll('&amp;', '&');
			expect(href).toMatch(/[?&]at=\d{4}-\d{2}-\d{2}/);
			const target = await page(new URL(href, new URL(path, base)).href);
			expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(target)?.[1]).toBe(name);
		}
	});
});

describe('the commune page in English', () => {
	it('says the rank, the groups, the reporting and the inventory in English', async () => {
		const html = text(await page('/units/03595?period=2025-Q4&lang=en'));
		expect(html).toMatch(/Online filing: ranked \d+ of 38 in the province/);
		expect(html).toContain('Service index in the six groups of Decision 766, Q4 2025');
		expect(html).toMatch(/Transparency Procedures published [\d.]+ of 18 points/);
		expect(html).toContain('Monthly reporting');
		expect(html).toContain('Digital infrastructure, Q4 2025');
		expect(html).toContain('Overview of Tỉnh Lai Châu');
	});
});
