/**
 * The ZIP container of an XLSX workbook, read without a library: the central directory is read
 * and checked before a byte is inflated (more than 1,000 entries, an entry declared above 50 MB,
 * a total above 100 MB or an entry compressed more than 200:1 are refused: zip bombs), and only
 * the parts asked for are inflated, as a stream (fflate's `Inflate`) in small input slices,
 * stopping as soon as a part produces more than its declared size (fflate's `unzipSync` would
 * size its buffer from the declaration and silently truncate). The CRC-32 is checked too.
 */
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { TableError } from '../table.ts';

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

export interface Entry {
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

export const damaged = (why: string) =>
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
export function readDirectory(bytes: Uint8Array): Entry[] {
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
export function streamText(
	bytes: Uint8Array,
	e: Entry,
	onText: (text: string, last: boolean) => void
) {
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
