/** XLSX reading (first sheet). Placeholder until the safe reader lands. */
import { TableError, type Table } from './table.ts';

/** True when the bytes start like a ZIP archive (XLSX is one). */
export function isZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Reads the first sheet of an XLSX workbook into a table. */
export function readXlsx(bytes: Uint8Array): Table {
	void bytes;
	throw new TableError(0, 'XLSX files are not supported yet: save the sheet as CSV (UTF-8)');
}
