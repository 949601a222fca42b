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
import { TableError, type Table } from '../table.ts';
import { damaged, readDirectory, streamText, XLSX_LIMITS, type Entry } from './zip.ts';
import { prefixedAttr, scanXml, unescapeOoxml } from './xml.ts';
import { cellText, type RawCell } from './xlsx-cells.ts';
import { sheetReader } from './xlsx-sheet.ts';
import type { Grid, Merge } from './grid.ts';

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

/** The first sheet as read: its non-empty rows of raw cells, its merged ranges, its date system. */
export interface Sheet {
	rows: Map<number, Map<number, RawCell>>;
	merges: Merge[];
	date1904: boolean;
}

/**
 * Reads the first sheet of an XLSX workbook: refused (TableError) past `maxRows` data rows
 * (non-empty rows after the first), as soon as the sheet's reader gets there.
 */
export function readXlsxSheet(bytes: Uint8Array, options: { maxRows?: number } = {}): Sheet {
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
	const { scanner, rows, merges } = sheetReader(parts.sheet, strings, options.maxRows ?? Infinity);
	streamText(bytes, entry(parts.sheet), (piece, last) => scanner.push(piece, last));
	const lines = [...rows.keys()].filter((r) => rows.get(r)!.size > 0);
	if (lines.length === 0)
		throw new TableError(1, 'The first sheet is empty: expected a header row');
	return { rows, merges, date1904: parts.date1904 };
}

/** Every non-empty row of the sheet as text (no column has a role yet), with the merged ranges. */
export function sheetGrid(sheet: Sheet): Grid {
	const read = rowReader(sheet, () => 'other');
	return { rows: [...sheet.rows.keys()].map((line) => read(line)), merges: sheet.merges };
}

type Role = Parameters<typeof cellText>[1];

/**
 * Reads a sheet's rows as text, each at least `minWidth` cells wide, the cells of column i read
 * as `roleAt(i)`; throws once the rows read hold more cells than XLSX_LIMITS allows.
 */
function rowReader(sheet: Sheet, roleAt: (i: number) => Role, minWidth = 0) {
	let budget = XLSX_LIMITS.cells;
	return (line: number) => {
		const cells = sheet.rows.get(line)!;
		const width = Math.max(minWidth, Math.max(...cells.keys()) + 1);
		budget -= width;
		if (budget < 0)
			throw new TableError(
				line,
				`The sheet has more than ${XLSX_LIMITS.cells.toLocaleString('en')} cells: split the report`
			);
		return {
			line,
			cells: Array.from({ length: width }, (_, i) =>
				cellText(cells.get(i), roleAt(i), sheet.date1904)
			)
		};
	};
}

/** Reads the first sheet of an XLSX workbook into a table (its first non-empty row the header). */
export function readXlsx(bytes: Uint8Array, options: { maxRows?: number } = {}): Table {
	return sheetTable(readXlsxSheet(bytes, options));
}

/** The sheet as a table: its first non-empty row is the header. */
export function sheetTable(sheet: Sheet): Table {
	const { rows, date1904 } = sheet;
	const lines = [...rows.keys()];
	const headerRow = rows.get(lines[0])!;
	const headerWidth = Math.max(...headerRow.keys()) + 1;
	const header = Array.from({ length: headerWidth }, (_, i) =>
		cellText(headerRow.get(i), 'other', date1904).trim()
	);
	const roles = header.map((h) => {
		const kind = roleOf(h)?.kind;
		return kind === 'unit_code' || kind === 'period' ? kind : 'other';
	});
	const read = rowReader(sheet, (i) => roles[i] ?? 'other', headerWidth);
	const records = lines.slice(1).map((line) => read(line));
	return { header, records, delimiter: '' };
}
