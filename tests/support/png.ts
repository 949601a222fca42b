/**
 * PNGs the server sent against the SVG of the same view: the PNG decoded to its pixels, and the
 * SVG drawn here as the server draws its PNGs, so the two can be compared pixel for pixel.
 */
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { renderOptions } from '../../src/lib/server/http/png.ts';

export interface Png {
	width: number;
	height: number;
	/** RGBA, row by row, 4 bytes a pixel. */
	pixels: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The pixels of a PNG. Only what resvg writes: 8-bit RGBA, not interlaced (anything else throws).
 * The signature and IHDR are checked; chunk CRCs are not (zlib checks the data's own Adler-32).
 */
export function decodePng(bytes: Uint8Array): Png {
	if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG (signature)');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const chunk = (at: number) => Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
	if (chunk(8) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
	const [width, height] = [view.getUint32(16), view.getUint32(20)];
	const [depth, colour, , , interlace] = bytes.subarray(24, 29);
	if (depth !== 8 || colour !== 6 || interlace !== 0)
		throw new Error(`PNG of depth ${depth}, colour type ${colour}, interlace ${interlace}`);
	const data: Uint8Array[] = [];
	for (let at = 8; at < bytes.length && chunk(at) !== 'IEND'; at += 12 + view.getUint32(at))
		if (chunk(at) === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + view.getUint32(at)));
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * 4;
	if (raw.length !== height * (stride + 1)) throw new Error('PNG image data of the wrong length');
	const pixels = new Uint8Array(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let x = 0; x < stride; x++) {
			const i = y * stride + x;
			const a = x >= 4 ? pixels[i - 4] : 0;
			const b = y > 0 ? pixels[i - stride] : 0;
			const c = x >= 4 && y > 0 ? pixels[i - stride - 4] : 0;
			pixels[i] = raw[y * (stride + 1) + 1 + x] + predictor(filter, a, b, c);
		}
	}
	return { width, height, pixels };
}

/**
 * The five filters of the PNG specification (section 9.2), given left, above, above-left. resvg
 * 2.6 writes Sub rows only; the others were checked once against rows filtered 0–4 in turn.
 */
function predictor(filter: number, a: number, b: number, c: number): number {
	if (filter === 0) return 0;
	if (filter === 1) return a;
	if (filter === 2) return b;
	if (filter === 3) return (a + b) >> 1;
	if (filter !== 4) throw new Error(`PNG filter ${filter}`);
	const p = a + b - c;
	const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The SVG drawn as the server draws its PNGs (its resvg options): the same resvg on the same
 * input and options gives the same pixels, so a PNG of a view can be asked to equal this exactly,
 * with no tolerance for fonts or antialiasing.
 */
export function rasterise(svg: string): Png {
	const image = new Resvg(svg, renderOptions()).render();
	return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/** How many pixels of two pictures of one size differ (all of them when the sizes differ). */
export function differingPixels(a: Png, b: Png): number {
	if (a.width !== b.width || a.height !== b.height) return Math.max(a.width * a.height, 1);
	let n = 0;
	for (let i = 0; i < a.pixels.length; i += 4)
		if (
			a.pixels[i] !== b.pixels[i] ||
			a.pixels[i + 1] !== b.pixels[i + 1] ||
			a.pixels[i + 2] !== b.pixels[i + 2] ||
			a.pixels[i + 3] !== b.pixels[i + 3]
		)
			n++;
	return n;
}

/** The RGBA of the pixel at (x, y). */
export const pixelAt = (png: Png, x: number, y: number): number[] => [
	...png.pixels.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)
];
