/**
 * What every reader (readers/csv.ts, readers/xlsx.ts) turns a file into: a table of string cells
 * with the file's line numbers, and the error that refuses a file it cannot read.
 */
import type { RowError } from './cells.ts';
import { tooManyRowsMessage } from './limits.ts';

export interface Table {
	header: string[];
	/** Records after the header, each with the line on which it starts (1-based, header = 1). */
	records: { line: number; cells: string[] }[];
	delimiter: string;
}

export class TableError extends Error {
	constructor(
		readonly line: number,
		message: string,
		readonly code: 'unreadable' | 'too_many_rows' = 'unreadable'
	) {
		super(message);
	}

	/** The file's one error, as the import reports it. */
	rowError(): RowError {
		return { line: this.line, column: null, code: this.code, message: this.message };
	}
}

/** A file with more than `max` data rows, refused at the line where the reader passed the cap. */
export const tooManyRows = (line: number, max: number) =>
	new TableError(line, tooManyRowsMessage(max), 'too_many_rows');
