/**
 * The first sheet's XML → its non-empty rows of raw cells (placed by reference) and its merged
 * ranges (`<mergeCell ref="C5:F5"/>`: a merged range holds its value in its top-left cell only,
 * so a form's two-row header needs them to know what a heading spans).
 */
import { tooManyRows } from '../table.ts';
import { damaged } from './zip.ts';
import { XmlScanner } from './xml.ts';
import { cellValue, columnName, parseRef, type RawCell } from './xlsx-cells.ts';
import type { Merge } from './grid.ts';

/**
 * The sheet's non-empty rows, fed piece by piece (`scanner.push`): past `maxRows` data rows
 * (rows with a cell, after the header) it throws, and the rest of the sheet is never read.
 */
export function sheetReader(
	part: string,
	strings: string[],
	maxRows: number
): { scanner: XmlScanner; rows: Map<number, Map<number, RawCell>>; merges: Merge[] } {
	const rows = new Map<number, Map<number, RawCell>>();
	const merges: Merge[] = [];
	let inData = false;
	let rowNumber = 0;
	let row: Map<number, RawCell> | null = null;
	let col = -1;
	let cell: { type: string; value: string; inline: string } | null = null;
	let capture: 'value' | 'inline' | null = null;
	let phonetic = 0;
	let filled = 0;
	const scanner = new XmlScanner(part, {
		open(name, attrs) {
			if (name === 'sheetData') inData = true;
			if (name === 'mergeCell' && attrs.ref) {
				const merge = parseRange(attrs.ref);
				if (merge && merges.length < MAX_MERGES) merges.push(merge);
			}
			if (!inData) return;
			if (name === 'row') {
				const r = attrs.r === undefined ? rowNumber + 1 : Number(attrs.r);
				if (!Number.isInteger(r) || r < 1 || r > 1_048_576 || r <= rowNumber)
					throw damaged(`${part} has rows out of order near row ${attrs.r ?? rowNumber + 1}`);
				rowNumber = r;
				row = new Map();
				rows.set(r, row);
				col = -1;
			} else if (name === 'c' && row) {
				if (attrs.r !== undefined) {
					const ref = parseRef(attrs.r);
					if (!ref || ref.row !== rowNumber || ref.col <= col)
						throw damaged(`${part} has a bad cell reference "${attrs.r}" in row ${rowNumber}`);
					col = ref.col;
				} else col++;
				if (col >= 16384) throw damaged(`${part} has a cell beyond column XFD in row ${rowNumber}`);
				cell = { type: attrs.t ?? 'n', value: '', inline: '' };
			} else if (cell) {
				if (name === 'v') capture = 'value';
				else if (name === 'rPh') phonetic++;
				else if (name === 't' && !phonetic) capture = 'inline';
			}
		},
		close(name) {
			if (name === 'sheetData') inData = false;
			else if (name === 'row' && row) {
				// Empty rows (formatting only) are dropped, and not counted.
				if (row.size === 0) rows.delete(rowNumber);
				else if (++filled > maxRows + 1) throw tooManyRows(rowNumber, maxRows);
				row = null;
			} else if (name === 'c' && cell && row) {
				const raw = cellValue(
					cell.type,
					cell.value,
					cell.inline,
					strings,
					() => `${columnName(col)}${rowNumber}`,
					part
				);
				if (raw.text !== '') row.set(col, raw);
				cell = null;
			} else if (name === 'v' || name === 't') capture = null;
			else if (name === 'rPh') phonetic--;
		},
		text(t) {
			if (cell && capture === 'value') cell.value += t;
			else if (cell && capture === 'inline') cell.inline += t;
		}
	});
	return { scanner, rows, merges };
}

/** Merged ranges read at most (a form has a dozen; a sheet may have thousands of formatting ones). */
const MAX_MERGES = 10_000;

/** "C5:F6" → its corners (0-based columns, 1-based rows), or null. */
function parseRange(ref: string): Merge | null {
	const [a, b] = ref.split(':');
	const from = parseRef(a ?? '');
	const to = parseRef(b ?? a ?? '');
	if (!from || !to) return null;
	return {
		top: Math.min(from.row, to.row),
		bottom: Math.max(from.row, to.row),
		left: Math.min(from.col, to.col),
		right: Math.max(from.col, to.col)
	};
}
