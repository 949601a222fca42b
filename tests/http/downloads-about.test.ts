/**
 * Every download of a view says what it is: the XLSX has a second sheet "Giải thích - About",
 * `format=zip` is the CSV with a README.txt, GeoJSON has a top-level `metadata` object; the CSV
 * itself stays a bare table (its first line is the header) and points to the methodology with a
 * `Link: …; rel="describedby"` header.
 */
import { describe, expect, inject, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { readXlsx } from '../../src/lib/server/services/import/readers/xlsx.ts';

const baseURL = inject('baseURL');
const VIEW = 'indicator=online_uptake&period=2024-Q3&level=district';

async function download(path: string) {
	const response = await fetch(new URL(path, baseURL));
	expect(response.status, path).toBe(200);
	return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The text of an XML part with its escapes undone (`&amp;` in URLs, quotes). */
const xmlText = (xml: string) =>
	xml
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

/** What every description must name: indicator, period, licence, demo statement, URLs. */
function expectDescribes(text: string, apiPath: string, pagePath: string) {
	expect(text).toContain('online_uptake');
	expect(text).toContain('Tỷ lệ hồ sơ trực tuyến');
	expect(text).toContain('Online filing');
	expect(text).toContain('Quý 3/2024 (2024-Q3)');
	expect(text).toContain('Tổng cục Thống kê');
	expect(text).toContain('Dữ liệu minh họa (demo data)');
	expect(text).toContain(new URL(apiPath, baseURL).href);
	expect(text).toContain(new URL(pagePath, baseURL).href);
	expect(text).toContain(new URL('/methodology#online_uptake', baseURL).href);
	// Generated at, in Vietnamese time.
	expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
}

const PAGE = '/?indicator=online_uptake&period=2024-Q3&level=district';

describe('downloads of /api/v1/values', () => {
	it('CSV: the first line is still the header, and a Link header points to the methodology', async () => {
		const { response, bytes } = await download(`/api/v1/values?${VIEW}&format=csv`);
		const lines = strFromU8(bytes).split('\r\n');
		// (TextDecoder drops the BOM.)
		expect(lines[0]).toBe(
			'unit_code,unit_name,value,numerator,denominator,months_reported,months_expected,low_confidence,rank,band,target,meets_target,valid_from,valid_to,era'
		);
		expect(response.headers.get('link')).toBe(
			`<${new URL('/methodology#online_uptake', baseURL).href}>; rel="describedby"`
		);
	});

	it('ZIP: the same CSV with a README.txt that says what it is', async () => {
		const path = `/api/v1/values?${VIEW}&format=zip`;
		const { response, bytes } = await download(path);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toContain('demo-data.zip');
		const files = unzipSync(bytes);
		const names = Object.keys(files).sort();
		expect(names).toEqual(['README.txt', 'online_uptake-2024-Q3-district-demo-data.csv']);
		const csv = await download(`/api/v1/values?${VIEW}&format=csv`);
		expect(strFromU8(files[names[1]])).toBe(strFromU8(csv.bytes));
		const readme = strFromU8(files['README.txt']);
		expectDescribes(readme, path, PAGE);
		expect(readme).toContain('English');
		expect(readme).toContain('higher is better');
	});

	it('XLSX: the data sheet first, then the About sheet', async () => {
		const path = `/api/v1/values?${VIEW}&format=xlsx`;
		const { bytes } = await download(path);
		// Readers of the first sheet still get the figures.
		expect(readXlsx(bytes).header.slice(0, 3)).toEqual(['unit_code', 'unit_name', 'value']);
		const parts = unzipSync(bytes);
		const workbook = strFromU8(parts['xl/workbook.xml']);
		expect([...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1])).toEqual([
			'online_uptake-2024-Q3-district-',
			'Giải thích - About'
		]);
		expect(strFromU8(parts['[Content_Types].xml'])).toContain('/xl/worksheets/sheet2.xml');
		expect(strFromU8(parts['xl/_rels/workbook.xml.rels'])).toContain('worksheets/sheet2.xml');
		const about = xmlText(strFromU8(parts['xl/worksheets/sheet2.xml']));
		expectDescribes(about, path, PAGE);
		expect(about).toContain('Mục / Field');
	});

	it('GeoJSON: a top-level metadata object with the boundaries’ licence and attribution', async () => {
		const path = `/api/v1/values?${VIEW}&format=geojson`;
		const { bytes } = await download(path);
		const collection = JSON.parse(strFromU8(bytes));
		const meta = collection.metadata;
		expect(meta.indicator).toBe('online_uptake');
		expect(meta.indicator_name).toEqual({ vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Online filing' });
		expect(meta.period.vi).toBe('Quý 3/2024 (2024-Q3)');
		expect(meta.level.en).toContain('district');
		expect(meta.parent).toBeNull();
		expect(meta.as_of).toBeNull();
		expect(meta.api_url).toBe(new URL(path, baseURL).href);
		expect(meta.page_url).toBe(new URL(PAGE, baseURL).href);
		expect(meta.demo.vi).toContain('Dữ liệu minh họa (demo data)');
		const sources = new Set(
			collection.features.map(
				(f: { properties: { geometry_source: string | null } }) => f.properties.geometry_source
			)
		);
		if (sources.has('gadm')) {
			expect(meta.licence.en).toContain('GADM');
			expect(meta.attribution.vi).toContain('Boundaries: GADM v4.1 (gadm.org)');
		}
		expectDescribes(JSON.stringify(meta).replace(/\\n/g, ' '), path, PAGE);
	});

	it('says which units an old period is drawn on (as_of)', async () => {
		const path =
			'/api/v1/values?indicator=online_uptake&period=2024-Q3&level=commune&as_of=2025-07-01&format=geojson';
		const meta = JSON.parse(strFromU8((await download(path)).bytes)).metadata;
		expect(meta.as_of).toBe('2025-07-01');
		expect(meta.page_url).toContain('as_of=2025-07-01');
	});

	it('answers 400 for a format the endpoint does not offer', async () => {
		const response = await fetch(new URL(`/api/v1/values?${VIEW}&format=tar`, baseURL));
		expect(response.status).toBe(400);
		expect((await response.json()).error).toContain('zip');
	});
});

describe('downloads of /api/v1/series', () => {
	const SERIES = '/api/v1/series?indicator=online_uptake&unit=03595';

	it('CSV keeps its header first and links the methodology; ZIP adds the README', async () => {
		const csv = await download(`${SERIES}&format=csv`);
		expect(strFromU8(csv.bytes).split('\r\n')[0]).toBe(
			'period,value,numerator,denominator,months_reported,low_confidence,harmonised'
		);
		expect(csv.response.headers.get('link')).toContain('/methodology#online_uptake>');
		const path = `${SERIES}&format=zip`;
		const files = unzipSync((await download(path)).bytes);
		const readme = strFromU8(files['README.txt']);
		expect(readme).toContain('Tỷ lệ hồ sơ trực tuyến');
		expect(readme).toContain('03595');
		expect(readme).toContain('Dữ liệu minh họa (demo data)');
		expect(readme).toContain(new URL(path, baseURL).href);
		expect(readme).toContain(new URL('/units/03595?indicator=online_uptake', baseURL).href);
		const csvName = Object.keys(files).find((n) => n.endsWith('.csv'))!;
		expect(strFromU8(files[csvName])).toBe(strFromU8(csv.bytes));
	});
});

describe('other CSV answers', () => {
	it.each([
		['/api/v1/indicators?format=csv', '#indicators'],
		['/api/v1/units?level=commune&format=csv', '#harmonisation'],
		['/api/v1/priorities?parent=12&period=2024&format=csv', '#service_index']
	])('%s links its description', async (path, hash) => {
		const { response } = await download(path);
		expect(response.headers.get('link')).toBe(
			`<${new URL(`/methodology${hash}`, baseURL).href}>; rel="describedby"`
		);
	});
});

describe('the pages offer the ZIP beside the CSV', () => {
	it('on the map page and the unit page, and nothing for an empty view', async () => {
		const map = await (await fetch(new URL(PAGE, baseURL))).text();
		expect(map).toMatch(/href="[^"]*format=csv"[^>]*download[\s\S]*?href="[^"]*format=zip"/);
		const unit = await (await fetch(new URL('/units/03595', baseURL))).text();
		expect(unit).toMatch(
			/href="[^"]*format=csv"[^>]*download[^>]*>[^<]*<\/a>\s*<a href="[^"]*format=zip"/
		);
		const empty = await (await fetch(new URL('/?period=2015', baseURL))).text();
		expect(empty).not.toMatch(/format=(csv|zip|xlsx|geojson)/);
	});
});
