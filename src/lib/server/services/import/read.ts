/**
 * A report file's bytes → its table (CSV or XLSX), reading no further than the row cap: past
 * `maxRows` data rows the file is refused as soon as the reader gets there. Runs in the import's
 * worker thread for web uploads (parse-worker.ts) and in place for the CLI and the bench.
 */
import { decodeText } from './readers/decode.ts';
import { TableError, type Table } from './table.ts';
import { parseCsv } from './readers/csv.ts';
import { readXlsx, isZip } from './readers/xlsx.ts';
import { DEFAULT_MAX_ROWS } from './limits.ts';
import type { RowError } from './cells.ts';

export interface ReadOptions {
	/** Data rows (after the header) a file may have; default 20,000. */
	maxRows?: number;
}

/** Reads a CSV/XLSX file's bytes into a table; TableError when it cannot be read. */
export function readTable(bytes: Uint8Array, options: ReadOptions = {}): Table {
	const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
	if (isZip(bytes)) return readXlsx(bytes, { maxRows });
	return parseCsv(decodeText(bytes).text, { maxRows });
}

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
