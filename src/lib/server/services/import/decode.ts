/**
 * Bytes of an uploaded text file → NFC text. UTF-16 needs its BOM; UTF-8 with or without BOM;
 * anything that is not valid UTF-8 is read as Windows-1258 (the legacy Vietnamese code page,
 * whose combining tone marks NFC then composes).
 */
export interface Decoded {
	text: string;
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
}

/** Decodes a file's bytes; the result is always Unicode NFC without a BOM. */
export function decodeText(bytes: Uint8Array): Decoded {
	const b = bytes;
	let encoding: Decoded['encoding'];
	let body = b;
	if (b[0] === 0xff && b[1] === 0xfe) {
		encoding = 'utf-16le';
		body = b.subarray(2);
	} else if (b[0] === 0xfe && b[1] === 0xff) {
		encoding = 'utf-16be';
		body = b.subarray(2);
	} else {
		if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) body = b.subarray(3);
		try {
			const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
			return { text: text.normalize('NFC'), encoding: 'utf-8' };
		} catch {
			encoding = 'windows-1258';
		}
	}
	const text = new TextDecoder(encoding).decode(body);
	return { text: text.normalize('NFC'), encoding };
}
