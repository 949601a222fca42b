/**
 * Bytes of an uploaded text file → NFC text. UTF-16 needs its BOM; UTF-8 with or without BOM;
 * anything that is not valid UTF-8 is read as Windows-1258 (the legacy Vietnamese code page,
 * whose combining tone marks NFC then composes) — unless it is UTF-8 with a few damaged bytes,
 * which is refused rather than turned into mojibake. Files that are not text at all (an image, a
 * PDF, an old .xls, a UTF-16 file without its BOM) are refused with a message that says so.
 */
import { TableError } from '../table.ts';

export interface Decoded {
	text: string;
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
}

const SIGNATURES: { bytes: number[]; what: string; advice?: string }[] = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
	{ bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
	{ bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
	{
		bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
		what: 'an Excel 97–2003 (.xls) workbook, a password-protected workbook or another OLE document',
		advice: 'save it as .xlsx without a password, or as CSV UTF-8'
	},
	{ bytes: [0x1f, 0x8b], what: 'a gzip archive' },
	{ bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' }
];

/** Counts well-formed UTF-8 multi-byte sequences and stray bytes. */
function utf8Evidence(b: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
	let valid = 0;
	let invalid = 0;
	let firstInvalid = -1;
	for (let i = 0; i < b.length;) {
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		const len =
			c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		let ok = len > 0 && i + len <= b.length;
		for (let k = 1; ok && k < len; k++) ok = (b[i + k] & 0xc0) === 0x80;
		if (ok) {
			valid++;
			i += len;
		} else {
			invalid++;
			if (firstInvalid < 0) firstInvalid = i;
			i++;
		}
	}
	return { valid, invalid, firstInvalid };
}

const lineAtByte = (b: Uint8Array, at: number) => {
	let line = 1;
	for (let i = 0; i < at; i++) if (b[i] === 0x0a) line++;
	return line;
};

/** Decodes a file's bytes; the result is always Unicode NFC without a BOM. */
export function decodeText(bytes: Uint8Array): Decoded {
	const b = bytes;
	for (const s of SIGNATURES)
		if (s.bytes.every((x, i) => b[i] === x))
			throw new TableError(
				0,
				`The file is ${s.what}, not a CSV or XLSX report${s.advice ? `: ${s.advice}` : ''}`
			);
	let encoding: Decoded['encoding'];
	let body = b;
	let text: string;
	if (b[0] === 0xff && b[1] === 0xfe) {
		encoding = 'utf-16le';
		body = b.subarray(2);
	} else if (b[0] === 0xfe && b[1] === 0xff) {
		encoding = 'utf-16be';
		body = b.subarray(2);
	} else {
		if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) body = b.subarray(3);
		encoding = 'utf-8';
	}
	if (encoding === 'utf-8') {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			const evidence = utf8Evidence(body);
			if (evidence.valid > 0 && evidence.valid >= evidence.invalid) {
				const line = lineAtByte(body, evidence.firstInvalid);
				const byte = body[evidence.firstInvalid].toString(16).toUpperCase().padStart(2, '0');
				throw new TableError(
					line,
					`The file is not valid UTF-8: line ${line} has a byte (0x${byte}) that is not UTF-8 while the rest of the file is UTF-8, so it was damaged or pasted from another encoding; save it again as CSV UTF-8`
				);
			}
			encoding = 'windows-1258';
			text = new TextDecoder(encoding).decode(body);
		}
	} else {
		text = new TextDecoder(encoding).decode(body);
	}
	// eslint-disable-next-line no-control-regex
	const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(text);
	if (control) {
		const line = text.slice(0, control.index).split('\n').length;
		const nulPairs =
			encoding === 'utf-8' && /^(?:[^\0]\0){2}|^(?:\0[^\0]){2}/.test(text.slice(0, 8));
		throw new TableError(
			line,
			nulPairs
				? 'The file looks like UTF-16 without a byte-order mark: save it as CSV UTF-8 (or UTF-16 with BOM)'
				: `The file is not a text report: line ${line} has the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}; expected CSV (UTF-8, UTF-16 with BOM or Windows-1258) or XLSX`
		);
	}
	return { text: text.normalize('NFC'), encoding };
}
