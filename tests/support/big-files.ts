/**
 * Large report files for the upload-limit tests: a CSV of many rows, and an XLSX whose sheet
 * inflates to tens of megabytes from a file under the 5 MB upload cap (the shape of issue 16's
 * attack: 4.2 MB that unpacks to a 49 MB sheet of 324,000 rows).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { xlsxParts } from './import-helpers.ts';

export const MEASURES = [
	'computers',
	'staff_total',
	'villages_total',
	'procedures_total',
	'population'
] as const;

/**
 * `rows` data rows of one unit, month after month from 2000-01 to 2024-12 and around again (a
 * month given twice is refused: only the first 300 rows of a valid file can be accepted).
 */
export function bigCsv(rows: number, options: { unit?: string; invalid?: boolean } = {}): string {
	const unit = options.unit ?? '03388';
	const lines = [`unit_code,period,${MEASURES.join(',')}`];
	for (let i = 0; i < rows; i++) {
		const month = `${2000 + Math.floor((i % 300) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
		// Invalid: every figure is text, so each row has one error per measure.
		const v = options.invalid ? 'abc' : String(i % 97);
		lines.push(`${unit},${month},${MEASURES.map(() => v).join(',')}`);
	}
	return lines.join('\n') + '\n';
}

/**
 * An XLSX whose first sheet has `rows` data rows of numbers, the sheet XML written directly (the
 * fixture writer's shared strings would be too slow at this size). `tail` is appended to the
 * sheet's XML after the last row: text that breaks the XML shows whether a reader went that far.
 */
export function bigXlsx(rows: number, options: { tail?: string } = {}): Uint8Array {
	const parts = xlsxParts({ rows: [{ r: 1, cells: ['unit_code', 'period', ...MEASURES] }] });
	const sheet = parts['xl/worksheets/sheet1.xml'];
	const end = sheet.indexOf('</sheetData>');
	// Rows without an r attribute (allowed: each follows the one before), so that the sheet is a
	// block of 997 rows repeated: built in milliseconds. The code is a number (read back as 03388),
	// the month a date serial (2001-04), and the block is longer than deflate's 32 KB window, so
	// the sheet compresses like a real one (~13:1), not like a bomb.
	const row = (i: number) =>
		`<row><c><v>3388</v></c><c><v>36982</v></c>${MEASURES.map((_, k) => `<c><v>${(i * 7919 + k * 104729) % 997}</v></c>`).join('')}</row>`;
	const block = Array.from({ length: 997 }, (_, i) => row(i)).join('');
	const rest = Array.from({ length: rows % 997 }, (_, i) => row(i)).join('');
	const body = [block.repeat(Math.floor(rows / 997)) + rest];
	parts['xl/worksheets/sheet1.xml'] =
		sheet.slice(0, end) + body.join('') + (options.tail ?? '') + sheet.slice(end);
	return zip(parts);
}

/** A ZIP of deflated parts by node:zlib: fflate takes seconds over a 46 MB sheet, zlib a fraction. */
function zip(parts: Record<string, string>): Uint8Array {
	const chunks: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(parts)) {
		const data = Buffer.from(text, 'utf8');
		const packed = deflateRawSync(data, { level: 6 });
		const fileName = Buffer.from(name, 'utf8');
		const fields = (header: Buffer, at: number) => {
			header.writeUInt16LE(20, at); // version needed
			header.writeUInt16LE(0x800, at + 2); // UTF-8 names
			header.writeUInt16LE(8, at + 4); // deflate
			header.writeUInt32LE(0, at + 6); // time and date
			header.writeUInt32LE(crc32(data) >>> 0, at + 10);
			header.writeUInt32LE(packed.length, at + 14);
			header.writeUInt32LE(data.length, at + 18);
			header.writeUInt16LE(fileName.length, at + 22);
		};
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		fields(local, 4);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		fields(central, 6);
		central.writeUInt32LE(offset, 42);
		chunks.push(local, fileName, packed);
		directory.push(central, fileName);
		offset += local.length + fileName.length + packed.length;
	}
	const dir = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(directory.length / 2, 8);
	end.writeUInt16LE(directory.length / 2, 10);
	end.writeUInt32LE(dir.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...chunks, dir, end]));
}
