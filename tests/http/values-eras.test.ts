/**
 * Issue 12, item 2: a period that straddles the 2025-07-01 reorganisation answers on one era
 * only, and every download of a view (JSON, CSV, XLSX, GeoJSON) holds exactly the rows the map
 * page draws for it, each naming the unit's validity and era. Against the built server on the
 * demo figures; the map's rows are read from the page's own data (`__data.json`).
 */
import { describe, expect, inject, it } from 'vitest';
import { unflatten } from 'devalue';
import { parseCsv } from '../../src/lib/server/services/import/readers/csv.ts';
import { readXlsx } from '../../src/lib/server/services/import/readers/xlsx.ts';
import type { Table } from '../../src/lib/server/services/import/table.ts';
import { INDICATOR_CODES } from '../../src/lib/domain/indicators.ts';

const base = inject('baseURL');
const LEVELS = ['commune', 'district', 'province'] as const;
const ERAS = ['pre-2025', '2025', 'both'];

interface Row {
	unit_code: string;
	unit_name: string;
	value: number | null;
	valid_from?: string | null;
	valid_to?: string | null;
	era?: string;
	[column: string]: unknown;
}

/** Columns of the table downloads typed as numbers and booleans in the JSON answer. */
const NUMBERS = new Set([
	'value',
	'numerator',
	'denominator',
	'months_reported',
	'months_expected',
	'rank',
	'target'
]);
const BOOLEANS = new Set(['low_confidence', 'meets_target']);

/** What the map page's load returned for a view (its rows, or why it shows none). */
async function mapRows(view: string): Promise<Row[] | null> {
	const res = await fetch(`${base}/__data.json?${view}`);
	expect(res.status).toBe(200);
	const body = (await res.json()) as { nodes: ({ data: unknown[] } | null)[] };
	const page = unflatten(body.nodes.at(-1)!.data) as {
		rows: Row[];
		unavailable: unknown;
	};
	return page.unavailable ? null : page.rows;
}

/** Each record of a CSV/XLSX table by the header's columns, typed as in the JSON answer. */
function tableRows(table: Table): Row[] {
	return table.records.map(({ cells }) => {
		// A column the file lacks is undefined; an empty cell is null.
		const typed = (name: string, cell: string) =>
			cell === ''
				? null
				: NUMBERS.has(name)
					? Number(cell)
					: BOOLEANS.has(name)
						? cell === 'true'
						: cell;
		return Object.fromEntries(table.header.map((name, i) => [name, typed(name, cells[i] ?? '')]));
	}) as Row[];
}

/**
 * The rows of every download format of a view, or the statuses when there are none, and the
 * columns of its CSV: those every format holds.
 */
async function downloads(
	view: string
): Promise<{ files: Record<string, Row[] | number>; columns: string[] }> {
	const out: Record<string, Row[] | number> = {};
	let columns: string[] = [];
	for (const format of ['json', 'csv', 'xlsx', 'geojson']) {
		const res = await fetch(`${base}/api/v1/values?${view}&format=${format}`);
		if (res.status !== 200) {
			out[format] = res.status;
			continue;
		}
		if (format === 'json') out[format] = ((await res.json()) as { rows: Row[] }).rows;
		else if (format === 'geojson')
			out[format] = ((await res.json()) as { features: { properties: Row }[] }).features.map(
				(f) => f.properties
			);
		else if (format === 'csv') {
			const table = parseCsv(await res.text());
			columns = table.header;
			out[format] = tableRows(table);
		} else out[format] = tableRows(readXlsx(new Uint8Array(await res.arrayBuffer())));
	}
	return { files: out, columns };
}

const key = (r: Row) => `${r.unit_code}@${r.valid_from ?? ''}`;
/** Each row's cells in these columns, numbers to 9 decimals (a file may write them less exactly). */
const figures = (rows: Row[], columns: string[]) =>
	rows
		.map((r) =>
			columns.map((c) => (typeof r[c] === 'number' ? Number((r[c] as number).toFixed(9)) : r[c]))
		)
		.sort();

describe('a period straddling the reorganisation (2025)', () => {
	it('answers service_index by commune on the 2025 units only, 03618 once', async () => {
		const res = await fetch(
			`${base}/api/v1/values?indicator=service_index&period=2025&level=commune&format=csv`
		);
		expect(res.status).toBe(200);
		const rows = tableRows(parseCsv(await res.text()));
		expect(rows).toHaveLength(38);
		const mine = rows.filter((r) => r.unit_code === '03618');
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({
			unit_name: 'Xã Mường Than',
			valid_from: '2025-07-01',
			valid_to: null,
			era: '2025'
		});
	});

	it('names each row’s validity and era, before the reorganisation too', async () => {
		const json = (await (
			await fetch(`${base}/api/v1/values?indicator=dossier_volume&period=2024&level=commune`)
		).json()) as { rows: Row[] };
		const phucThan = json.rows.find((r) => r.unit_code === '03618');
		expect(phucThan).toMatchObject({
			unit_name: 'Xã Phúc Than',
			valid_from: null,
			valid_to: '2025-06-30',
			era: 'pre-2025'
		});
		const province = (await (
			await fetch(`${base}/api/v1/values?indicator=dossier_volume&period=2024&level=province`)
		).json()) as { rows: Row[] };
		expect(province.rows[0]).toMatchObject({ valid_from: null, valid_to: null, era: 'both' });
	});

	it.each(INDICATOR_CODES)('%s: every download holds exactly the map’s rows', async (code) => {
		for (const level of LEVELS) {
			const view = `indicator=${code}&period=2025&level=${level}`;
			const [map, { files, columns }] = await Promise.all([mapRows(view), downloads(view)]);
			// Every format agrees with the map on each column of the CSV: the unit's name and the
			// figures its value is computed from as well as the value.
			if (map !== null)
				expect(columns, view).toEqual(
					expect.arrayContaining(['unit_code', 'unit_name', 'value', 'numerator', 'denominator'])
				);
			for (const [format, rows] of Object.entries(files)) {
				const where = `${view} ${format}`;
				if (map === null) {
					// The map shows nothing (districts were abolished): neither does a download.
					expect(rows, where).toBeTypeOf('number');
					continue;
				}
				expect(rows, where).toBeInstanceOf(Array);
				const list = rows as Row[];
				expect(new Set(list.map(key)).size, where).toBe(list.length);
				expect(figures(list, columns), where).toEqual(figures(map, columns));
				for (const r of list) {
					expect(r.valid_from, where).not.toBeUndefined();
					expect(r.valid_to, where).not.toBeUndefined();
					expect(ERAS, where).toContain(r.era);
				}
			}
		}
	});
});
