/**
 * The bad-input corpus (tests/fixtures/import): every bad file is rejected with exactly the
 * errors listed here (line, column, code; the message too where it matters) and leaves the
 * database as it was (row counts of observations, monthly_facts, audit_log, import_batches and a
 * checksum of the observations). The good files are imported and their figures checked.
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import type { Store } from '../../src/lib/server/db/index.ts';
import { decodeText } from '../../src/lib/server/services/import/readers/decode.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import {
	fixturesDir,
	importBytes,
	prepareUnits,
	readFixture,
	snapshot,
	storedValue
} from '../support/import-helpers.ts';

interface Expected {
	line: number;
	column: string | null;
	code: string;
	message?: string;
}

const e = (line: number, column: string | null, code: string, message?: string): Expected => ({
	line,
	column,
	code,
	...(message === undefined ? {} : { message })
});

const unreadable = (line: number, message: string) => e(line, null, 'unreadable', message);

/** Every bad file of the corpus and exactly what it must produce. */
const BAD: Record<string, Expected[]> = {
	// encodings and file types
	'bad-utf8-damaged.csv': [
		unreadable(
			3,
			'The file is not valid UTF-8: line 3 has a byte (0xE0) that is not UTF-8 while the rest of the file is UTF-8, so it was damaged or pasted from another encoding; save it again as CSV UTF-8'
		)
	],
	'bad-not-text.csv': [
		unreadable(
			2,
			'The file is not a text report: line 2 has the control character U+0081; expected CSV (UTF-8, UTF-16 with BOM or Windows-1258) or XLSX'
		)
	],
	'bad-utf16-no-bom.csv': [
		unreadable(
			1,
			'The file looks like UTF-16 without a byte-order mark: save it as CSV UTF-8 (or UTF-16 with BOM)'
		)
	],
	'bad-image.png': [unreadable(0, 'The file is a PNG image, not a CSV or XLSX report')],
	'bad-document.pdf': [unreadable(0, 'The file is a PDF document, not a CSV or XLSX report')],
	'bad-old-excel.xls': [
		unreadable(
			0,
			'The file is an Excel 97–2003 (.xls) workbook, a password-protected workbook or another OLE document, not a CSV or XLSX report: save it as .xlsx without a password, or as CSV UTF-8'
		)
	],
	'bad-empty.csv': [unreadable(1, 'The file is empty: expected a header row')],
	'bad-header-only.csv': [e(1, null, 'no_rows', 'The file has a header row but no data rows')],
	'bad-oversized-record.csv': [
		unreadable(
			3,
			'The file is not valid CSV: Max Record Size: record exceed the maximum number of tolerated bytes of 65536 at line 3'
		)
	],
	'bad-unclosed-quote.csv': [
		unreadable(
			3,
			'The file is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3'
		)
	],

	// structure
	'bad-ragged.csv': [
		e(3, null, 'ragged_row', 'Line 3 has 3 fields; the header has 4'),
		e(4, null, 'ragged_row', 'Line 4 has 5 fields; the header has 4')
	],
	'bad-duplicate-column.csv': [
		e(
			1,
			'Hồ sơ tiếp nhận',
			'duplicate_column',
			'Column "Hồ sơ tiếp nhận" repeats column 3 ("dossiers_received")'
		)
	],
	'bad-mixed-form.csv': [e(1, 'dossiers_received', 'mixed_form')],
	'bad-unknown-column.csv': [e(1, 'ho_so_khac', 'unknown_column')],
	'bad-missing-unit-column.csv': [
		e(1, 'unit_code', 'missing_column', 'Missing column unit_code (Mã đơn vị)')
	],
	'bad-no-measure-columns.csv': [
		e(1, null, 'no_measure_columns', 'No measure columns: nothing to import')
	],
	'bad-long-missing-value.csv': [e(1, 'value', 'missing_column')],
	'bad-unknown-measure.csv': [
		e(2, 'measure', 'unknown_measure', 'Unknown measure "dossiers_lost"')
	],

	// keys
	'bad-duplicate-rows.csv': [
		e(
			4,
			'dossiers_received',
			'duplicate',
			'03400 2024-02 dossiers_received already given on line 2'
		)
	],
	'bad-duplicate-long.csv': [
		e(3, 'value', 'duplicate', '03400 2024-02 dossiers_received already given on line 2')
	],
	'bad-blank-unit.csv': [e(2, 'unit_code', 'missing_unit')],
	'bad-unknown-unit.csv': [e(2, 'unit_code', 'unknown_unit', 'Unknown unit code "99999"')],
	'bad-retired-unit.csv': [
		e(
			2,
			'unit_code',
			'unit_not_valid',
			'No unit bore code 03386 in 2025-08: Phường Quyết Thắng … – 2025-06-30; its figures now go to 03388 (Phường Đoàn Kết)'
		)
	],
	'bad-district-code.csv': [
		e(
			2,
			'unit_code',
			'not_commune',
			'105 (Thành phố Lai Châu) is a district: figures are reported per commune and summed'
		),
		e(
			3,
			'unit_code',
			'not_commune',
			'12 (Tỉnh Lai Châu) is a province: figures are reported per commune and summed'
		)
	],
	// Formula injection: refused as an unknown unit, the text kept verbatim (neutralising it is the exporter's job).
	'bad-formula-injection.csv': [
		e(
			2,
			'unit_code',
			'unknown_unit',
			'Unknown unit code "=HYPERLINK("http://evil.example/","03400")"'
		)
	],
	'bad-script-in-code.csv': [
		e(2, 'unit_code', 'unknown_unit', 'Unknown unit code "<script>alert(1)</script>"')
	],

	// periods
	'bad-period-month-13.csv': [
		e(2, 'period', 'invalid_period', 'Period "2024-13" is not a month: write YYYY-MM, e.g. 2024-03')
	],
	'bad-period-slash.csv': [
		e(2, 'period', 'invalid_period', 'Period "2024/03" is not a month: write YYYY-MM, e.g. 2024-03')
	],
	'bad-period-mm-yyyy.csv': [
		e(2, 'period', 'invalid_period', 'Period "03-2024" is not a month: write YYYY-MM, e.g. 2024-03')
	],
	'bad-period-blank.csv': [
		e(2, 'period', 'invalid_period', 'Period "" is not a month: write YYYY-MM, e.g. 2024-03')
	],
	'bad-period-before-2000.csv': [e(2, 'period', 'invalid_period', 'Period 1999-12 is before 2000')],
	'bad-future-period.csv': [
		e(2, 'period', 'future_period', 'Period 2030-01 is in the future (this month is 2026-06)')
	],

	// values
	'bad-negative.csv': [
		e(
			2,
			'dossiers_received',
			'negative',
			'dossiers_received: "-5" is negative; counts are 0 or more'
		)
	],
	'bad-non-integer.csv': [
		e(2, 'dossiers_received', 'not_integer'),
		e(2, 'staff_total', 'not_integer')
	],
	'bad-not-a-number.csv': [
		e(2, 'dossiers_received', 'not_a_number', 'dossiers_received: "abc" is not a number')
	],
	'bad-flag-2.csv': [
		e(2, 'one_stop_shop_standard', 'not_flag', 'one_stop_shop_standard is 0 or 1, got 2')
	],
	'bad-too-large.csv': [
		e(2, 'population', 'too_large', 'population: 1000000000001 is implausibly large')
	],
	'bad-part-over-whole.csv': [
		e(
			2,
			'dossiers_received_online',
			'part_exceeds_whole',
			'dossiers_received_online 12 exceeds dossiers_received 10 for 2024-02'
		)
	],
	// Against setup-stored.csv (03400 2024-01: received 40, received online 30).
	'bad-part-over-stored.csv': [
		e(
			2,
			'dossiers_received_online',
			'part_exceeds_whole',
			'dossiers_received_online 50 exceeds dossiers_received 40 (stored figure) for 2024-01'
		)
	],
	'bad-whole-below-stored-part.csv': [
		e(
			2,
			'dossiers_received',
			'part_exceeds_whole',
			'dossiers_received_online 30 exceeds dossiers_received 20 for 2024-01'
		)
	],

	// XLSX content, reported with the spreadsheet's row numbers
	'bad-xlsx-cells.xlsx': [
		e(5, 'dossiers_resolved', 'not_a_number', 'dossiers_resolved: "#DIV/0!" is not a number'),
		e(7, 'dossiers_received', 'not_a_number'),
		e(7, 'dossiers_resolved', 'not_integer', 'dossiers_resolved: "12.5" is not a whole number')
	],
	'bad-xlsx-retired-numeric.xlsx': [
		e(
			2,
			'unit_code',
			'unit_not_valid',
			'No unit bore code 03386 in 2025-08: Phường Quyết Thắng … – 2025-06-30; its figures now go to 03388 (Phường Đoàn Kết)'
		)
	],
	'bad-xlsx-ragged.xlsx': [e(3, null, 'ragged_row', 'Line 3 has 5 fields; the header has 3')],

	// XLSX containers
	'bad-zip-bomb.xlsx': [
		unreadable(
			0,
			'The XLSX file is too large when unpacked (120.0 MB > 100 MB): it may be a zip bomb'
		)
	],
	// official forms (issue 17; tests/db/import-ii06a.test.ts checks their messages)
	'bad-ii06a-arithmetic.xlsx': [
		{ line: 9, column: null, code: 'form_arithmetic' },
		{ line: 10, column: null, code: 'form_arithmetic' }
	],
	'bad-ii06a-unknown-names.csv': [
		{ line: 6, column: 'unit', code: 'unknown_unit_name' },
		{ line: 7, column: 'unit', code: 'ambiguous_unit_name' }
	],
	'bad-zip-ratio.xlsx': [
		unreadable(
			0,
			'The XLSX part xl/worksheets/sheet1.xml is compressed 1017:1 (more than 200:1): it may be a zip bomb'
		)
	],
	'bad-zip-lying-size.xlsx': [
		unreadable(
			0,
			'The XLSX part xl/worksheets/sheet1.xml unpacks to more than the 1,000 bytes its directory declares: the file is damaged or a zip bomb'
		)
	],
	'bad-zip-5000-entries.xlsx': [
		unreadable(
			0,
			'The XLSX file has 5,000 entries (more than 1,000): it is not a report workbook; it may be a zip bomb'
		)
	],
	'bad-xlsx-dtd.xlsx': [
		unreadable(
			0,
			'The XLSX part xl/worksheets/sheet1.xml declares a DTD, which a workbook never needs: refused'
		)
	],
	'bad-xlsx-truncated.xlsx': [
		unreadable(
			0,
			'The XLSX file is damaged (no ZIP central directory): save it again from the spreadsheet program'
		)
	],
	'bad-not-a-workbook.xlsx': [
		unreadable(
			0,
			'The file is a ZIP archive but not an XLSX workbook (it has no xl/workbook.xml): save the report as .xlsx or CSV'
		)
	]
};

let handle: TestStore;
let store: Store;

beforeAll(async () => {
	handle = await createTestStore();
	store = handle.store;
	await prepareUnits(store);
	const setup = await importBytes(store, readFixture('setup-stored.csv'), 'setup-stored.csv');
	expect(setup).toMatchObject({ ok: true, inserted: 3 });
});

afterAll(async () => {
	await handle?.cleanup();
});

describe('the corpus', () => {
	it('has at least 30 bad files, each listed here', () => {
		const files = readdirSync(fixturesDir).filter((f) => f.startsWith('bad-'));
		expect(files.length).toBeGreaterThanOrEqual(30);
		expect(files.sort()).toEqual(Object.keys(BAD).sort());
	});
});

describe('bad files are rejected with their exact errors and change nothing', () => {
	for (const [file, expected] of Object.entries(BAD)) {
		it(file, async () => {
			const before = await snapshot(store);
			const result = await importBytes(store, readFixture(file), file);
			if (result.ok) throw new Error(`${file} was accepted: ${JSON.stringify(result)}`);
			expect(result.errors.map(({ line, column, code }) => ({ line, column, code }))).toEqual(
				expected.map(({ line, column, code }) => ({ line, column, code }))
			);
			expected.forEach((x, i) => {
				if (x.message !== undefined) expect(result.errors[i].message).toBe(x.message);
				expect(result.errors[i].message.length).toBeGreaterThan(0);
			});
			// A dry run gives the same answer.
			const dry = await importBytes(store, readFixture(file), file, { dryRun: true });
			expect(dry).toEqual(result);
			expect(await snapshot(store)).toEqual(before);
		});
	}
});

describe('good files are imported', () => {
	const good: [file: string, counts: { inserted: number; blank: number; form: 'wide' | 'long' }][] =
		[
			['good-wide.csv', { inserted: 10, blank: 0, form: 'wide' }],
			['good-semicolon.csv', { inserted: 4, blank: 0, form: 'wide' }],
			['good-tab.csv', { inserted: 4, blank: 0, form: 'wide' }],
			['good-vietnamese-headers.csv', { inserted: 8, blank: 0, form: 'wide' }],
			['good-long.csv', { inserted: 5, blank: 0, form: 'long' }],
			['good-utf16le.csv', { inserted: 4, blank: 0, form: 'wide' }],
			['good-utf16be.csv', { inserted: 4, blank: 0, form: 'wide' }],
			['good-windows-1258.csv', { inserted: 4, blank: 0, form: 'wide' }],
			['good.xlsx', { inserted: 6, blank: 3, form: 'wide' }],
			['good-prefixed.xlsx', { inserted: 6, blank: 0, form: 'wide' }],
			['good-blank-vs-zero.csv', { inserted: 2, blank: 4, form: 'wide' }],
			['good-script-in-name.csv', { inserted: 1, blank: 0, form: 'wide' }]
		];
	for (const [file, counts] of good) {
		it(file, async () => {
			const before = await snapshot(store);
			const result = await importBytes(store, readFixture(file), file);
			expect(result).toMatchObject({
				ok: true,
				dryRun: false,
				updated: 0,
				unchanged: 0,
				...counts
			});
			const after = await snapshot(store);
			expect(after.observations).toBe(before.observations + counts.inserted);
			expect(after.import_batches).toBe(before.import_batches + 1);
		});
	}

	it('stores the figures as written, whatever the delimiter, encoding or form', async () => {
		const cases: [code: string, month: string, measure: string, value: number | null][] = [
			// thousands written 1,234 / 1.100 / 1 000 / "1.500"
			['03403', '2024-03', 'dossiers_received', 1234],
			['03403', '2024-03', 'dossiers_resolved', 1100],
			['03403', '2024-03', 'dossiers_resolved_on_time', 1000],
			['03403', '2024-03', 'one_stop_shop_standard', 0],
			['03403', '2024-04', 'dossiers_received', 1500],
			['03400', '2024-05', 'dossiers_resolved', 76],
			['03400', '2024-06', 'staff_digital_trained', 9],
			// long form by code, Vietnamese and English names
			['03400', '2024-07', 'dossiers_received_online', 20],
			['03400', '2024-07', 'villages_4g', 7],
			['03403', '2024-07', 'population', 5400],
			['03403', '2024-08', 'dossiers_resolved', 30],
			['03403', '2024-09', 'dossiers_received', 34],
			['03403', '2024-10', 'dossiers_digitized', 35],
			// XLSX: numeric code 3403 → 03403, a date serial, a formula's cached 1.5E+2, an ISO date cell
			['03400', '2024-11', 'dossiers_received', 1234],
			['03403', '2024-11', 'dossiers_received', 150],
			['03403', '2024-11', 'population', 5400],
			['03403', '2024-11', 'dossiers_resolved', null],
			['03388', '2025-08', 'dossiers_received', 77],
			['03388', '2025-08', 'dossiers_resolved', 70],
			// 1904 date system, x: prefixes, no cell references
			['03400', '2023-02', 'villages_4g', 10],
			['03403', '2023-02', 'villages_total', 14],
			// blank stores nothing; 0 stores 0
			['03400', '2024-12', 'dossiers_received', 0],
			['03400', '2024-12', 'dossiers_pending_overdue', 0],
			['03400', '2024-12', 'dossiers_received_online', null],
			['03403', '2024-12', 'dossiers_received', null],
			['03400', '2023-01', 'dossiers_received', 5]
		];
		for (const [code, month, measure, value] of cases)
			expect({
				code,
				month,
				measure,
				value: await storedValue(store, code, month, measure)
			}).toEqual({
				code,
				month,
				measure,
				value
			});
	});

	it('reads Windows-1258 names into NFC', () => {
		const { text, encoding } = decodeText(readFixture('good-windows-1258.csv'));
		expect(encoding).toBe('windows-1258');
		expect(text).toContain('Xã Sùng Phài');
		expect(text).toContain('Mã đơn vị');
		expect(text).toBe(text.normalize('NFC'));
		// The file really holds decomposed tone marks (ã = a + 0xDE).
		expect([...readFixture('good-windows-1258.csv')].includes(0xde)).toBe(true);
	});
});
