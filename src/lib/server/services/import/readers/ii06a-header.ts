/**
 * Finding the header of an II.06a form in its grid: one to three rows (merged group headings
 * over their parts, often with a row of column numbers "(1) (2) …" under them), placed anywhere
 * in the first rows after the title. Each column is named by its headings top to bottom.
 */
import { classifyHeading, REQUIRED_FIELDS, type Heading } from '../../../../domain/ii06a.ts';
import type { Grid } from './grid.ts';

export interface FormHeader {
	/** Index (in the rows) of the header's first and last row. */
	first: number;
	last: number;
	/** Column of each heading found. */
	columns: Map<Heading, number>;
	/** Each found column's headings, joined (for error messages). */
	labels: Map<Heading, string>;
}

/** Rows searched for the header: a title, the period and the issuer come before it. */
const SEARCHED_ROWS = 30;

/**
 * The headings of a column across rows [first, last]. A group heading (a cell over parts, in any
 * header row but the last) covers the empty cells to its right while the last row has parts
 * there: a CSV keeps a merged heading in its first cell only.
 */
function columnHeadings(rows: Grid['rows'], first: number, last: number, width: number) {
	const headings: string[][] = Array.from({ length: width }, () => []);
	for (let r = first; r <= last; r++) {
		const cells = rows[r].cells;
		let carry = '';
		for (let c = 0; c < width; c++) {
			const own = (cells[c] ?? '').trim();
			const below = (rows[last].cells[c] ?? '').trim();
			if (own) carry = r < last ? own : '';
			else if (!below) carry = '';
			const text = own || (r < last ? carry : '');
			const list = headings[c];
			if (text && list[list.length - 1] !== text) list.push(text);
		}
	}
	return headings;
}

/**
 * The header that names every required column (and a unit column) once; null if none does. The
 * lowest and shallowest such rows win: a title or period merged across the width above the header
 * would otherwise be read as one more heading of every column.
 */
export function findHeader(rows: Grid['rows']): FormHeader | null {
	const limit = Math.min(rows.length, SEARCHED_ROWS);
	for (let first = limit - 1; first >= 0; first--)
		for (let depth = 1; depth <= 3 && first + depth <= rows.length; depth++) {
			const last = first + depth - 1;
			const width = Math.max(...rows.slice(first, last + 1).map((r) => r.cells.length));
			const headings = columnHeadings(rows, first, last, width);
			const columns = new Map<Heading, number>();
			const labels = new Map<Heading, string>();
			let repeated = false;
			headings.forEach((h, c) => {
				const kind = classifyHeading(h);
				if (!kind) return;
				if (columns.has(kind)) repeated = true;
				columns.set(kind, c);
				labels.set(kind, h.join(' › '));
			});
			if (repeated || !columns.has('name')) continue;
			if (REQUIRED_FIELDS.every((f) => columns.has(f))) return { first, last, columns, labels };
		}
	return null;
}

/** The required columns the best header candidate lacks, for the message of a failed form. */
export function missingColumns(rows: Grid['rows']): string[] {
	let best: Heading[] = [];
	const limit = Math.min(rows.length, SEARCHED_ROWS);
	for (let first = 0; first + 1 < limit; first++) {
		const width = Math.max(rows[first].cells.length, rows[first + 1].cells.length);
		const found = columnHeadings(rows, first, first + 1, width).flatMap(
			(h) => classifyHeading(h) ?? []
		);
		if (found.length > best.length) best = found;
	}
	return [...REQUIRED_FIELDS, 'name'].filter((f) => !best.includes(f as Heading));
}
