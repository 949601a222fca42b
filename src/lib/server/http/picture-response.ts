/**
 * A picture drawn on the server (a map or a chart) as the answer: the SVG as it is, or rendered
 * to PNG, shown inline under a file name that says the view, cached like every public answer.
 */
import { PUBLIC_CACHE } from './respond.ts';
import { svgToPng } from './png.ts';

export async function pictureResponse(
	svg: string,
	format: 'svg' | 'png',
	name: string
): Promise<Response> {
	const headers = {
		'content-type': format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
		'content-disposition': `inline; filename="${name}.${format}"`,
		'cache-control': PUBLIC_CACHE,
		// An SVG opened on its own runs nothing and loads nothing.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
	};
	if (format === 'svg') return new Response(svg, { headers });
	return new Response(new Uint8Array(await svgToPng(svg)), { headers });
}
