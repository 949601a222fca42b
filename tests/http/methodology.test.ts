/**
 * The methodology page (`/methodology`, `?lang=en`) as the server renders it: every indicator of
 * the catalogue under its code, with the catalogue's own threshold and points; the composite's
 * components; the rules stated with the domain's numbers; and the links to it from the footer of
 * every page and from each indicator's name on the map, the table and the unit page.
 */
import { describe, expect, inject, it } from 'vitest';
import { componentsOf, INDICATORS } from '../../src/lib/domain/indicators.ts';
import { MIN_SAMPLE } from '../../src/lib/domain/confidence.ts';
import { BAND_FLOORS } from '../../src/lib/domain/scoring.ts';

const baseURL = inject('baseURL');

async function html(path: string): Promise<string> {
	const response = await fetch(new URL(path, baseURL));
	expect(response.status, path).toBe(200);
	return response.text();
}

/** The HTML of the indicator's entry (`<section id="code" …>…</section>`). */
function entryOf(page: string, code: string): string {
	const start = page.indexOf(`<section id="${code}"`);
	expect(start, `entry of ${code}`).toBeGreaterThanOrEqual(0);
	return page.slice(start, page.indexOf('</section>', start));
}

/** The `value` of every `<data class="name" value="…">` in a piece of HTML. */
const dataValues = (piece: string, name: string) =>
	[...piece.matchAll(new RegExp(`<data class="${name}" value="([^"]*)"`, 'g'))].map((m) =>
		Number(m[1])
	);

describe.each(['vi', 'en'] as const)('/methodology (%s)', (locale) => {
	const path = locale === 'en' ? '/methodology?lang=en' : '/methodology';

	it('lists every indicator of the catalogue with its threshold and points', async () => {
		const page = await html(path);
		for (const indicator of INDICATORS) {
			const entry = entryOf(page, indicator.code);
			expect(entry).toContain(`<code>${indicator.code}</code>`);
			expect(entry).toContain(`>${indicator.name[locale]}</h4>`);
			expect(entry).toContain(indicator.formula[locale]);
			expect(dataValues(entry, 'threshold'), indicator.code).toEqual(
				indicator.scoring ? [indicator.scoring.threshold] : []
			);
			expect(dataValues(entry, 'points'), indicator.code).toEqual(
				indicator.scoring ? [indicator.scoring.points] : []
			);
			if (indicator.aggregation.type === 'composite')
				expect(dataValues(entry, 'component-points')).toEqual(
					componentsOf(indicator.aggregation.composite).map((c) => c.scoring!.points)
				);
		}
	});

	it('states the rules with the numbers of the domain, and needs no JavaScript', async () => {
		const page = await html(path);
		expect(page).toContain(locale === 'vi' ? '<html lang="vi"' : '<html lang="en"');
		for (const { floor } of BAND_FLOORS) expect(page).toMatch(new RegExp(`\\b${floor}\\b`));
		const lowConfidence = entryOf(page, 'low-confidence');
		expect(lowConfidence).toContain(String(MIN_SAMPLE));
		// Only the ratios of cases carry the rule; a share of units is named as the exception.
		expect(entryOf(page, 'online_uptake')).toMatch(/dưới 20|below 20/);
		expect(entryOf(page, 'one_stop_shop')).not.toMatch(/dưới 20|below 20/);
		expect(entryOf(page, 'sources')).toContain('GADM');
		expect(page).toContain('766/QĐ-TTg');
		expect(page).toContain(locale === 'vi' ? 'Dữ liệu minh họa' : 'Demo data');
		// csr = false: no client application is started.
		expect(page).not.toMatch(/<script[^>]*type="module"|kit\.start\(/);
	});
});

describe('links to the methodology', () => {
	it('is in the footer of every page, in the page’s language', async () => {
		for (const path of ['/', '/units/03595', '/search?q=than', '/methodology', '/signin'])
			expect(await html(path), path).toMatch(/<footer[\s\S]*href="[./]*\/?methodology"/);
		expect(await html('/?lang=en')).toMatch(
			/<footer[\s\S]*href="[./]*\/?methodology\?lang=en"[^>]*>Methodology/
		);
	});

	/** Every "how it is computed" link to an indicator's entry, with its accessible name. */
	const howLinks = (page: string, code: string, lang = '') =>
		[
			...page.matchAll(
				new RegExp(
					`<a class="how [^"]*" href="[./]*/?methodology${lang}#${code}"[^>]*>([\\s\\S]*?)</a>`,
					'g'
				)
			)
		].map((m) =>
			m[1]
				.replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
				.replace(/<[^>]+>/g, '')
				.trim()
		);

	it('sits by the indicator’s name on the map page, its table and the unit page', async () => {
		const map = await html('/?indicator=on_time_rate&period=2024-Q3');
		// The controls, the formula line under the legend and the table's caption.
		expect(howLinks(map, 'on_time_rate')).toEqual(
			Array(3).fill('Cách tính: Tỷ lệ giải quyết đúng hạn')
		);
		expect(
			howLinks(/<caption[^>]*>[\s\S]*?<\/caption>/.exec(map)![0], 'on_time_rate')
		).toHaveLength(1);
		expect(
			howLinks(await html('/?indicator=service_index&lang=en'), 'service_index', '\\?lang=en')
		).toContain('How it is computed: Service index');
		const unit = await html('/units/03595?period=2024');
		for (const indicator of INDICATORS)
			expect(howLinks(unit, indicator.code), indicator.code).toEqual([
				`Cách tính: ${indicator.name.vi}`
			]);
	});
});
