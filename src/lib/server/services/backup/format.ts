/**
 * The backup file: gzip around a header line (JSON) and, per table, a `T` line (JSON: name,
 * columns, rows), data records `D <bytes>\n` followed by that many bytes of COPY CSV, and an
 * `E` line; a final `Z` line says the file is complete (a cut file is refused, not half-loaded).
 * CSV is what COPY writes and reads on both engines, so every value keeps its exact text form.
 */
import type { MigrationLevel } from '../../db/migrate.ts';
import type { SequenceValue } from '../../queries/backup.ts';

export const BACKUP_FORMAT = 'xaso-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
	name: string;
	columns: string[];
	rows: number;
}

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	engine: string;
	migrations: MigrationLevel;
	tables: BackupTable[];
	sequences: SequenceValue[];
}

export class BackupFormatError extends Error {}

const NL = 0x0a;
const QUOTE = 0x22;

/** Reads lines and counted byte runs from a stream of chunks (the gunzipped file). */
export class ByteReader {
	private buffer: Buffer = Buffer.alloc(0);
	private readonly source: AsyncIterator<Buffer>;
	constructor(source: AsyncIterable<Buffer>) {
		this.source = source[Symbol.asyncIterator]();
	}

	private async fill(): Promise<boolean> {
		const next = await this.source.next();
		if (next.done) return false;
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
		return true;
	}

	/** The next line without its newline; an error at the end of the file. */
	async line(): Promise<string> {
		for (;;) {
			const at = this.buffer.indexOf(NL);
			if (at >= 0) {
				const text = this.buffer.subarray(0, at).toString('utf8');
				this.buffer = this.buffer.subarray(at + 1);
				return text;
			}
			if (this.buffer.length > 16 << 20) throw new BackupFormatError('a header line is too long');
			if (!(await this.fill())) throw new BackupFormatError('the file ends too early: is it cut?');
		}
	}

	/** Exactly `n` bytes. */
	async bytes(n: number): Promise<Buffer> {
		while (this.buffer.length < n)
			if (!(await this.fill())) throw new BackupFormatError('the file ends inside a table');
		const out = this.buffer.subarray(0, n);
		this.buffer = this.buffer.subarray(n);
		return out;
	}
}

/**
 * Where the last complete CSV row of `buffer` ends (index after its newline), or 0. A newline
 * ends a row unless it is inside quotes; quotes inside a quoted field are doubled, so counting
 * them keeps the parity right. `buffer` must start at a row boundary.
 */
export function lastRowEnd(buffer: Uint8Array): number {
	let quoted = false;
	let end = 0;
	for (let i = 0; i < buffer.length; i++) {
		const b = buffer[i];
		if (b === QUOTE) quoted = !quoted;
		else if (b === NL && !quoted) end = i + 1;
	}
	return end;
}

/**
 * Gathers a table's data records into CSV strings of about `size` bytes that end on row
 * boundaries, each ready for one COPY.
 */
export async function* tableCsv(reader: ByteReader, size = 8 << 20): AsyncGenerator<string> {
	let pending: Buffer[] = [];
	let held = 0;
	for (;;) {
		const line = await reader.line();
		if (line === 'E') break;
		const m = /^D (\d+)$/.exec(line);
		if (!m) throw new BackupFormatError(`unexpected record "${line.slice(0, 40)}" in a table`);
		const chunk = await reader.bytes(Number(m[1]));
		pending.push(chunk);
		held += chunk.length;
		if (held < size) continue;
		const all = Buffer.concat(pending);
		const end = lastRowEnd(all);
		if (end > 0) yield all.subarray(0, end).toString('utf8');
		pending = [all.subarray(end)];
		held = all.length - end;
	}
	if (held > 0) yield Buffer.concat(pending).toString('utf8');
}

/** Parses and checks the header line. */
export function parseHeader(line: string): BackupHeader {
	let header: BackupHeader;
	try {
		header = JSON.parse(line);
	} catch {
		throw new BackupFormatError('this is not a Xã Số backup (the first line is not JSON)');
	}
	if (header?.format !== BACKUP_FORMAT)
		throw new BackupFormatError('this is not a Xã Số backup (no xaso-backup header)');
	if (header.version > BACKUP_VERSION)
		throw new BackupFormatError(
			`this backup has format version ${header.version}; this version of Xã Số reads up to ${BACKUP_VERSION}: upgrade Xã Số first`
		);
	return header;
}
