/**
 * The XLSX reader cell by cell, and the downloadable template round trip: template → figures
 * typed into it → readXlsx → importFile succeeds. Runs on PGlite, or on PostgreSQL when
 * DATABASE_URL is set (only the round trip needs the store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Store } from '../../src/lib/server/db/index.ts';
import { MEASURES } from '../../src/lib/domain/measures.ts';
import { readXlsx, isZip } from '../../src/lib/server/services/import/readers/xlsx.ts';
import { buildTemplate } from '../../src/lib/server/services/import/template.ts';
import { TableError } from '../../src/lib/server/services/import/table.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import {
	buildXlsx,
	importBytes,
	prepareUnits,
	rowsFrom,
	snapshot,
	storedValue,
	xlsxParts,
	zipParts
} from '../support/import-helpers.ts';

describe('readXlsx', () => {
	it('places cells by their reference and keeps spreadsheet row numbers', () => {
		const table = readXlsx(
			buildXlsx({
				rows: [
					{ r: 2, cells: ['unit_code', 'period', 'dossiers_received', 'dossiers_resolved'] },
					{ r: 3, cells: [] },
					{ r: 5, cells: ['03400', null, null, 7] },
					{ r: 9, cells: [null, '2024-02', 12] }
				]
			})
		);
		expect(table.header).toEqual(['unit_code', 'period', 'dossiers_received', 'dossiers_resolved']);
		expect(table.records).toEqual([
			{ line: 5, cells: ['03400', '', '', '7'] },
			{ line: 9, cells: ['', '2024-02', '12', ''] }
		]);
	});

	it('places cells without references one after another', () => {
		const table = readXlsx(
			buildXlsx({
				noRefs: true,
				rows: rowsFrom([
					['a', 'b', 'c'],
					['1', '2', '3']
				])
			})
		);
		expect(table.records).toEqual([{ line: 2, cells: ['1', '2', '3'] }]);
	});

	it('writes integer numbers as integers and keeps other numbers exact', () => {
		const table = readXlsx(
			buildXlsx({
				rows: rowsFrom([
					['unit_code', 'period', 'a', 'b', 'c', 'd', 'e', 'f'],
					[
						'03400',
						'2024-02',
						1234,
						{ t: 'n', v: '1234.0' },
						{ t: 'n', v: '1.5E+2' },
						1234.5,
						{ t: 'n', v: '1E+21' },
						{ t: 'n', v: '-3' }
					]
				])
			})
		);
		expect(table.records[0].cells.slice(2)).toEqual([
			'1234',
			'1234',
			'150',
			'1234.5',
			'1000000000000000000000',
			'-3'
		]);
	});

	it('pads a numeric unit code of up to 5 digits, and only in the unit_code column', () => {
		const table = readXlsx(
			buildXlsx({
				rows: rowsFrom([
					['Mã đơn vị', 'period', 'population'],
					[3400, '2024-02', 3400],
					[123456, '2024-02', 1],
					[3400.5, '2024-02', 1]
				])
			})
		);
		expect(table.records.map((r) => r.cells[0])).toEqual(['03400', '123456', '3400.5']);
		expect(table.records[0].cells[2]).toBe('3400');
	});

	it('turns Excel dates in the period column into YYYY-MM (1900 and 1904 systems, ISO date cells)', () => {
		const rows = rowsFrom([
			['unit_code', 'Kỳ báo cáo', 'population'],
			['03400', 45352, 45352],
			['03400', 45352.75, 1],
			['03400', { t: 'd', v: '2024-03-15T00:00:00' }, 1],
			['03400', '2024-03', 1]
		]);
		expect(readXlsx(buildXlsx({ rows })).records.map((r) => r.cells[1])).toEqual([
			'2024-03',
			'2024-03',
			'2024-03',
			'2024-03'
		]);
		// The same serial is four years and a day later in the 1904 system.
		expect(readXlsx(buildXlsx({ rows, date1904: true })).records[0].cells[1]).toBe('2028-03');
		// Outside the period column a number stays a number.
		expect(readXlsx(buildXlsx({ rows })).records[0].cells[2]).toBe('45352');
	});

	it('reads shared strings with rich runs (not phonetic ones), inline strings, entities, escapes, booleans and errors, all NFC', () => {
		const parts = xlsxParts({
			rows: rowsFrom([
				['unit_code', 'period', 'note', 'x', 'y', 'z'],
				[
					'PLACEHOLDER',
					'2024-02',
					{ t: 'inlineStr', v: 'A & B <c> "d"' },
					{ t: 'b', v: '1' },
					{ t: 'e', v: '#N/A' },
					{ t: 'str', v: '42', f: 'A1' }
				]
			])
		});
		// Replace the first row-2 shared string with rich text, a phonetic run, an escape and a decomposed name.
		const decomposed = 'Xã Tả Lèng'.normalize('NFD');
		parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml'].replace(
			'<si><t xml:space="preserve">PLACEHOLDER</t></si>',
			`<si><r><rPr><b/></rPr><t>0340</t></r><r><t>0</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>`
		);
		parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml'].replace(
			'<si><t xml:space="preserve">note</t></si>',
			`<si><t>${decomposed}_x000D_&#10;&#x1EA1;</t></si>`
		);
		const table = readXlsx(zipParts(parts));
		expect(table.header[2]).toBe('Xã Tả Lèng\r\nạ');
		expect(table.records[0].cells).toEqual([
			'03400',
			'2024-02',
			'A & B <c> "d"',
			'TRUE',
			'#N/A',
			'42'
		]);
	});

	it('reads the first sheet of the workbook, and x:-prefixed XML', () => {
		const table = readXlsx(
			buildXlsx({
				prefixed: true,
				moreSheets: ['Other'],
				rows: rowsFrom([
					['unit_code', 'period'],
					['03400', '2024-02']
				])
			})
		);
		expect(table.header).toEqual(['unit_code', 'period']);
	});

	it('refuses malformed XML and missing shared strings as damage', () => {
		const parts = xlsxParts({ rows: rowsFrom([['unit_code'], ['03400']]) });
		const broken = {
			...parts,
			'xl/worksheets/sheet1.xml': parts['xl/worksheets/sheet1.xml'].replace('</sheetData>', '')
		};
		expect(() => readXlsx(zipParts(broken))).toThrow(TableError);
		expect(() => readXlsx(zipParts(broken))).toThrow(/damaged .*sheet1\.xml/);
		const missing = {
			...parts,
			'xl/sharedStrings.xml': parts['xl/sharedStrings.xml'].replace(/<si>.*<\/si>/, '')
		};
		expect(() => readXlsx(zipParts(missing))).toThrow(/points at a missing shared string/);
		const unknownEntity = {
			...parts,
			'xl/sharedStrings.xml': parts['xl/sharedStrings.xml'].replace('03400', '&nbsp;')
		};
		expect(() => readXlsx(zipParts(unknownEntity))).toThrow(/unknown entity &nbsp;/);
	});

	it('checks the CRC of what it inflates', () => {
		const good = buildXlsx({ rows: rowsFrom([['unit_code'], ['03400']]) });
		const files = unzipSync(good);
		const bytes = zipSync(files, { level: 0 });
		// Flip one byte of the stored sheet text (not in a header): the CRC no longer matches.
		const text = strFromU8(bytes, true);
		const at = text.indexOf('<sheetData>') + 3;
		const tampered = bytes.slice();
		tampered[at] ^= 0x01;
		expect(() => readXlsx(tampered)).toThrow(/fails its CRC check/);
	});
});

describe('the downloadable template', () => {
	let handle: TestStore;
	let store: Store;

	beforeAll(async () => {
		handle = await createTestStore();
		store = handle.store;
		await prepareUnits(store);
	});

	afterAll(async () => {
		await handle?.cleanup();
	});

	const communesAt = (month: string) =>
		store.rows<{
			code: string;
			name: string;
		}>(sql`select code, name from units where level = 'commune'
			and coalesce(valid_from, '0001-01-01') <= ${month + '-01'}::date and coalesce(valid_to, '9999-12-31') >= ${month + '-01'}::date
			order by code`);

	it('has the Vietnamese headers, one row per unit with its code as text, and empty figures', async () => {
		const units = await communesAt('2025-09');
		expect(units.length).toBe(38);
		const bytes = buildTemplate({ units, period: '2025-09' });
		expect(isZip(bytes)).toBe(true);
		const table = readXlsx(bytes);
		expect(table.header).toEqual([
			'Mã đơn vị',
			'Tên đơn vị',
			'Kỳ báo cáo',
			...MEASURES.map((m) => m.name.vi)
		]);
		expect(table.records.length).toBe(38);
		expect(table.records[0]).toEqual({
			line: 2,
			cells: [units[0].code, units[0].name, '2025-09', ...MEASURES.map(() => '')]
		});
		expect(table.records.every((r) => /^0\d{4}$/.test(r.cells[0]))).toBe(true);
		// Codes are inline strings (leading zeros survive any reader).
		const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
		expect(sheet).toContain(
			`<c r="A2" s="2" t="inlineStr"><is><t xml:space="preserve">${units[0].code}</t></is></c>`
		);
	});

	it('imports as it is: every figure blank, nothing stored', async () => {
		const units = await communesAt('2025-09');
		const before = await snapshot(store);
		const result = await importBytes(
			store,
			buildTemplate({ units, period: '2025-09' }),
			'template.xlsx',
			{ dryRun: true }
		);
		expect(result).toMatchObject({ ok: true, inserted: 0, blank: 38 * MEASURES.length });
		expect(await snapshot(store)).toEqual(before);
	});

	it('round-trips: figures typed into the template are imported', async () => {
		const units = await communesAt('2025-09');
		const files = unzipSync(buildTemplate({ units, period: '2025-09' }));
		const col = (code: string) =>
			String.fromCharCode(68 + MEASURES.findIndex((m) => m.code === code)); // D…
		const typed: Record<number, Record<string, number>> = {
			2: {
				dossiers_received: 120,
				dossiers_received_online: 60,
				staff_total: 14,
				one_stop_shop_standard: 1
			},
			3: { dossiers_received: 95, population: 18606 },
			39: { dossiers_resolved: 80, dossiers_resolved_on_time: 80 }
		};
		let sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
		for (const [row, values] of Object.entries(typed)) {
			// As a spreadsheet program saves typed numbers: plain <c><v> cells in column order.
			const cells = Object.entries(values)
				.sort(([a], [b]) => col(a).localeCompare(col(b)))
				.map(([code, v]) => `<c r="${col(code)}${row}" s="3"><v>${v}</v></c>`)
				.join('');
			sheet = sheet.replace(new RegExp(`(<row r="${row}">.*?)(</row>)`), `$1${cells}$2`);
		}
		files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
		const filled = zipSync(files);
		const result = await importBytes(store, filled, 'template-filled.xlsx');
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result).toMatchObject({
			inserted: 8,
			updated: 0,
			unchanged: 0,
			blank: 38 * MEASURES.length - 8
		});
		expect(await storedValue(store, units[0].code, '2025-09', 'dossiers_received_online')).toBe(60);
		expect(await storedValue(store, units[1].code, '2025-09', 'population')).toBe(18606);
		expect(await storedValue(store, units[37].code, '2025-09', 'dossiers_resolved_on_time')).toBe(
			80
		);
	});

	it('refuses a period that is not a month', () => {
		expect(() => buildTemplate({ units: [], period: '2025-13' })).toThrow(/YYYY-MM/);
	});
});
