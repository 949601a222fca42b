/**
 * SVG → PNG on the server with resvg (a prebuilt native binary, no browser). Text needs a font
 * with Vietnamese glyphs: DejaVu Sans from the system when present (Debian's fonts-dejavu-core),
 * else whatever fonts the system has. The font files are read once.
 */
import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

const FONT_FILES = [
	'/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
	'/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
];

let fonts: string[] | null = null;
const fontFiles = () => (fonts ??= FONT_FILES.filter((f) => existsSync(f)));

/** The SVG document rendered as a PNG at its own width and height (off the event loop). */
export async function svgToPng(svg: string): Promise<Buffer> {
	const files = fontFiles();
	const image = await renderAsync(svg, {
		font: {
			fontFiles: files,
			loadSystemFonts: files.length === 0,
			defaultFontFamily: 'DejaVu Sans',
			sansSerifFamily: 'DejaVu Sans'
		},
		shapeRendering: 2,
		textRendering: 1
	});
	return image.asPng();
}
