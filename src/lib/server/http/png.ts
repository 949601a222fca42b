/**
 * SVG → PNG on the server with resvg (a prebuilt native binary, no browser). Text needs a font
 * with Vietnamese glyphs: DejaVu Sans from the system when present (Debian's fonts-dejavu-core),
 * else whatever fonts the system has. The font files are read once.
 */
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

const FONT_FILES = [
	'/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
	'/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
];

let fonts: string[] | null = null;
const fontFiles = () => (fonts ??= FONT_FILES.filter((f) => existsSync(f)));

/**
 * resvg's options for the PNGs: the tests draw an SVG with them too, to compare a PNG of a view
 * with the SVG of the same view pixel for pixel.
 */
export function renderOptions(): ResvgRenderOptions {
	const files = fontFiles();
	return {
		font: {
			fontFiles: files,
			loadSystemFonts: files.length === 0,
			defaultFontFamily: 'DejaVu Sans',
			sansSerifFamily: 'DejaVu Sans'
		},
		shapeRendering: 2,
		textRendering: 1
	};
}

/** The SVG document rendered as a PNG at its own width and height (off the event loop). */
export async function svgToPng(svg: string): Promise<Buffer> {
	const image = await renderAsync(svg, renderOptions());
	return image.asPng();
}
