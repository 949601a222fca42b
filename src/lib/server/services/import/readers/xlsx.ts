/**
 * XLSX reading (first sheet) without a spreadsheet library: the npm `xlsx` package is frozen at a
 * vulnerable version and exceljs drags stale zip code along. An XLSX file is a ZIP of XML parts;
 * this reader needs four of them (the workbook, its relationships, the shared strings and the
 * first sheet) and nothing else: zip.ts reads the archive (zip bombs refused before a byte is
 * inflated), xml.ts scans the parts (no DTD, so no entity expansion), xlsx-cells.ts turns each
 * cell into the text a CSV would carry.
 *
 * Cells are placed by their reference (A1, AB12), so skipped cells (and the covered cells of a
 * merged range) leave the right gaps, and every record keeps its spreadsheet row number as `line`.
 * Error values (#N/A) come through as text, which validation then rejects with the cell's line.
 * All text is NFC.
 */
import { roleOf } from '../columns.ts';
import { TableError, tooManyRows, type Table } from '../table.ts';
import { damaged, readDirectory, streamText, XLSX_LIMITS, type Entry } from './zip.ts';
import { prefixedAttr, scanXml, unescapeOoxml, XmlScanner } from './xml.ts';
import { cellText, cellValue, columnName, parseRef, type RawCell } from './xlsx-cells.ts';

export { isZip, XLSX_LIMITS } from './zip.ts';

interface Parts {
	sheet: string;
	sharedStrings: string | null;
	date1904: boolean;
}

function resolveTarget(base: string, target: string): string {
	const path = target.startsWith('/') ? target.slice(1) : base + target;
	const out: string[] = [];
	for (const seg of path.split('/')) {
		if (seg === '..') out.pop();
		else if (seg !== '.' && seg !== '') out.push(seg);
	}
	return out.join('/');
}

function locateParts(workbookXml: string, relsXml: string): Parts {
	let firstSheetRel: string | undefined;
	let date1904 = false;
	let inSheets = false;
	scanXml(workbookXml, 'xl/workbook.xml', {
		open(name, attrs) {
			if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
			else if (name === 'sheets') inSheets = true;
			else if (name === 'sheet' && inSheets && firstSheetRel === undefined)
				firstSheetRel = prefixedAttr(attrs, 'id') ?? '';
		},
		close(name) {
			if (name === 'sheets') inSheets = false;
		},
		text() {}
	});
	if (!firstSheetRel) throw new TableError(0, 'The XLSX workbook has no sheet');
	const rels = new Map<string, { type: string; target: string; external: boolean }>();
	scanXml(relsXml, 'xl/_rels/workbook.xml.rels', {
		open(name, attrs) {
			if (name === 'Relationship' && attrs.Id)
				rels.set(attrs.Id, {
					type: attrs.Type ?? '',
					target: attrs.Target ?? '',
					external: attrs.TargetMode === 'External'
				});
		},
		close() {},
		text() {}
	});
	const sheetRel = rels.get(firstSheetRel);
	if (!sheetRel || sheetRel.external || !sheetRel.target)
		throw damaged('the first sheet has no part');
	if (!/\/worksheet$/.test(sheetRel.type))
		throw new TableError(
			0,
			'The first sheet of the XLSX workbook is a chart or dialog sheet, not a worksheet: move the data sheet first'
		);
	const shared = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type) && !r.external);
	return {
		sheet: resolveTarget('xl/', sheetRel.target),
		sharedStrings: shared ? resolveTarget('xl/', shared.target) : null,
		date1904
	};
}

function readSharedStrings(xml: string, part: string): string[] {
	const strings: string[] = [];
	let current: string[] | null = null;
	let depthPhonetic = 0;
	let inT = false;
	scanXml(xml, part, {
		open(name) {
			if (name === 'si') current = [];
			else if (name === 'rPh') depthPhonetic++;
			else if (name === 't' && current && !depthPhonetic) inT = true;
		},
		close(name) {
			if (name === 'si' && current) {
				strings.push(unescapeOoxml(current.join('')).normalize('NFC'));
				current = null;
			} else if (name === 'rPh') depthPhonetic--;
			else if (name === 't') inT = false;
		},
		text(t) {
			if (inT && current) current.push(t);
		}
	});
	return strings;
}

// ---------------------------------------------------------------------------------------------
// Sheet

/**
 * The sheet's non-empty rows, fed piece by piece (`scanner.push`): past `maxRows` data rows
 * (rows with a cell, after the header) it throws, and the rest of the sheet is never read.
 */
function sheetReader(
	part: string,
	strings: string[],
	maxRows: number
): { scanner: XmlScanner; rows: Map<number, Map<number, RawCell>> } {
	const rows = new Map<number, Map<number, RawCell>>();
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
	return { scanner, rows };
}

/**
 * Reads the first sheet of an XLSX workbook into a table: refused (TableError) past `maxRows`
 * data rows, as soon as the sheet's reader gets there.
 */
export function readXlsx(bytes: Uint8Array, options: { maxRows?: number } = {}): Table {
	const entries = readDirectory(bytes);
	const byName = new Map(entries.map((e) => [e.name, e]));
	const byLowerName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
	const find = (name: string) => byName.get(name) ?? byLowerName.get(name.toLowerCase());
	const entry = (name: string): Entry => {
		const e = find(name);
		if (!e) throw damaged(`${name} is missing`);
		return e;
	};
	const text = (name: string): string => {
		const pieces: string[] = [];
		streamText(bytes, entry(name), (piece) => pieces.push(piece));
		return pieces.join('');
	};
	if (!find('xl/workbook.xml'))
		throw new TableError(
			0,
			'The file is a ZIP archive but not an XLSX workbook (it has no xl/workbook.xml): save the report as .xlsx or CSV'
		);
	const parts = locateParts(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'));
	const strings =
		parts.sharedStrings && find(parts.sharedStrings)
			? readSharedStrings(text(parts.sharedStrings), parts.sharedStrings)
			: [];
	// The sheet is scanned as it is inflated, so that the cap stops both.
	const { scanner, rows } = sheetReader(parts.sheet, strings, options.maxRows ?? Infinity);
	streamText(bytes, entry(parts.sheet), (piece, last) => scanner.push(piece, last));

	const lines = [...rows.keys()].filter((r) => rows.get(r)!.size > 0);
	if (lines.length === 0)
		throw new TableError(1, 'The first sheet is empty: expected a header row');
	const headerRow = rows.get(lines[0])!;
	const headerWidth = Math.max(...headerRow.keys()) + 1;
	const header = Array.from({ length: headerWidth }, (_, i) =>
		cellText(headerRow.get(i), 'other', parts.date1904).trim()
	);
	const roles = header.map((h) => {
		const kind = roleOf(h)?.kind;
		return kind === 'unit_code' || kind === 'period' ? kind : 'other';
	});
	let budget = XLSX_LIMITS.cells;
	const records = lines.slice(1).map((line) => {
		const cells = rows.get(line)!;
		const width = Math.max(headerWidth, Math.max(...cells.keys()) + 1);
		budget -= width;
		if (budget < 0)
			throw new TableError(
				line,
				`The sheet has more than ${XLSX_LIMITS.cells.toLocaleString('en')} cells: split the report`
			);
		return {
			line,
			cells: Array.from({ length: width }, (_, i) =>
				cellText(cells.get(i), roles[i] ?? 'other', parts.date1904)
			)
		};
	});
	return { header, records, delimiter: '' };
}
