/**
 * Charts as pictures (`/api/v1/chart.svg`, `/api/v1/chart.png`) against the series API they
 * must agree with: one point per figure of `/api/v1/series` (period and value), per unit when
 * several are compared; the title, subtitle, source, demo statement and date burned in; PNGs
 * with their signature and size, each the SVG of the same query pixel for pixel; bad parameters
 * a 400 saying what; and the commune and compare pages linking to them.
 */
import { describe, expect, inject, it } from 'vitest';
import { decodePng, differingPixels, rasterise } from '../support/png.ts';
import { today } from '../../src/lib/domain/clock.ts';
import { findIndicator } from '../../src/lib/domain/indicators.ts';
import { formatDate, t } from '../../src/lib/i18n/index.ts';

const base = () => inject('baseURL');
const get = (path: string) => fetch(new URL(path, base()), { redirect: 'manual' });

interface Series {
	unit: { code: string; name: string };
	demo: boolean;
	rows: { period: string; value: number | null }[];
}

async function series(query: string): Promise<Series> {
	const res = await get(`/api/v1/series?${query}`);
	expect(res.status, query).toBe(200);
	return (await res.json()) as Series;
}

async function svgOf(query: string): Promise<string> {
	const res = await get(`/api/v1/chart.svg?${query}`);
	expect(res.status, query).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
	return res.text();
}

const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

/** The points of one line: period → value. */
function points(svg: string, unit: string): Map<string, number> {
	const line = new RegExp(`<g class="line" data-line="${unit}">([\\s\\S]*?)</g>`).exec(svg)?.[1];
	expect(line, unit).toBeDefined();
	return new Map(
		[...line!.matchAll(/<circle class="point" data-period="([^"]+)" data-value="([^"]+)"/g)].map(
			(m) => [m[1], Number(m[2])]
		)
	);
}

const figures = (s: Series) =>
	new Map(s.rows.flatMap((r) => (r.value === null ? [] : [[r.period, r.value] as const])));

const texts = (svg: string, cls: string) =>
	[...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))]
		.map((m) => unescape(m[1]))
		.join(' ');

describe('/api/v1/chart.svg: the figures of /api/v1/series', () => {
	it.each([
		['indicator=online_uptake&unit=03595', 'vi'],
		['indicator=dossier_volume&unit=03595&grain=quarter', 'vi'],
		['indicator=online_uptake&unit=03595&grain=year', 'en'],
		['indicator=dossier_volume&unit=03618&at=2024-01-01&grain=quarter', 'vi']
	] as const)('%s (%s)', async (query, lang) => {
		const s = await series(query);
		const svg = await svgOf(lang === 'en' ? `${query}&lang=en` : query);
		expect(points(svg, s.unit.code)).toEqual(figures(s));
		expect(figures(s).size).toBeGreaterThan(0);

		const indicator = findIndicator(new URLSearchParams(query).get('indicator')!)!;
		expect(texts(svg, 'title')).toBe(indicator.name[lang]);
		expect(texts(svg, 'subtitle')).toContain(s.unit.name);
		const footer = texts(svg, 'footer');
		expect(footer).toContain(t(lang, 'picture.source'));
		expect(footer).toContain(t(lang, 'picture.generated', { date: formatDate(today(), lang) }));
		if (s.demo) {
			expect(footer).toContain(t(lang, 'demo'));
			expect(svg).toContain('class="demo-chip"');
		} else expect(footer).toContain(t(lang, 'picture.sourceFigures'));
	});

	it('several units: one line each, in the order asked, each with its own series', async () => {
		const codes = ['03595', '03618'];
		const svg = await svgOf(`indicator=online_uptake&unit=${codes.join(',')}&grain=quarter`);
		expect([...svg.matchAll(/<g class="line" data-line="(\d+)"/g)].map((m) => m[1])).toEqual(codes);
		for (const code of codes) {
			const s = await series(`indicator=online_uptake&unit=${code}&grain=quarter`);
			expect(points(svg, code)).toEqual(figures(s));
			expect(texts(svg, 'legend-label')).toContain(s.unit.name);
		}
	});
});

describe('/api/v1/chart.png', () => {
	it('is a PNG of 1200 × 700', async () => {
		const res = await get('/api/v1/chart.png?indicator=online_uptake&unit=03595');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 700]);
	});

	it.each([
		'indicator=online_uptake&unit=03595',
		'indicator=dossier_volume&unit=03595,03618&grain=quarter&lang=en'
	])(
		'is the SVG of the same query, whose points are the API’s, pixel for pixel: %s',
		async (query) => {
			const svg = await svgOf(query);
			const params = new URLSearchParams(query);
			params.delete('lang');
			for (const code of params.get('unit')!.split(',')) {
				params.set('unit', code);
				const figuresOf = figures(await series(params.toString()));
				expect(figuresOf.size, code).toBeGreaterThan(0);
				expect(points(svg, code)).toEqual(figuresOf);
			}
			const res = await get(`/api/v1/chart.png?${query}`);
			expect(res.status).toBe(200);
			const png = decodePng(new Uint8Array(await res.arrayBuffer()));
			expect(differingPixels(png, rasterise(svg))).toBe(0);
		}
	);
});

describe('bad parameters', () => {
	it.each([
		['indicator=online_uptake&unit=03595&size=big', 400, /Unknown parameter "size"/],
		['indicator=online_uptake&unit=1,2,3,4,5,6,7', 400, /at most 6/],
		['indicator=online_uptake&unit=03595,03595', 400, /twice/],
		['indicator=online_uptake', 400, /unit/],
		['indicator=online_uptake&unit=03595&grain=week', 400, /grain|week/],
		['indicator=nope&unit=03595', 404, /nope/],
		['indicator=online_uptake&unit=77777', 404, /77777/]
	])('%s → %i', async (query, status, message) => {
		for (const ext of ['svg', 'png']) {
			const res = await get(`/api/v1/chart.${ext}?${query}`);
			expect(res.status, `${ext} ${query}`).toBe(status);
			expect(((await res.json()) as { error: string }).error).toMatch(message);
		}
	});
});

describe('the pages link to their charts as pictures', () => {
	it.each([
		['/units/03595?indicator=online_uptake', 2],
		['/compare?units=03595,03618', 2]
	])('%s', async (page, atLeast) => {
		const html = await (await get(page)).text();
		// Links may be relative to the page (paths.relative).
		const hrefs = [...html.matchAll(/href="([^"]*api\/v1\/chart\.(?:svg|png)\?[^"]+)"/g)].map(
			(m) => new URL(unescape(m[1]), new URL(page, base())).href
		);
		expect(hrefs.length).toBeGreaterThanOrEqual(atLeast);
		for (const href of hrefs.slice(0, 2)) expect((await get(href)).status, href).toBe(200);
	});
});
