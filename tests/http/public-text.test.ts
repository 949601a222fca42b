/**
 * What the public pages say in their server-rendered HTML (what a reader without JavaScript, a
 * search engine or a screen reader gets first): no map instructions before the map works, no
 * download of an empty view, a sign-in link, a language link named by its text, and the
 * low-confidence label only where the rule means something (and the API agreeing).
 */
import { describe, expect, inject, it } from 'vitest';
import { TEST_USERS, send, signIn } from '../support/test-users.ts';

const baseURL = inject('baseURL');
const html = async (path: string, cookie?: string) => {
	const response = await send(new URL(path, baseURL).href, {
		headers: cookie ? { cookie } : {}
	});
	expect(response.status, path).toBe(200);
	return response.text;
};

describe('the map page without JavaScript', () => {
	it('does not tell the reader to hover or tap a map that cannot be used yet', async () => {
		for (const path of ['/?level=district&period=2024-Q3', '/', '/?lang=en&level=province'])
			expect(await html(path)).not.toMatch(/chạm vào|Hover or tap/);
	});

	it('offers no download of a view without figures, and says why', async () => {
		for (const path of ['/?period=2015', '/?level=district&period=2025-Q4']) {
			const page = await html(path);
			expect(page, path).not.toMatch(/format=(csv|geojson|xlsx)/);
			expect(page, path).toContain('chưa có số liệu nên không có tệp để tải');
		}
		// A view with figures keeps them.
		expect(await html('/?period=2024-Q3')).toMatch(/href="[^"]*format=csv[^"]*" download/);
	});
});

describe('the header', () => {
	it('names the language link by its visible text (axe label-content-name-mismatch)', async () => {
		for (const [path, text] of [
			['/', 'English'],
			['/?lang=en', 'Tiếng Việt']
		]) {
			const link = /<a[^>]*class="lang[^"]*"[^>]*>([^<]*)<\/a>/.exec(await html(path));
			expect(link, path).not.toBeNull();
			expect(link![1].trim()).toBe(text);
			const label = /aria-label="([^"]*)"/.exec(link![0]);
			if (label) expect(label[1]).toContain(text);
			expect(link![0]).toMatch(/hreflang="(en|vi)"/);
		}
	});

	it('has a sign-in link for the public, and the editor area and sign-out when signed in', async () => {
		const anonymous = await html('/');
		expect(anonymous).toMatch(/<a[^>]*href="[./]*\/?signin"[^>]*>Đăng nhập<\/a>/);
		expect(await html('/?lang=en')).toMatch(
			/<a[^>]*href="[./]*\/?signin\?lang=en"[^>]*>Sign in<\/a>/
		);
		const { cookie } = await signIn(baseURL, TEST_USERS.viewer.email);
		const signedIn = await html('/', cookie);
		expect(signedIn).not.toMatch(/href="[./]*\/?signin"/);
		expect(signedIn).toMatch(/<a[^>]*href="[./]*\/?reports"[^>]*>Khu vực biên tập<\/a>/);
		expect(signedIn).toMatch(/<form method="POST" action="[./]*\/?signout"/);
	});
});

describe('low confidence', () => {
	it('is not claimed of a share of units (one-stop shop), in the API or on the pages', async () => {
		for (const level of ['commune', 'district']) {
			const response = await fetch(
				new URL(`/api/v1/values?indicator=one_stop_shop&period=2024-Q3&level=${level}`, baseURL)
			);
			const { rows } = (await response.json()) as { rows: { low_confidence: boolean }[] };
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.filter((r) => r.low_confidence)).toEqual([]);
		}
		// The map's legend has no low-confidence row for it …
		expect(await html('/?indicator=one_stop_shop&period=2024-Q3')).not.toContain('Ít tin cậy');
		// … while a rate of dossiers keeps it.
		expect(await html('/?indicator=on_time_rate&period=2024-Q3')).toContain('Ít tin cậy');
		// The unit page's one-stop row carries no flag.
		const unit = await html('/units/03388?period=2024-Q3');
		const row = /<tr>(?:(?!<\/tr>)[\s\S])*Bộ phận một cửa đạt chuẩn[\s\S]*?<\/tr>/.exec(unit);
		expect(row).not.toBeNull();
		expect(row![0]).not.toContain('Ít tin cậy');
	});
});
