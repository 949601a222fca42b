/**
 * RFC 4180 CSV, UTF-8 with BOM (so Excel opens Vietnamese text correctly). Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) are neutralised with a
 * leading apostrophe; real numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | null | undefined;

/** Makes a text cell safe to open in a spreadsheet. */
export function neutraliseCell(cell: Cell): Cell {
	if (typeof cell !== 'string') return cell;
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** CSV text with a BOM and a header row. */
export function toCsv(header: string[], rows: Cell[][]): string {
	return (
		'\uFEFF' +
		stringify([header, ...rows.map((r) => r.map(neutraliseCell))], {
			record_delimiter: '\r\n',
			cast: { boolean: (b) => (b ? 'true' : 'false') }
		})
	);
}
