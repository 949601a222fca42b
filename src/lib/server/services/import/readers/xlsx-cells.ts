/**
 * One XLSX cell → its text as a CSV would carry it: shared and inline strings, formula results,
 * numbers as integer text (1234, never 1234.0 or 1.234E+3), booleans as TRUE/FALSE, Excel dates
 * in the period column as YYYY-MM, unit codes typed as numbers padded back to five digits.
 */
import { damaged } from './zip.ts';
import { unescapeOoxml } from './xml.ts';

export type RawCell = { kind: 'number' | 'text' | 'date'; text: string };

/** "AB12" → { col: 27, row: 12 } (0-based column, 1-based row). */
export function parseRef(ref: string): { col: number; row: number } | null {
	const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
	if (!m) return null;
	let col = 0;
	for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
	if (col > 16384) return null;
	return { col: col - 1, row: Number(m[2]) };
}

export const columnName = (col: number): string => {
	let s = '';
	for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

export function cellValue(
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
export function cellText(
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
