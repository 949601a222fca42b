/**
 * A report file's bytes → its table (CSV or XLSX), reading no further than the row cap: past
 * `maxRows` data rows the file is refused as soon as the reader gets there. Runs in the import's
 * worker thread for web uploads (parse-worker.ts) and in place for the CLI and the bench.
 *
 * The official forms are recognised here: a sheet whose header has no unit code column is tried
 * as Biểu số II.06a (readers/ii06a.ts); JSON, and CSV with the portal's field names, as the
 * national portal's monthly statistics (readers/portal.ts). Their tables carry `form`.
 */
import { decodeText } from './readers/decode.ts';
import { TableError, type Table } from './table.ts';
import { parseCsv } from './readers/csv.ts';
import { isZip, readXlsxSheet, sheetGrid, sheetTable } from './readers/xlsx.ts';
import { readIi06a } from './readers/ii06a.ts';
import { isPortalHeader, portalFromCsv, readPortalJson } from './readers/portal.ts';
import { roleOf } from './columns.ts';
import type { Grid } from './readers/grid.ts';
import { DEFAULT_MAX_ROWS } from './limits.ts';
import type { RowError } from './cells.ts';

export interface ReadOptions {
	/** Data rows (after the header) a file may have; default 20,000. */
	maxRows?: number;
}

/** Reads a CSV/XLSX file's bytes into a table; TableError when it cannot be read. */
export function readTable(bytes: Uint8Array, options: ReadOptions = {}): Table {
	const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
	if (isZip(bytes)) {
		const sheet = readXlsxSheet(bytes, { maxRows });
		const table = sheetTable(sheet);
		return (hasUnitCode(table) ? null : readIi06a(sheetGrid(sheet))) ?? table;
	}
	const text = decodeText(bytes).text;
	if (/^\uFEFF?\s*[[{]/.test(text)) return readPortalJson(text, maxRows);
	const table = parseCsv(text, { maxRows });
	if (isPortalHeader(table.header)) return portalFromCsv(table);
	return (hasUnitCode(table) ? null : readIi06a(csvGrid(table))) ?? table;
}

/** A table in our own format names its unit code column in its first row. */
const hasUnitCode = (table: Table) => table.header.some((h) => roleOf(h)?.kind === 'unit_code');

/** A CSV's rows as a grid (a CSV has no merged cells: their value is in the first cell only). */
const csvGrid = (table: Table): Grid => ({
	rows: [{ line: table.headerLine ?? 1, cells: table.header }, ...table.records],
	merges: []
});

export type ReadOutcome = { ok: true; table: Table } | { ok: false; error: RowError };

/** readTable's answer as data (it crosses from the worker thread): the table or why not. */
export function readOutcome(bytes: Uint8Array, options: ReadOptions = {}): ReadOutcome {
	try {
		return { ok: true, table: readTable(bytes, options) };
	} catch (error) {
		if (error instanceof TableError) return { ok: false, error: error.rowError() };
		throw error;
	}
}
