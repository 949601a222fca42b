/**
 * The sentence above the map (issue 15, item 7) says what the API says: for a rate, how many
 * units reach the indicator's threshold, and which ranks first and last; for a composite, how
 * many fall in each band. Counted here from `/api/v1/values` rows, for two views, in both
 * languages; and it changes with the view.
 */
import { describe, expect, inject, it } from 'vitest';
import { findIndicator } from '../../src/lib/domain/indicators.ts';

const baseURL = inject('baseURL');

interface Row {
	unit_name: string;
	value: number | null;
	rank: number | null;
	band: string | null;
}

async function get(path: string): Promise<Response> {
	const response = await fetch(new URL(path, baseURL));
	expect(response.status, path).toBe(200);
	return response;
}

async function sentenceOf(path: string): Promise<string> {
	const html = await (await get(path)).text();
	const found = html.match(/<p class="view-sentence[^"]*">([^<]*)<\/p>/);
	expect(found, `sentence on ${path}`).not.toBeNull();
	return found![1].replaceAll('&amp;', '&');
}

const rowsOf = async (view: string) =>
	((await (await get(`/api/v1/values?${view}`)).json()) as { rows: Row[] }).rows;

/** Names of the units at a rank, as the sentence lists them. */
const at = (rows: Row[], rank: number) =>
	rows.filter((r) => r.rank === rank).map((r) => r.unit_name);

describe('the sentence above the map', () => {
	it('a rate: units reaching the threshold, first and last, as the API counts them', async () => {
		const view = 'indicator=online_uptake&period=2025&level=commune';
		const rows = await rowsOf(view);
		const threshold = findIndicator('online_uptake')!.scoring!.threshold;
		const reaching = rows.filter((r) => r.value !== null && r.value >= threshold).length;
		const last = Math.max(...rows.map((r) => r.rank ?? 0));

		const vi = await sentenceOf(`/?${view}`);
		expect(vi).toMatch(/^Năm 2025, /);
		expect(vi).toContain(`${reaching} trên ${rows.length} xã, phường`);
		expect(vi).toContain(`từ ${threshold}% trở lên`);
		expect(vi).toContain(`${at(rows, 1).join(' và ')} đứng đầu`);
		expect(vi).toContain(`${at(rows, last).join(' và ')} đứng cuối`);

		const en = await sentenceOf(`/?${view}&lang=en`);
		expect(en).toContain(`In 2025, ${reaching} of ${rows.length} communes`);
		expect(en).toContain(`reached ${threshold}% or more on “Online filing”`);
		expect(en).toContain(`${at(rows, 1).join(' and ')} ranked first`);
	});

	it('a composite: units per band, as the API bands them; another view, another sentence', async () => {
		const view = 'indicator=service_index&period=2025-Q3&level=commune';
		const rows = await rowsOf(view);
		const count = (band: string) => rows.filter((r) => r.band === band).length;

		const en = await sentenceOf(`/?${view}&lang=en`);
		expect(en).toMatch(/^In Q3 2025, “Service index” of /);
		expect(en).toContain(
			`${count('good')} good, ${count('fair')} fair, ${count('average')} average, ${count('weak')} weak`
		);
		expect(en).toContain(`${at(rows, 1).join(' and ')} ranked first`);

		const vi = await sentenceOf(`/?${view}`);
		expect(vi).toContain(
			`${count('good')} tốt, ${count('fair')} khá, ${count('average')} trung bình, ${count('weak')} yếu`
		);
		expect(vi).not.toBe(await sentenceOf('/?indicator=online_uptake&period=2025&level=commune'));
	});
});

describe('a period after the last month with figures', () => {
	it('says there are no figures yet and names the latest month, in both languages', async () => {
		const vi = await (await get('/?period=2030-01')).text();
		expect(vi).toContain('Chưa có số liệu cho kỳ này: số liệu mới nhất là của tháng ');
		const en = await (await get('/?period=2030-01&lang=en')).text();
		expect(en).toMatch(/No figures for this period yet: the latest are for [A-Z][a-z]+ \d{4}/);
	});
});
