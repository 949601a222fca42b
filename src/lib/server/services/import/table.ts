/**
 * What every reader (readers/csv.ts, readers/xlsx.ts) turns a file into: a table of string cells
 * with the file's line numbers, and the error that refuses a file it cannot read.
 */
import type { RowError } from './cells.ts';
import { tooManyRowsMessage } from './limits.ts';
import type { ReportingPeriod } from '../../../domain/report-period.ts';

export interface Table {
	header: string[];
	/** Records after the header, each with the line on which it starts (1-based, header = 1). */
	records: { line: number; cells: string[] }[];
	delimiter: string;
	/** The line of the header (CSV: the first non-empty line). */
	headerLine?: number;
	/**
	 * Set by the readers of the official forms (readers/ii06a.ts, readers/portal.ts): their
	 * table still names units (II.06a) and carries the stock carried over, so it goes through
	 * form-units.ts before the checks every import makes.
	 */
	form?: FormInfo;
}

/** What a form's reader found beyond the rows: its kind, period and the rows' own problems. */
export interface FormInfo {
	kind: 'ii06a' | 'portal';
	/** II.06a: 'current' (13 columns, with "trả trước hạn") or 'old' (12 columns, without). */
	layout: 'current' | 'old' | null;
	/** II.06a: the reporting period of the form's header; the portal's records carry their own. */
	period: ReportingPeriod | null;
	/** II.06a: the province the form's header names ("UBND tỉnh Lai Châu"), as written. */
	province: string | null;
	/** Rows whose own arithmetic fails (the file is refused). */
	errors: RowError[];
	/** Rows that do not balance (received = resolved + pending): said, not refused. */
	warnings: RowError[];
}

/** The columns of a form's table: unit (name or code), month, stock carried over, measures. */
export const FORM_KEY_COLUMNS = ['unit', 'period', 'carried_over'] as const;

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
