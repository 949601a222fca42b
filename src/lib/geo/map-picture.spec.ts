import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { mapPicture, wrapText, xmlEscape, type MapPictureInput } from './map-picture';

const square = (lon: number, lat: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, lat],
			[lon + 0.1, lat],
			[lon + 0.1, lat + 0.1],
			[lon, lat + 0.1],
			[lon, lat]
		]
	]
});

function input(over: Partial<MapPictureInput> = {}): MapPictureInput {
	return {
		width: 1200,
		height: 630,
		title: 'Tỷ lệ hồ sơ trực tuyến',
		subtitle: 'Quý 3/2025 · Xã, phường',
		label: 'Bản đồ',
		shapes: [
			{ code: '001', geometry: square(103, 22) },
			{ code: '002', geometry: square(103.1, 22) },
			{ code: '003', geometry: square(103.2, 22) }
		],
		titles: new Map([
			['001', 'Xã A: 12%'],
			['002', 'Xã <B> & C: 40%']
		]),
		fills: new Map([
			['001', '#ffffcc'],
			['002', '#253494'],
			['003', '#eeeeee']
		]),
		noDataColor: '#eeeeee',
		lowConfidence: new Set(['002']),
		legendTitle: 'Chú giải',
		legend: [
			{ color: '#253494', label: 'từ 20%', count: '1' },
			{ color: '#ffffcc', label: 'dưới 20%', count: '1' },
			{ color: '#eeeeee', label: 'Không có số liệu', count: '1', swatch: 'hatch' }
		],
		legendNote: 'Màu đậm hơn là tốt hơn.',
		footer: ['Nguồn: báo cáo', 'Tạo ngày 01/01/2026 · http://x/?a=1&b=2'],
		demoChip: 'Dữ liệu minh họa (demo data)',
		...over
	};
}

describe('mapPicture', () => {
	it('draws one unit path per shape, with its fill, pattern or hatching and an escaped title', () => {
		const svg = mapPicture(input());
		const paths = [...svg.matchAll(/<path class="unit" data-code="(\d+)"[^>]*fill="([^"]+)"/g)];
		expect(paths.map((p) => p[1])).toEqual(['001', '002', '003']);
		expect(paths.map((p) => p[2])).toEqual(['#ffffcc', 'url(#low-253494)', 'url(#hatch)']);
		expect(svg).toContain('<pattern id="low-253494"');
		expect(svg).toContain('<title>Xã &lt;B&gt; &amp; C: 40%</title>');
		// No title given: the code.
		expect(svg).toContain('<title>003</title>');
	});

	it('burns in the title, subtitle, legend, footer and demo chip', () => {
		const svg = mapPicture(input());
		for (const text of [
			'Tỷ lệ hồ sơ trực tuyến',
			'Quý 3/2025 · Xã, phường',
			'Chú giải',
			'từ 20%',
			'Không có số liệu',
			'Màu đậm hơn là tốt hơn.',
			'Nguồn: báo cáo',
			'http://x/?a=1&amp;b=2',
			'Dữ liệu minh họa (demo data)'
		])
			expect(svg).toContain(text);
		expect(svg).toMatch(/^<svg [^>]*width="1200" height="630"/);
		expect(mapPicture(input({ demoChip: null }))).not.toContain('demo-chip');
	});

	it('keeps the map inside the picture whatever its size', () => {
		for (const [width, height] of [
			[1200, 630],
			[1200, 900],
			[600, 400]
		]) {
			const svg = mapPicture(input({ width, height }));
			const numbers = [...svg.matchAll(/ d="([^"]+)"/g)].flatMap((m) =>
				m[1].match(/-?\d+(\.\d+)?/g)!.map(Number)
			);
			expect(Math.max(...numbers)).toBeLessThan(Math.max(width, height));
			expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
		}
	});
});

describe('wrapText and xmlEscape', () => {
	it('wraps at spaces, never losing a word', () => {
		const text = 'một hai ba bốn năm sáu bảy tám chín mười';
		const lines = wrapText(text, 12);
		expect(lines.every((l) => l.length <= 12)).toBe(true);
		expect(lines.join(' ')).toBe(text);
		expect(wrapText('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
	});
	it('escapes markup', () => {
		expect(xmlEscape('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
	});
});
