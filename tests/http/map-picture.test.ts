/**
 * The map as a picture (`/api/v1/map.svg`, `/api/v1/map.png`) against the values API it must
 * agree with: one path per unit, each unit's name in its title, the legend's counts those of
 * the paths' colours, classes ordered as the values; PNGs with their signature and size, each
 * the SVG of the same view pixel for pixel with every unit in its colour; the Open Graph card of
 * three pages a 1200 × 630 PNG; and only the embed pages framable by anyone.
 */
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { decodePng, differingPixels, pixelAt, rasterise, type Png } from '../support/png.ts';

const base = () => inject('baseURL');
const get = (path: string, init?: RequestInit) => fetch(new URL(path, base()), init);

interface Row {
	unit_code: string;
	unit_name: string;
	value: number | null;
	low_confidence: boolean;
}

async function values(query: string): Promise<Row[]> {
	const response = await get(`/api/v1/values?${query}`);
	expect(response.status, query).toBe(200);
	return ((await response.json()) as { rows: Row[] }).rows;
}

async function svgOf(query: string): Promise<string> {
	const response = await get(`/api/v1/map.svg?${query}`);
	expect(response.status, query).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
	return response.text();
}

const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

/** Each unit path: code, outline, fill, title. */
function paths(svg: string) {
	return [
		...svg.matchAll(
			/<path class="unit" data-code="(\d+)"[^>]* d="([^"]+)"[^>]* fill="([^"]+)"[^>]*><title>([^<]*)<\/title>/g
		)
	].map((m) => ({ code: m[1], d: m[2], fill: m[3], title: unescape(m[4]) }));
}

/**
 * A pixel well inside a unit's outline (absolute M/L/Z, shifted by its group's translate): the
 * middle of the widest inside span of the row through the middle of its box, by the even-odd
 * rule; null when that span is under 8 px (antialiased edges and borders stay clear of it).
 */
function insidePixel(d: string, [dx, dy]: number[]): [number, number] | null {
	const rings = d
		.split('M')
		.filter(Boolean)
		.map((ring) =>
			[...ring.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
				Number(m[1]) + dx,
				Number(m[2]) + dy
			])
		);
	const ys = rings.flat().map((p) => p[1]);
	const y = Math.floor((Math.min(...ys) + Math.max(...ys)) / 2) + 0.5;
	const xs: number[] = [];
	for (const ring of rings)
		ring.forEach(([x1, y1], i) => {
			const [x2, y2] = ring[(i + 1) % ring.length];
			if (y1 <= y !== y2 <= y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
		});
	xs.sort((a, b) => a - b);
	let [from, to] = [0, 0];
	for (let k = 0; k + 1 < xs.length; k += 2)
		if (xs[k + 1] - xs[k] > to - from) [from, to] = [xs[k], xs[k + 1]];
	return to - from >= 8 ? [Math.floor((from + to) / 2), Math.floor(y)] : null;
}

const rgba = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(255);

/** The legend rows: swatch fill, label, count. */
function legend(svg: string) {
	return [
		...svg.matchAll(
			/<g class="legend-row"><rect [^>]*fill="([^"]+)"\/>\s*((?:<text class="legend-label"[^>]*>[^<]*<\/text>\s*)+)(?:<text class="legend-count"[^>]*>([^<]*)<\/text>)?/g
		)
	].map((m) => ({
		fill: m[1],
		label: [...m[2].matchAll(/>([^<]*)</g)].map((l) => unescape(l[1])).join(' '),
		count: m[3] === undefined ? null : Number(m[3].replace(/\./g, ''))
	}));
}

/** Width and height from a PNG's IHDR, after checking its signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(Buffer.from(bytes.subarray(12, 16)).toString('latin1')).toBe('IHDR');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A PNG answer, decoded. */
async function picture(path: string): Promise<Png> {
	const response = await get(path);
	expect(response.status, path).toBe(200);
	expect(response.headers.get('content-type')).toBe('image/png');
	return decodePng(new Uint8Array(await response.arrayBuffer()));
}

async function png(path: string): Promise<{ width: number; height: number }> {
	const response = await get(path);
	expect(response.status, path).toBe(200);
	expect(response.headers.get('content-type')).toBe('image/png');
	return pngSize(new Uint8Array(await response.arrayBuffer()));
}

const VIEWS = [
	'indicator=online_uptake&period=2025-Q3&level=commune',
	'indicator=service_index&period=2024&level=commune',
	'indicator=on_time_rate&period=2024-Q2&level=district',
	'indicator=online_uptake&period=2024&level=commune&parent=12&classes=quantile&lang=en'
];

describe('GET /api/v1/map.svg', () => {
	it.each(VIEWS)(
		'draws every unit of the values API, named and coloured as its legend says: %s',
		async (query) => {
			const api = new URLSearchParams(query);
			api.delete('classes');
			api.delete('lang');
			const [rows, svg] = await Promise.all([values(api.toString()), svgOf(query)]);
			expect(rows.length).toBeGreaterThan(0);
			// Valid SVG: resvg parses it (it throws on malformed XML or SVG).
			expect(new Resvg(svg).width).toBeGreaterThan(0);

			const drawn = paths(svg);
			expect(drawn.length).toBe(rows.length);
			const byCode = new Map(rows.map((r) => [r.unit_code, r]));
			expect(new Set(drawn.map((p) => p.code))).toEqual(new Set(byCode.keys()));
			for (const p of drawn)
				expect(p.title.startsWith(`${byCode.get(p.code)!.unit_name}: `)).toBe(true);

			const rowsOf = legend(svg);
			const noData = rowsOf.find((r) => r.fill === 'url(#hatch)')!;
			expect(noData.count).toBe(rows.filter((r) => r.value === null).length);
			expect(drawn.filter((p) => p.fill === 'url(#hatch)').length).toBe(noData.count);
			const classes = rowsOf.filter((r) => r.fill.startsWith('#'));
			if (query.includes('classes=quantile')) expect(classes.length).toBeLessThanOrEqual(5);
			// Each class: as many paths of its colour (plain or striped for low confidence) as it says.
			const colourOf = (fill: string) => fill.replace(/^url\(#low-(\w+)\)$/, '#$1');
			for (const c of classes)
				expect(drawn.filter((p) => colourOf(p.fill) === c.fill).length, c.label).toBe(c.count);
			expect(classes.reduce((n, c) => n + c.count!, 0) + noData.count!).toBe(rows.length);
			// Classes are listed from the highest values down: no value of a class is above one of
			// the class listed before it.
			const valuesOf = (fill: string) =>
				drawn.filter((p) => colourOf(p.fill) === fill).map((p) => byCode.get(p.code)!.value!);
			for (let k = 1; k < classes.length; k++) {
				const upper = valuesOf(classes[k - 1].fill);
				const lower = valuesOf(classes[k].fill);
				if (upper.length && lower.length)
					expect(Math.max(...lower)).toBeLessThanOrEqual(Math.min(...upper));
			}
			const striped = drawn.filter((p) => p.fill.startsWith('url(#low-')).map((p) => p.code);
			expect(new Set(striped)).toEqual(
				new Set(rows.filter((r) => r.low_confidence && r.value !== null).map((r) => r.unit_code))
			);
		}
	);

	it('burns in the title, subtitle, source, demo statement and date, in the asked language', async () => {
		const indicators = (await (await get('/api/v1/indicators')).json()) as {
			code: string;
			name: { vi: string; en: string };
		}[];
		const name = indicators.find((i) => i.code === 'online_uptake')!.name;
		const vi = await svgOf('indicator=online_uptake&period=2025-Q3&level=commune');
		expect(vi).toContain(`>${name.vi}</text>`);
		expect(vi).toContain('Quý 3/2025');
		expect(vi).toContain('Nguồn');
		expect(vi).toContain('Dữ liệu minh họa (demo data)');
		expect(vi).toMatch(/Tạo ngày \d{2}\/\d{2}\/\d{4}/);
		const en = await svgOf('indicator=online_uptake&period=2025-Q3&level=commune&lang=en');
		expect(en).toContain(`>${name.en}</text>`);
		expect(en).toContain('Q3 2025');
		expect(en).toContain('Made on');
		const area = await svgOf('indicator=online_uptake&period=2024&level=commune&parent=12');
		expect(area).toContain('Lai Châu');
		expect(area).toContain('/areas/12?period=2024&amp;indicator=online_uptake');
	});

	it.each([
		['indicator=online_uptake&period=2025-Q3&colour=red', 400, 'colour'],
		['indicator=online_uptake&period=2025-Q3&classes=jenks-5', 400, 'classes'],
		['indicator=online_uptake&period=2025-Q3&size=huge', 400, 'size'],
		// As the values API answers an unknown indicator.
		['indicator=nope&period=2025-Q3', 404, 'nope'],
		['indicator=online_uptake&period=2025-Q9', 400, 'Q9']
	])('refuses %s with a %i naming %s', async (query, status, word) => {
		for (const format of ['svg', 'png']) {
			const response = await get(`/api/v1/map.${format}?${query}`);
			expect(response.status, query).toBe(status);
			expect(((await response.json()) as { error: string }).error).toContain(word);
		}
	});
});

describe('GET /api/v1/map.png', () => {
	it('is a PNG of 1200 × 900, or 1200 × 630 for size=og, kept in the answer cache', async () => {
		const query = 'indicator=on_time_rate&period=2025-Q3&level=commune';
		expect(await png(`/api/v1/map.png?${query}`)).toEqual({ width: 1200, height: 900 });
		expect(await png(`/api/v1/map.png?${query}&size=og`)).toEqual({ width: 1200, height: 630 });
		const again = await get(`/api/v1/map.png?size=og&${query}`);
		expect(again.headers.get('x-cache')).toBe('hit');
		expect(pngSize(new Uint8Array(await again.arrayBuffer())).height).toBe(630);
	});

	it.each([
		'indicator=online_uptake&period=2025-Q3&level=commune',
		'indicator=online_uptake&period=2024&level=commune&parent=12&classes=quantile&lang=en&size=og'
	])(
		'is the SVG of the same view (whose figures are the API’s), each unit in its colour: %s',
		async (query) => {
			const [svg, png] = await Promise.all([svgOf(query), picture(`/api/v1/map.png?${query}`)]);
			expect(differingPixels(png, rasterise(svg))).toBe(0);

			// Without resvg's word for it: the pixel amid each unit (plain fills; the striped and
			// hatched ones are not one colour) is the unit's fill in the SVG.
			const shift = /<g class="units" transform="translate\(([\d.]+),([\d.]+)\)">/.exec(svg)!;
			const plain = paths(svg).filter((p) => p.fill.startsWith('#'));
			const seen = plain.flatMap((p) => {
				const at = insidePixel(p.d, [Number(shift[1]), Number(shift[2])]);
				return at ? [{ code: p.code, want: rgba(p.fill), got: pixelAt(png, ...at) }] : [];
			});
			expect(seen.length).toBeGreaterThanOrEqual(plain.length * 0.9);
			expect(new Set(plain.map((p) => p.fill)).size).toBeGreaterThan(3);
			for (const s of seen) expect(s.got, s.code).toEqual(s.want);
		}
	);
});

describe('Open Graph cards', () => {
	it('gives three views (map, area, commune) a 1200 × 630 PNG of their map', async () => {
		const commune = (await values('indicator=online_uptake&period=2025-Q3&level=commune'))[0]
			.unit_code;
		for (const page of [
			'/?indicator=on_time_rate&period=2025-Q3',
			'/areas/12?period=2024&indicator=online_uptake',
			`/units/${commune}?period=2025-Q3&indicator=online_uptake`
		]) {
			const html = await (await get(page)).text();
			const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
			expect(image, page).toMatch(/\/api\/v1\/map\.png\?.*size=og/);
			expect(html).toContain('<meta name="twitter:card" content="summary_large_image"');
			const url = new URL(unescape(image!));
			expect(await png(url.pathname + url.search), page).toEqual({ width: 1200, height: 630 });
		}
	});
});

describe('framing', () => {
	const frameAncestors = (response: Response) =>
		/frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1];

	it('lets any site frame the embed pages, and only them', async () => {
		const commune = (await values('indicator=online_uptake&period=2025-Q3&level=commune'))[0]
			.unit_code;
		for (const page of [
			'/embed/map?indicator=online_uptake&period=2025-Q3',
			'/embed/map?indicator=online_uptake&period=2024&parent=12&classes=ckmeans&lang=en',
			`/embed/chart?unit=${commune}&indicator=online_uptake`
		]) {
			const response = await get(page);
			expect(response.status, page).toBe(200);
			expect(frameAncestors(response), page).toBe('*');
			expect(response.headers.get('x-frame-options'), page).toBeNull();
			// A second (cached) answer says the same.
			const again = await get(page);
			expect(frameAncestors(again), page).toBe('*');
			expect(again.headers.get('x-frame-options'), page).toBeNull();
		}
		for (const page of ['/', '/areas/12', `/units/${commune}`, '/methodology', '/signin']) {
			const response = await get(page);
			expect(frameAncestors(response), page).toBe("'self'");
			expect(response.headers.get('x-frame-options'), page).toBe('SAMEORIGIN');
		}
	});

	it('draws the embedded map with every unit, its legend, source, demo statement and full-view link', async () => {
		const rows = await values('indicator=online_uptake&period=2025-Q3&level=commune');
		const html = await (await get('/embed/map?indicator=online_uptake&period=2025-Q3')).text();
		expect([...html.matchAll(/<path [^>]*data-code="(\d+)"/g)].length).toBe(rows.length);
		expect(html).toContain('svg-legend');
		expect(html).toContain('Dữ liệu minh họa (demo data)');
		expect(html).toMatch(
			/<a href="[^"]*\/\?indicator=online_uptake&amp;period=2025-Q3&amp;level=commune"[^>]*data-full-view/
		);
		// No site header: minimal chrome.
		expect(html).not.toContain('class="site"');
	});
});
