import { describe, expect, it } from 'vitest';
import { safeFileName, sniffEvidence } from './evidence.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffEvidence', () => {
	it.each([
		['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
		['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
		['WebP', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'image/webp'],
		['PDF', text('%PDF-1.7\n'), 'application/pdf'],
		['WAV (RIFF, not WebP)', text('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), null],
		['HTML named .png', text('<html><script>alert(1)</script>'), null],
		['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
		['empty', bytes(), null],
		['truncated PNG', bytes(0x89, 0x50), null]
	])('%s', (_name, input, type) => expect(sniffEvidence(input)).toBe(type));
});

describe('safeFileName', () => {
	it('keeps ASCII, drops diacritics and anything that could break a header', () => {
		expect(safeFileName('Ảnh trụ sở "xã".png', 'image/png')).toBe('Anh-tru-so-xa.png');
		expect(safeFileName('a\r\nb.exe', 'application/pdf')).toBe('a-b.pdf');
		expect(safeFileName('', 'image/jpeg')).toBe('evidence.jpg');
	});
});
