/**
 * XLSX reading (first sheet) without a spreadsheet library: the npm `xlsx` package is frozen at a
 * vulnerable version and exceljs drags stale zip code along. An XLSX file is a ZIP of XML parts;
 * this reader needs four of them (the workbook, its relationships, the shared strings and the
 * first sheet) and nothing else, so it
 *
 * 1. reads the ZIP central directory itself and refuses, before inflating a byte, an archive with
 *    more than 1,000 entries, any entry declared above 50 MB, a total above 100 MB, or an entry
 *    compressed more than 200:1 (zip bombs);
 * 2. inflates only the parts it needs, as a stream (fflate's `Inflate`) in small input slices, and
 *    stops as soon as a part produces more than its declared size: a directory that lies costs at
 *    most one slice of extra work, never the bomb's full output (fflate's `unzipSync` would size
 *    its buffer from the declaration and silently truncate, so the real length could not be
 *    checked); the CRC-32 is checked too;
 * 3. parses the XML with a small strict scanner of the subset OOXML uses (elements, attributes,
 *    the five predefined entities and character references, comments, CDATA, processing
 *    instructions). A DTD is refused outright, so there are no entity expansions and no external
 *    entities; anything malformed is an error, not a guess. A general XML library (and its
 *    dependency tree and history of entity bugs) buys nothing for four well-defined parts.
 *
 * Cells: shared strings, inline strings, formula results (the cached value), numbers (integer
 * values as integer text: 1234, never 1234.0 or 1.234E+3), booleans (TRUE/FALSE) and error
 * values (#N/A) as text, which validation then rejects with the cell's line. The period column
 * also accepts an Excel date (a serial number or an ISO date cell) and turns it into YYYY-MM.
 * All text is NFC. Cells are placed by their reference (A1, AB12), so skipped cells leave the
 * right gaps, and every record keeps its spreadsheet row number as `line`.
 */
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { roleOf } from './columns.ts';
import { TableError, tooManyRows, type Table } from './table.ts';

const MB = 1024 * 1024;

/** What an archive may hold before anything is inflated. */
export const XLSX_LIMITS = {
	entries: 1000,
	entryBytes: 50 * MB,
	totalBytes: 100 * MB,
	ratio: 200,
	/** Entries smaller than this cannot be bombs; their ratio is not checked (tiny XML parts compress well). */
	ratioFloorBytes: 64 * 1024,
	/** Cells materialised for the table (rows × their width): a sparse sheet cannot blow up memory. */
	cells: 10_000_000
} as const;

/** Compressed input fed to the inflater at a time: bounds the overshoot past a lying size. */
const INFLATE_SLICE = 32 * 1024;

/** True when the bytes start like a ZIP archive (XLSX is one). */
export function isZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

// ---------------------------------------------------------------------------------------------
// ZIP

interface Entry {
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

const damaged = (why: string) =>
	new TableError(
		0,
		`The XLSX file is damaged (${why}): save it again from the spreadsheet program`
	);
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

function reader(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return {
		u16: (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : fail()),
		u32: (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : fail())
	};
	function fail(): never {
		throw damaged('it ends too early');
	}
}

/** Reads and checks the central directory: nothing is inflated here. */
function readDirectory(bytes: Uint8Array): Entry[] {
	const { u16, u32 } = reader(bytes);
	let eocd = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && u32(at) === 0x06054b50) {
			eocd = at;
			break;
		}
	}
	if (eocd < 0) throw damaged('no ZIP central directory');
	const count = u16(eocd + 10);
	const dirSize = u32(eocd + 12);
	const dirOffset = u32(eocd + 16);
	if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff)
		throw new TableError(
			0,
			'The XLSX file is a ZIP64 archive: a report workbook is far smaller; it may be a zip bomb'
		);
	if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count)
		throw damaged('a multi-part ZIP archive');
	if (count > XLSX_LIMITS.entries)
		throw new TableError(
			0,
			`The XLSX file has ${count.toLocaleString('en')} entries (more than ${XLSX_LIMITS.entries.toLocaleString('en')}): it is not a report workbook; it may be a zip bomb`
		);
	if (dirOffset + dirSize > eocd) throw damaged('the central directory is out of bounds');

	const entries: Entry[] = [];
	let at = dirOffset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > eocd || u32(at) !== 0x02014b50) throw damaged('a broken central directory entry');
		const nameLength = u16(at + 28);
		const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
		entries.push({
			flags: u16(at + 8),
			method: u16(at + 10),
			crc: u32(at + 16),
			compressedSize: u32(at + 20),
			size: u32(at + 24),
			localOffset: u32(at + 42),
			// Bit 11 says UTF-8; the parts read here have ASCII names either way.
			name: new TextDecoder(u16(at + 8) & 0x800 ? 'utf-8' : 'latin1')
				.decode(nameBytes)
				.replaceAll('\\', '/')
		});
		at += 46 + nameLength + u16(at + 30) + u16(at + 32);
	}

	const total = entries.reduce((sum, e) => sum + e.size, 0);
	if (total > XLSX_LIMITS.totalBytes)
		throw new TableError(
			0,
			`The XLSX file is too large when unpacked (${mb(total)} > ${XLSX_LIMITS.totalBytes / MB} MB): it may be a zip bomb`
		);
	for (const e of entries) {
		if (e.size > XLSX_LIMITS.entryBytes)
			throw new TableError(
				0,
				`The XLSX part ${e.name} is too large when unpacked (${mb(e.size)} > ${XLSX_LIMITS.entryBytes / MB} MB): it may be a zip bomb`
			);
		if (e.size >= XLSX_LIMITS.ratioFloorBytes && e.size > XLSX_LIMITS.ratio * e.compressedSize)
			throw new TableError(
				0,
				`The XLSX part ${e.name} is compressed ${Math.round(e.size / Math.max(1, e.compressedSize))}:1 (more than ${XLSX_LIMITS.ratio}:1): it may be a zip bomb`
			);
	}
	return entries;
}

/**
 * Inflates one entry in slices, never past its declared size, handing each piece of output to
 * `onData` as it comes (which may throw to stop reading: the rest is never inflated), then checks
 * the length and CRC-32.
 */
function streamEntry(bytes: Uint8Array, e: Entry, onData: (chunk: Uint8Array) => void): void {
	const { u16, u32 } = reader(bytes);
	if (e.flags & 0x1)
		throw new TableError(0, 'The XLSX file is encrypted: save it without a password');
	if (u32(e.localOffset) !== 0x04034b50) throw damaged(`no local header for ${e.name}`);
	const start = e.localOffset + 30 + u16(e.localOffset + 26) + u16(e.localOffset + 28);
	const end = start + e.compressedSize;
	if (end > bytes.length) throw damaged(`${e.name} is cut short`);
	const data = bytes.subarray(start, end);
	let length = 0;
	let crc = 0;
	// A part that does not parse may be one whose bytes were damaged: the rest is inflated (never
	// past its declared size) so that a failing CRC is named as the cause. The row cap stops at once.
	let unparsed: TableError | null = null;
	const take = (chunk: Uint8Array) => {
		if (length + chunk.length > e.size)
			throw new TableError(
				0,
				`The XLSX part ${e.name} unpacks to more than the ${e.size.toLocaleString('en')} bytes its directory declares: the file is damaged or a zip bomb`
			);
		length += chunk.length;
		crc = crc32(chunk, crc);
		if (unparsed) return;
		try {
			onData(chunk);
		} catch (error) {
			if (!(error instanceof TableError) || error.code !== 'unreadable') throw error;
			unparsed = error;
		}
	};
	if (e.method === 0) {
		if (e.compressedSize !== e.size) throw damaged(`${e.name} has inconsistent sizes`);
		for (let at = 0; at < data.length; at += INFLATE_SLICE)
			take(data.subarray(at, at + INFLATE_SLICE));
	} else if (e.method === 8) {
		const inflater = new Inflate((chunk: Uint8Array) => take(chunk));
		try {
			for (let at = 0; at < data.length || at === 0; at += INFLATE_SLICE) {
				const last = at + INFLATE_SLICE >= data.length;
				inflater.push(data.subarray(at, at + INFLATE_SLICE), last);
				if (last) break;
			}
		} catch (error) {
			if (error instanceof TableError) throw error;
			throw damaged(`${e.name} does not inflate: ${(error as Error).message}`);
		}
		if (length !== e.size)
			throw damaged(`${e.name} unpacks to ${length} bytes, not the ${e.size} declared`);
	} else {
		throw new TableError(
			0,
			`The XLSX part ${e.name} uses ZIP compression method ${e.method}: only stored and deflated parts are read`
		);
	}
	if (crc >>> 0 !== e.crc >>> 0) throw damaged(`${e.name} fails its CRC check`);
	if (unparsed) throw unparsed;
}

/** Streams one entry as UTF-8 text: `onText(piece, last)`, the last piece once the entry ends. */
function streamText(bytes: Uint8Array, e: Entry, onText: (text: string, last: boolean) => void) {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	const decode = (chunk?: Uint8Array) => {
		try {
			return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
		} catch {
			throw damaged(`${e.name} is not UTF-8`);
		}
	};
	streamEntry(bytes, e, (chunk) => onText(decode(chunk), false));
	onText(decode(), true);
}

// ---------------------------------------------------------------------------------------------
// XML

interface XmlHandler {
	open(name: string, attrs: Record<string, string>, empty: boolean): void;
	close(name: string): void;
	text(text: string): void;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&[^&;\s<]{0,10};?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const local = (name: string) => name.slice(name.indexOf(':') + 1);

function unescapeXml(text: string, part: string): string {
	if (!text.includes('&')) return text;
	return text.replace(
		ENTITY,
		(whole, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
			if (named) return NAMED[named];
			const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
			if (!Number.isInteger(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
				throw damaged(`${part} has an unknown entity ${whole}`);
			return String.fromCodePoint(code);
		}
	);
}

/** XML name characters of the ASCII subset OOXML uses (letters, digits, _ - . :). */
const isNameChar = (c: number) =>
	(c >= 97 && c <= 122) ||
	(c >= 65 && c <= 90) ||
	(c >= 48 && c <= 58) ||
	c === 95 ||
	c === 45 ||
	c === 46;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** A strict scanner for the OOXML subset (elements, attributes, text; no DTD) of a whole part. */
function scanXml(xml: string, part: string, handler: XmlHandler): void {
	new XmlScanner(part, handler).push(xml, true);
}

const MAX_TOKEN = 1024 * 1024;

/** Index of the `>` that ends the tag opened at `from` (quoted `>` skipped), or -1. */
function tagEnd(xml: string, from: number): number {
	const close = xml.indexOf('>', from);
	if (close < 0) return -1;
	const quoted = xml.slice(from, close);
	if (!quoted.includes('"') && !quoted.includes("'")) return close;
	let quote = 0;
	for (let p = from; p < xml.length; p++) {
		const c = xml.charCodeAt(p);
		if (quote) {
			if (c === quote) quote = 0;
		} else if (c === 34 || c === 39) quote = c;
		else if (c === 62) return p;
	}
	return -1;
}

/**
 * The scanner fed a part piece by piece as it is inflated: each push handles the complete
 * tokens it has and keeps an unfinished one for the next, so a handler can stop a large sheet
 * (by throwing) before the rest of it is inflated or decoded.
 */
class XmlScanner {
	private rest = '';
	/** Characters handled before `rest` (positions in messages are the part's). */
	private offset = 0;
	private readonly stack: string[] = [];
	private first = true;

	constructor(
		private readonly part: string,
		private readonly handler: XmlHandler
	) {}

	push(piece: string, last: boolean): void {
		const xml = this.rest + piece;
		const { part, handler, stack } = this;
		const base = this.offset;
		const n = xml.length;
		const malformed = (at: number) =>
			damaged(`${part} is not well-formed XML near character ${base + at}`);
		let i = 0;
		if (this.first && n) {
			this.first = false;
			if (xml.charCodeAt(0) === 0xfeff) i = 1;
		}
		const skipTo = (token: string, from: number) => {
			const end = xml.indexOf(token, from);
			if (end < 0) throw malformed(from);
			return end + token.length;
		};
		const readName = (from: number) => {
			let p = from;
			while (p < n && isNameChar(xml.charCodeAt(p))) p++;
			const c = xml.charCodeAt(from);
			if (p === from || (c >= 48 && c <= 58) || c === 45 || c === 46) throw malformed(from);
			return p;
		};
		/** True when the token at `lt` is whole in `xml` (always so for the last piece). */
		const complete = (lt: number) => {
			if (last) return true;
			if (n - lt < 9) return false; // "<![CDATA[" or "<!--" not told apart yet
			const next = xml.charCodeAt(lt + 1);
			if (next === 63) return xml.indexOf('?>', lt + 2) >= 0;
			if (next === 33) {
				if (xml.startsWith('<!--', lt)) return xml.indexOf('-->', lt + 4) >= 0;
				if (xml.startsWith('<![CDATA[', lt)) return xml.indexOf(']]>', lt + 9) >= 0;
				return true; // a DTD: refused below
			}
			return tagEnd(xml, lt + 1) >= 0;
		};
		while (i < n) {
			const lt = xml.indexOf('<', i);
			if (lt < 0 && !last) break; // text that may go on in the next piece
			const textEnd = lt < 0 ? n : lt;
			if (lt >= 0 && !complete(lt)) break;
			if (textEnd > i) {
				const text = xml.slice(i, textEnd);
				if (stack.length)
					handler.text(
						unescapeXml(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, part)
					);
				else if (text.trim()) throw damaged(`${part} has text outside its root element`);
			}
			if (lt < 0) {
				i = n;
				break;
			}
			const next = xml.charCodeAt(lt + 1);
			if (next === 63 /* ? */) i = skipTo('?>', lt + 2);
			else if (next === 33 /* ! */) {
				if (xml.startsWith('<!--', lt)) i = skipTo('-->', lt + 4);
				else if (xml.startsWith('<![CDATA[', lt)) {
					i = skipTo(']]>', lt + 9);
					if (!stack.length) throw damaged(`${part} has text outside its root element`);
					handler.text(xml.slice(lt + 9, i - 3));
				} else
					throw new TableError(
						0,
						`The XLSX part ${part} declares a DTD, which a workbook never needs: refused`
					);
			} else if (next === 47 /* / */) {
				let p = readName(lt + 2);
				const name = xml.slice(lt + 2, p);
				while (p < n && isSpace(xml.charCodeAt(p))) p++;
				if (xml.charCodeAt(p) !== 62 || stack.pop() !== name) throw malformed(lt);
				handler.close(local(name));
				i = p + 1;
			} else {
				let p = readName(lt + 1);
				const name = xml.slice(lt + 1, p);
				const attrs: Record<string, string> = Object.create(null);
				let empty = false;
				for (;;) {
					const before = p;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					const c = xml.charCodeAt(p);
					if (c === 62 /* > */) {
						p++;
						break;
					}
					if (c === 47 /* / */ && xml.charCodeAt(p + 1) === 62) {
						p += 2;
						empty = true;
						break;
					}
					if (p === before) throw malformed(p); // attributes are separated by white space
					const nameEnd = readName(p);
					const attr = xml.slice(p, nameEnd);
					p = nameEnd;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					if (xml.charCodeAt(p) !== 61 /* = */) throw malformed(p);
					p++;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					const quote = xml[p];
					if (quote !== '"' && quote !== "'") throw malformed(p);
					const close = xml.indexOf(quote, p + 1);
					if (close < 0) throw malformed(p);
					const value = xml.slice(p + 1, close);
					if (value.includes('<')) throw malformed(p);
					if (attr in attrs) throw malformed(p);
					attrs[attr] = unescapeXml(value, part);
					p = close + 1;
				}
				const localName = local(name);
				handler.open(localName, attrs, empty);
				if (empty) handler.close(localName);
				else stack.push(name);
				i = p;
			}
		}
		// A token still unfinished after a megabyte is not a spreadsheet's (a cell holds at most
		// 32,767 characters); waiting for its end would rescan it with every piece.
		if (!last && n - i > MAX_TOKEN) throw malformed(i);
		this.rest = xml.slice(i);
		this.offset += i;
		if (last && stack.length) throw damaged(`${part} ends inside <${stack[stack.length - 1]}>`);
	}
}

/** The value of the attribute whose local name is `name` and which has a namespace prefix (r:id). */
function prefixedAttr(attrs: Record<string, string>, name: string): string | undefined {
	for (const [k, v] of Object.entries(attrs)) if (k.includes(':') && local(k) === name) return v;
	return undefined;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
const unescapeOoxml = (s: string) =>
	s.includes('_x')
		? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		: s;

// ---------------------------------------------------------------------------------------------
// Workbook parts

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

type RawCell = { kind: 'number' | 'text' | 'date'; text: string };

/** "AB12" → { col: 27, row: 12 } (0-based column, 1-based row). */
function parseRef(ref: string): { col: number; row: number } | null {
	const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
	if (!m) return null;
	let col = 0;
	for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
	if (col > 16384) return null;
	return { col: col - 1, row: Number(m[2]) };
}

const columnName = (col: number): string => {
	let s = '';
	for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

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

function cellValue(
	type: string,
	v: string,
	inline: string,
	strings: string[],
	ref: () => string,
	part: string
): RawCell {
	switch (type) {
		case 's': {
			const index = Number(v);
			if (!Number.isInteger(index) || index < 0 || index >= strings.length)
				throw damaged(`cell ${ref()} of ${part} points at a missing shared string`);
			return { kind: 'text', text: strings[index] };
		}
		case 'inlineStr':
			return { kind: 'text', text: unescapeOoxml(inline).normalize('NFC') };
		case 'str':
		case 'e':
			return { kind: 'text', text: unescapeOoxml(v).normalize('NFC') };
		case 'b':
			return { kind: 'text', text: v.trim() === '' ? '' : v.trim() === '1' ? 'TRUE' : 'FALSE' };
		case 'd':
			return { kind: 'date', text: v.trim() };
		case 'n':
			return { kind: 'number', text: v.trim() };
		default:
			throw damaged(`cell ${ref()} of ${part} has an unknown type "${type}"`);
	}
}

/** Number text as written in a CSV: integer values without a decimal part or exponent. */
function numberText(v: string): string {
	const n = Number(v);
	if (v === '' || !Number.isFinite(n)) return v;
	if (Number.isInteger(n)) return BigInt(n).toString();
	return String(n);
}

/** An Excel date serial (days since 1899-12-30, or since 1904-01-01) → YYYY-MM. */
function serialMonth(serial: number, date1904: boolean): string | null {
	if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
	return new Date(epoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 7);
}

/** The text of one cell, given its column's role. */
function cellText(
	raw: RawCell | undefined,
	role: 'unit_code' | 'period' | 'other',
	date1904: boolean
): string {
	if (!raw) return '';
	if (raw.kind === 'text') return raw.text;
	if (raw.kind === 'date') {
		// An ISO 8601 date cell (t="d"); in the period column only its month matters.
		const m = /^(\d{4}-\d{2})(-\d{2}(T.*)?)?$/.exec(raw.text);
		return role === 'period' && m ? m[1] : raw.text;
	}
	const n = Number(raw.text);
	if (role === 'period') return serialMonth(n, date1904) ?? numberText(raw.text);
	// A unit code typed as a number loses its leading zero (03386 → 3386). The template writes
	// codes as text, but a code retyped by hand is accepted: an integer of at most 5 digits is
	// padded back to 5 (commune codes are 5 digits; a district typed as 105 becomes 00105 and is
	// then reported as an unknown unit, which is right, as only communes take figures).
	if (role === 'unit_code' && Number.isInteger(n) && n >= 0 && n <= 99_999)
		return String(n).padStart(5, '0');
	return numberText(raw.text);
}

// ---------------------------------------------------------------------------------------------

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
