/**
 * A commune's page draws the monthly history of one indicator on the server: the line, the part
 * summed from the communes it was formed from, the merger date, the target and the trend in words,
 * with the figures in a table and as CSV. A commune abolished in 2025 ends its series at June 2025
 * and names its successor.
 */
import { describe, expect, it } from 'vitest';
import { baseURL, openPage, useBrowser } from '../support/browser';

const get = (path: string) => fetch(new URL(path, baseURL()));

const CHART = '#history svg[role="img"]';

describe('unit page history chart, server HTML', () => {
	it('is in the HTML without JavaScript: svg, line, harmonised band, merger rule, CSV link', async () => {
		const response = await get('/units/03595');
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toMatch(
			/<svg role="img" aria-labelledby="history-chart-title history-chart-desc"/
		);
		expect(html).toMatch(/<title id="history-chart-title">Tỷ lệ hồ sơ trực tuyến — Xã Than Uyên/);
		// The summary a screen reader hears names the first and last values.
		expect(html).toMatch(
			/<desc id="history-chart-desc">[^<]*từng tháng từ tháng 1\/2021[^<]*vào tháng/
		);
		expect(html).toMatch(/<path class="line own[^"]*" d="M[\d.,LM-]+"/);
		expect(html).toMatch(/<path class="line summed[^"]*" d="M[\d.,LM-]+"/);
		expect(html).toContain('harmonised-band');
		expect(html).toContain('Cộng dồn từ các xã trước sáp nhập');
		expect(html).toMatch(/class="merger-rule[\s\S]*?Sáp nhập 01\/07\/2025/);
		expect(html).toMatch(/Mục tiêu \d+%/);
		expect(html).toMatch(/Đúng hướng|Có nguy cơ|Chệch hướng/);
		expect(html).toContain('/api/v1/series?indicator=online_uptake&amp;unit=03595&amp;format=csv');
		expect(html).toContain('Dữ liệu minh họa (demo data)');
	});

	it('ends a pre-2025 commune at June 2025 and names its successor; its CSV matches', async () => {
		const html = await (await get('/units/03618?period=2024')).text();
		expect(html).toMatch(/<h1[^>]*>Xã Phúc Than<\/h1>/);
		expect(html).toMatch(/<svg role="img"[^>]*data-first="2021-01"[^>]*data-last="2025-06"/);
		expect(html).not.toContain('class="merger-rule');
		const note = /<p class="notice ended[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
		expect(note).toContain('tháng 6/2025');
		// The successor bears the same code: the link names its version and a period it existed
		// in. (SvelteKit writes links relative to the page: `../units/…`.)
		expect(note).toMatch(
			/<a href="(\.\.)?\/units\/03618\?period=2025-Q3&amp;at=2025-07-01"[^>]*>Xã Mường Than<\/a>/
		);
		const csvHref = /href="([^"]*\/api\/v1\/series\?[^"]+)"/
			.exec(html)?.[1]
			.replaceAll('&amp;', '&');
		expect(csvHref).toContain('at=2025-06-30');
		const csv = await (await fetch(new URL(csvHref!, new URL('/units/03618', baseURL())))).text();
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0]).toMatch(/^\uFEFF?period,value,numerator,denominator/);
		expect(lines[1]).toMatch(/^2021-01,/);
		expect(lines[lines.length - 1]).toMatch(/^2025-06,/);
	});

	it('speaks English with ?lang=en and charts the indicator asked for', async () => {
		const html = await (await get('/units/03595?indicator=on_time_rate&lang=en')).text();
		expect(html).toContain('Month by month: Resolved on time');
		expect(html).toContain('Merged 1 Jul 2025');
		expect(html).toContain('Summed from predecessor communes');
		expect(html).toMatch(/Trend of the last six months:[\s\S]*?(On track|At risk|Off track)/);
		expect(html).toMatch(/aria-current="true"[^>]*>Resolved on time</);
	});

	it('falls back to the default indicator, and says so, for an unknown one', async () => {
		const html = await (await get('/units/03595?indicator=nonsense')).text();
		expect(html).toContain('Diễn biến hằng tháng: Tỷ lệ hồ sơ trực tuyến');
		expect(html).toContain('Tham số “indicator” không hợp lệ');
	});
});

describe('unit page history chart, in a browser', () => {
	const browser = useBrowser();

	it('shows the line, the harmonised marking and the merger rule', async () => {
		const { page, errors } = await openPage(browser(), '/units/03595');
		const chart = page.locator(CHART);
		await expect.poll(() => chart.count()).toBe(1);
		expect(await chart.locator('path.line.own').getAttribute('d')).toMatch(/^M/);
		expect(await chart.locator('path.line.summed').getAttribute('d')).toMatch(/^M/);
		expect(await chart.locator('rect.harmonised-band').count()).toBe(1);
		expect(await chart.locator('.merger-rule text').textContent()).toBe('Sáp nhập 01/07/2025');
		expect(await chart.locator('.bracket text').allTextContents()).toEqual([
			'Cộng dồn từ các xã trước sáp nhập'
		]);
		const box = await chart.boundingBox();
		expect(box!.height).toBeGreaterThan(200);
		// The monthly figures are one click away, oldest first, the summed ones said so.
		await page.click('details.months summary');
		const first = await page.locator('details.months tbody tr th').first().textContent();
		expect(first?.replace(/\s+/g, ' ').trim()).toBe('Tháng 1/2021 Cộng dồn từ đơn vị cũ');
		expect(errors).toEqual([]);
	});

	it('renders with JavaScript off', async () => {
		const { page } = await openPage(browser(), '/units/03595', { javaScriptEnabled: false });
		expect(await page.locator(`${CHART} path.line.own`).count()).toBe(1);
		expect(await page.locator(`${CHART} .merger-rule`).count()).toBe(1);
	});

	it('fits a 360 px phone, laid out at its width', async () => {
		const { page, errors } = await openPage(browser(), '/units/03595', {
			viewport: { width: 360, height: 740 }
		});
		const chart = page.locator(CHART);
		// Once running, the viewBox is the container's width: text keeps its size.
		await expect
			.poll(async () => Number((await chart.getAttribute('viewBox'))?.split(' ')[2]))
			.toBeLessThan(360);
		const box = await chart.boundingBox();
		expect(box!.x).toBeGreaterThanOrEqual(0);
		expect(box!.x + box!.width).toBeLessThanOrEqual(360);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		expect(errors).toEqual([]);
	});

	it('changes the charted indicator from a name in the indicators table', async () => {
		const { page, errors } = await openPage(browser(), '/units/03595?period=2025-Q4');
		await page.click('table a:text-is("Tỷ lệ giải quyết đúng hạn")');
		await page.waitForURL(/indicator=on_time_rate/);
		await expect
			.poll(() => page.locator('#history-title').textContent())
			.toBe('Diễn biến hằng tháng: Tỷ lệ giải quyết đúng hạn');
		expect(new URL(page.url()).searchParams.get('period')).toBe('2025-Q4');
		expect(await page.locator(`${CHART} path.line.own`).getAttribute('d')).toMatch(/^M/);
		expect(errors).toEqual([]);
	});

	it('ends Phúc Than (pre-2025) at June 2025 and names Mường Than', async () => {
		const { page, errors } = await openPage(browser(), '/units/03618?period=2024');
		const chart = page.locator(CHART);
		expect(await chart.getAttribute('data-last')).toBe('2025-06');
		expect(await page.locator('#history .ended').textContent()).toContain('Xã Mường Than');
		await page.click('details.months summary');
		const last = await page.locator('details.months tbody tr th').last().textContent();
		expect(last?.trim()).toBe('Tháng 6/2025');
		expect(errors).toEqual([]);
	});
});
