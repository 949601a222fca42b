/**
 * The reconciliation page of the demo (official Decision 766 scores beside ours) against the
 * values API it must agree with: every commune with a computed index has official scores (demo,
 * labelled so), the computed total is the API's value, the differences are official − computed,
 * and the flagged rows differ by more than one point with their causes said.
 */
import { describe, expect, inject, it } from 'vitest';
import en from '../../messages/en.json';
import vi from '../../messages/vi.json';

const base = () => inject('baseURL');
const get = (path: string) => fetch(new URL(path, base()));

interface Row {
	code: string;
	flagged: boolean;
	official: string;
	totals: { official: number | null; computed: number | null; difference: number | null };
	differences: number[];
	causes: string;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

function rows(html: string): Row[] {
	return [
		...html.matchAll(
			/<tbody data-code="(\d+)" data-flagged="(true|false)" data-official="(\w+)"[^>]*>([\s\S]*?)<\/tbody>/g
		)
	].map(([, code, flagged, official, body]) => {
		const officials = [...body.matchAll(/data-official="([^"]*)"/g)].map((x) => x[1]);
		const computed = [...body.matchAll(/data-computed="([^"]*)"/g)].map((x) => x[1]);
		const diffs = [...body.matchAll(/data-difference="([^"]*)"/g)].map((x) => x[1]);
		return {
			code,
			flagged: flagged === 'true',
			official,
			totals: {
				official: num(officials.at(-1)),
				computed: num(computed.at(-1)),
				difference: num(diffs.at(-1))
			},
			differences: diffs.filter((d) => d !== '').map(Number),
			causes: (/<td rowspan="3" class="causes[^"]*">([\s\S]*?)<\/td>/.exec(body)?.[1] ?? '')
				.replace(/<!--[\s\S]*?-->/g, '')
				.trim()
		};
	});
}

async function page(query: string): Promise<{ html: string; rows: Row[]; period: string }> {
	const response = await get(`/areas/12/reconciliation${query}`);
	expect(response.status).toBe(200);
	const html = await response.text();
	const period = /<p class="summary[^"]*" data-period="([^"]+)"/.exec(html)![1];
	return { html, rows: rows(html), period };
}

async function api(period: string): Promise<Map<string, number | null>> {
	const r = await get(
		`/api/v1/values?indicator=service_index&period=${period}&level=commune&parent=12`
	);
	expect(r.status).toBe(200);
	const body = (await r.json()) as { rows: { unit_code: string; value: number | null }[] };
	return new Map(body.rows.map((x) => [x.unit_code, x.value]));
}

describe('reconciliation of the demo, province 12', () => {
	for (const period of ['2025-Q3', null]) {
		it(`shows official and computed for every commune (${period ?? 'default period'})`, async () => {
			const { html, rows: list, period: shown } = await page(period ? `?period=${period}` : '');
			if (period) expect(shown).toBe(period);
			const values = await api(shown);
			expect(list.length).toBe(values.size);
			expect(list.length).toBeGreaterThan(30);
			for (const r of list) {
				const value = values.get(r.code) ?? null;
				expect(r.totals.computed, r.code).toBeCloseTo(value ?? NaN, 9);
				expect(r.official, r.code).toBe('demo');
				expect(r.totals.official, r.code).not.toBeNull();
				expect(r.totals.difference, r.code).toBeCloseTo(r.totals.official! - value!, 2);
				const over = r.differences.some((d) => Math.abs(d) > 1);
				expect(r.flagged, r.code).toBe(over);
			}
			const flagged = list.filter((r) => r.flagged);
			expect(flagged.length).toBeGreaterThan(0);
			expect(flagged.length).toBeLessThan(list.length);
			// Labelled demo data, in Vietnamese by default.
			expect(html).toContain(vi['official.demo']);
			if (period === '2025-Q3') {
				// The quarter of the reorganisation: differences explained by the merger.
				expect(flagged.some((r) => r.causes.includes('sắp xếp đơn vị hành chính'))).toBe(true);
			} else {
				// The latest quarter: two published before our figures came, one without a cause.
				expect(
					flagged.filter((r) => r.causes.includes('báo cáo đến sau ngày công bố')).length
				).toBeGreaterThanOrEqual(2);
				expect(flagged.some((r) => r.causes === vi['official.cause.unknown'])).toBe(true);
			}
		});
	}

	it('speaks English and says a bad period, answering 200', async () => {
		const r = await get('/areas/12/reconciliation?period=2025-Q9&lang=en');
		expect(r.status).toBe(200);
		const html = await r.text();
		expect(html).toContain(en['official.demo']);
		expect(html).toContain('Reconciliation with the official Decision 766 index');
	});

	it('the commune page shows the official scores beside its breakdown', async () => {
		const { rows: list } = await page('?period=2025-Q3');
		const flagged = list.find((r) => r.flagged)!;
		const r = await get(`/units/${flagged.code}?period=2025-Q3`);
		expect(r.status).toBe(200);
		const html = await r.text();
		expect(html).toMatch(
			/<section class="official[^"]*" aria-labelledby="official-title" data-flagged="true"/
		);
		expect(html).toContain(vi['official.demo']);
		expect(html).toContain('/areas/12/reconciliation?period=2025-Q3');
	});
});
