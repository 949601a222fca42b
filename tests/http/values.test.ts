/**
 * CONTRACT.md /api/v1/values against the built server on the demo figures: the calibration to
 * the published Than Uyên facts, additivity over months and over communes, GeoJSON per era, CSV,
 * and bad parameters answered with 400/404 and a message.
 */
import { describe, expect, inject, it } from 'vitest';
import { readXlsx } from '../../src/lib/server/services/import/readers/xlsx.ts';

const base = inject('baseURL');

interface Row {
	unit_code: string;
	unit_name: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	months_reported: number;
	months_expected: number;
	low_confidence: boolean;
	rank: number | null;
	band: string | null;
}

async function values(query: string): Promise<{ rows: Row[]; demo: boolean; indicator: string }> {
	const res = await fetch(`${base}/api/v1/values?${query}`);
	expect(res.status, await res.clone().text()).toBe(200);
	return res.json();
}

const byCode = (rows: Row[]) => new Map(rows.map((r) => [r.unit_code, r]));

describe('calibration to the published facts', () => {
	it('Than Uyên district (110) received 12,122 dossiers in 2022', async () => {
		const v = await values('indicator=dossier_volume&period=2022&level=district');
		expect(v.demo).toBe(true);
		expect(byCode(v.rows).get('110')?.value).toBe(12122);
	});

	it('and resolved 99.9% of them on time', async () => {
		const v = await values('indicator=on_time_rate&period=2022&level=district');
		const r = byCode(v.rows).get('110')!;
		expect(r.value).toBeGreaterThanOrEqual(99.85);
		expect(r.value).toBeLessThanOrEqual(99.95);
		expect(r.value).toBeCloseTo((r.numerator! / r.denominator!) * 100, 9);
	});
});

describe('figures add up', () => {
	const ratios = [
		'online_uptake',
		'on_time_rate',
		'digitization_rate',
		'online_payment_rate',
		'satisfaction_rate',
		'dossiers_per_1000'
	];

	it.each(['dossier_volume', ...ratios.slice(0, 5)])(
		'%s: a year is the sum of its twelve months, counts and months reported',
		async (indicator) => {
			const year = byCode((await values(`indicator=${indicator}&period=2023&level=commune`)).rows);
			const sums = new Map<string, { n: number; d: number; months: number }>();
			for (let m = 1; m <= 12; m++) {
				const month = (
					await values(
						`indicator=${indicator}&period=2023-${String(m).padStart(2, '0')}&level=commune`
					)
				).rows;
				for (const r of month) {
					const s = sums.get(r.unit_code) ?? { n: 0, d: 0, months: 0 };
					s.n += r.numerator ?? 0;
					s.d += r.denominator ?? 0;
					s.months += r.months_reported;
					sums.set(r.unit_code, s);
				}
			}
			expect(sums.size).toBe(106);
			for (const [code, s] of sums) {
				const y = year.get(code)!;
				expect(y.numerator ?? 0, code).toBe(s.n);
				expect(y.denominator ?? 0, code).toBe(s.d);
				expect(y.months_reported, code).toBe(s.months);
			}
		}
	);

	it.each(['dossier_volume', 'overdue_backlog', 'coverage_4g', 'one_stop_shop', ...ratios])(
		'%s: a district is the sum of its communes',
		async (indicator) => {
			const districts = (await values(`indicator=${indicator}&period=2024-Q2&level=district`)).rows;
			expect(districts).toHaveLength(8);
			for (const d of districts) {
				const communes = (
					await values(`indicator=${indicator}&period=2024-Q2&level=commune&parent=${d.unit_code}`)
				).rows;
				expect(communes.length).toBeGreaterThan(0);
				const n = communes.reduce((s, r) => s + (r.numerator ?? 0), 0);
				const den = communes.reduce((s, r) => s + (r.denominator ?? 0), 0);
				expect(d.numerator ?? 0, d.unit_code).toBeCloseTo(n, 6);
				expect(d.denominator ?? 0, d.unit_code).toBeCloseTo(den, 6);
				expect(d.months_expected).toBe(communes.reduce((s, r) => s + r.months_expected, 0));
			}
		}
	);

	it('ranks share ties and leave nulls unranked; rates flag small samples', async () => {
		const v = await values('indicator=coverage_4g&period=2024-06&level=commune');
		const ranked = v.rows.filter((r) => r.value !== null);
		for (const r of ranked) {
			const better = ranked.filter((o) => (o.value as number) > (r.value as number)).length;
			expect(r.rank).toBe(better + 1);
		}
		for (const r of v.rows)
			expect(r.low_confidence).toBe(r.denominator !== null && r.denominator < 20);
		expect(v.rows.filter((r) => r.value === null).every((r) => r.rank === null)).toBe(true);
	});
});

describe('targets', () => {
	it('every value knows its target (the 766 threshold by default) and whether it meets it', async () => {
		const v = await values('indicator=digitization_rate&period=2024&level=commune');
		for (const r of v.rows as (Row & { target: number; meets_target: boolean | null })[]) {
			expect(r.target).toBe(80);
			expect(r.meets_target).toBe(r.value === null ? null : r.value >= 80);
		}
		const counts = await values('indicator=dossier_volume&period=2024&level=district');
		expect(counts.rows.every((r) => (r as Row & { target: null }).target === null)).toBe(true);
	});
});

describe('GeoJSON per era', () => {
	it.each([
		['2024-Q3', 106],
		['2025-Q4', 38]
	])('online_uptake %s at commune level has %i features', async (period, n) => {
		const res = await fetch(
			`${base}/api/v1/values?indicator=online_uptake&period=${period}&level=commune&format=geojson`
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('geo+json');
		const fc = await res.json();
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features).toHaveLength(n);
		for (const f of fc.features) {
			expect(f.type).toBe('Feature');
			expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
			expect(Array.isArray(f.geometry.coordinates)).toBe(true);
			expect(typeof f.properties.unit_code).toBe('string');
		}
	});
});

describe('CSV', () => {
	it('is UTF-8 with a BOM and one line per unit', async () => {
		const res = await fetch(
			`${base}/api/v1/values?indicator=online_uptake&period=2024&level=district&format=csv`
		);
		expect(res.status).toBe(200);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const lines = text.trim().split('\r\n');
		expect(lines[0]).toBe(
			'unit_code,unit_name,value,numerator,denominator,months_reported,months_expected,low_confidence,rank,band,target,meets_target,valid_from,valid_to,era'
		);
		expect(lines).toHaveLength(9);
		expect(text).toContain('Huyện Than Uyên');
	});
});

describe('XLSX', () => {
	it('holds the same figures as the JSON, codes as text and counts as numbers', async () => {
		const res = await fetch(
			`${base}/api/v1/values?indicator=dossier_volume&period=2022&level=district&format=xlsx`
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('demo-data.xlsx');
		const table = readXlsx(new Uint8Array(await res.arrayBuffer()));
		expect(table.header.slice(0, 3)).toEqual(['unit_code', 'unit_name', 'value']);
		const json = byCode((await values('indicator=dossier_volume&period=2022&level=district')).rows);
		expect(table.records).toHaveLength(8);
		for (const { cells } of table.records) expect(Number(cells[2])).toBe(json.get(cells[0])?.value);
		expect(table.records.find((r) => r.cells[0] === '110')?.cells[2]).toBe('12122');
	});
});

describe('bad requests', () => {
	it.each([
		['indicator=nope&period=2024&level=commune', 404, /Unknown indicator/],
		['indicator=online_uptake&period=2024-13&level=commune', 400, /YYYY-MM/],
		['indicator=online_uptake&period=24&level=commune', 400, /period/],
		['indicator=online_uptake&level=commune', 400, /period/],
		['indicator=online_uptake&period=2024&level=village', 400, /level/],
		['indicator=online_uptake&period=2024&level=commune&parent=99999', 404, /99999/],
		['indicator=online_uptake&period=2025-Q4&level=district', 404, /abolished/],
		['indicator=online_uptake&period=2024&level=commune&as_of=2024-02-30', 400, /as_of/],
		['indicator=online_uptake&period=2024&level=commune&as_of=2010-01-01', 400, /before any data/],
		['indicator=online_uptake&period=2024&level=commune&format=xml', 400, /format/]
	])('%s → %i', async (query, status, message) => {
		const res = await fetch(`${base}/api/v1/values?${query}`);
		expect(res.status).toBe(status);
		const body = await res.json();
		expect(body.error).toMatch(message);
	});
});
