/**
 * A map as a picture to take away (`/api/v1/map.svg`, `.png`, the Open Graph card): the units
 * drawn by {@link svgMap}, with the title, subtitle, legend, source lines, demo statement and
 * date burned in, so the picture says what it is wherever it is pasted. Pure: the caller gives
 * the texts (already in the reader's language) and the fills; this only lays them out.
 *
 * Text widths are estimated (no font metrics on the server): 0.58 em per character is DejaVu
 * Sans's average with Vietnamese diacritics, and lines are wrapped or shrunk to fit that.
 */
import { svgMap, type ShapeInput } from './svg-map.ts';

export interface PictureLegendRow {
	color: string;
	label: string;
	/** How many units, as the legend writes it (formatted); null for none. */
	count: string | null;
	/** Drawn hatched (no data) or striped in white (low confidence), not only by colour. */
	swatch?: 'fill' | 'hatch' | 'striped';
}

export interface MapPictureInput {
	width: number;
	height: number;
	title: string;
	subtitle: string;
	/** The picture's accessible name (the SVG's <title>). */
	label: string;
	shapes: ShapeInput[];
	/** Unit name per code, written in each path's <title>. */
	titles: Map<string, string>;
	fills: Map<string, string>;
	noDataColor: string;
	lowConfidence: Set<string>;
	legendTitle: string;
	legend: PictureLegendRow[];
	/** Under the legend: which way is better. */
	legendNote: string;
	/** Source, attribution, demo statement, date and address: one or more lines each. */
	footer: string[];
	/** Drawn as a chip in the top right corner when the figures are demo figures. */
	demoChip: string | null;
	fontFamily?: string;
}

const CHAR_EM = 0.58;

/** The colour of the low-confidence swatch in the legend (a middle class colour). */
const LOW_SAMPLE_COLOR = '#41b6c4';

/** A low-confidence unit keeps its class colour, crossed by thin white stripes (as on the page). */
const lowId = (color: string) => `low-${color.replace(/[^0-9a-z]/gi, '')}`;
const lowPattern = (color: string) =>
	`<pattern id="${lowId(color)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="${color}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.6"/></pattern>`;

/** Escapes text for an SVG text node or attribute. */
export function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** `text` cut into lines of at most `chars` characters, at spaces where it can be. */
export function wrapText(text: string, chars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (next.length <= chars || !line) line = next;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** The font size (at most `max`) at which `text` fits in `width` pixels. */
function fitSize(text: string, width: number, max: number, min = 10): number {
	return Math.max(min, Math.min(max, Math.floor(width / (Math.max(1, text.length) * CHAR_EM))));
}

/** The whole picture as an SVG document (one `<path class="unit">` per unit with a shape). */
export function mapPicture(input: MapPictureInput): string {
	const { width: W, height: H } = input;
	const font = input.fontFamily ?? 'DejaVu Sans, Arial, sans-serif';
	const pad = Math.round(Math.min(W, H) * 0.04);
	const small = H < 700;
	const inner = W - 2 * pad;

	const titleSize = fitSize(input.title, inner - (input.demoChip ? 260 : 0), small ? 34 : 32);
	const subSize = fitSize(input.subtitle, inner, small ? 21 : 20);
	const titleY = pad + titleSize;
	const subY = titleY + subSize + 8;

	const footSize = small ? 13 : 14;
	const footLines = input.footer.flatMap((l) =>
		wrapText(l, Math.floor(inner / (footSize * CHAR_EM)))
	);
	const footTop = H - pad - footLines.length * (footSize + 5);

	const legendW = Math.min(340, Math.round(W * 0.3));
	const mapTop = subY + 16;
	const mapBottom = footTop - 12;
	const mapW = W - 3 * pad - legendW;
	const mapH = Math.max(40, mapBottom - mapTop);
	const map = svgMap(input.shapes, mapW, mapH, { minStep: 0.6 });

	// One stripe pattern per class colour a low-confidence unit has (and the legend's swatch).
	const lowColors = new Set([LOW_SAMPLE_COLOR]);
	for (const code of input.lowConfidence) {
		const fill = input.fills.get(code);
		if (fill && fill !== input.noDataColor) lowColors.add(fill);
	}

	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="${xmlEscape(font)}">`,
		`<title>${xmlEscape(input.label)}</title>`,
		'<defs>',
		`<pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f0f0ec"/><line x1="0" y1="0" x2="0" y2="8" stroke="${input.noDataColor}" stroke-width="3"/></pattern>`,
		...[...lowColors].map(lowPattern),
		'</defs>',
		`<rect width="${W}" height="${H}" fill="#ffffff"/>`,
		`<text x="${pad}" y="${titleY}" font-size="${titleSize}" font-weight="700" fill="#1f2933">${xmlEscape(input.title)}</text>`,
		`<text x="${pad}" y="${subY}" font-size="${subSize}" fill="#52606d">${xmlEscape(input.subtitle)}</text>`
	);
	if (input.demoChip) {
		const chipSize = 15;
		const chipW = Math.round(input.demoChip.length * chipSize * CHAR_EM + 24);
		out.push(
			`<g class="demo-chip"><rect x="${W - pad - chipW}" y="${pad}" width="${chipW}" height="30" rx="15" fill="#fff4d6" stroke="#e9b949"/>`,
			`<text x="${W - pad - chipW / 2}" y="${pad + 20}" font-size="${chipSize}" text-anchor="middle" fill="#5c3c00">${xmlEscape(input.demoChip)}</text></g>`
		);
	}

	out.push(`<g class="units" transform="translate(${pad},${mapTop})">`);
	for (const shape of map.shapes) {
		const fill = input.fills.get(shape.code) ?? input.noDataColor;
		const noData = fill === input.noDataColor;
		const low = input.lowConfidence.has(shape.code);
		const name = input.titles.get(shape.code) ?? shape.code;
		const paint = noData ? 'url(#hatch)' : low ? `url(#${lowId(fill)})` : fill;
		out.push(
			`<path class="unit" data-code="${xmlEscape(shape.code)}" d="${shape.d}" fill="${paint}" stroke="#ffffff" stroke-width="0.7"><title>${xmlEscape(name)}</title></path>`
		);
	}
	out.push('</g>');

	out.push(legend(input, W - pad - legendW, mapTop, legendW));

	out.push(`<g class="footer" font-size="${footSize}" fill="#52606d">`);
	footLines.forEach((line, k) =>
		out.push(
			`<text x="${pad}" y="${footTop + (k + 1) * (footSize + 5) - 4}">${xmlEscape(line)}</text>`
		)
	);
	out.push('</g>', '</svg>');
	return out.join('\n');
}

function legend(input: MapPictureInput, x: number, y: number, width: number): string {
	const size = 16;
	const row = 28;
	const chars = Math.floor((width - 80) / (size * CHAR_EM));
	const out = [
		`<g class="legend" transform="translate(${x},${y})" font-size="${size}" fill="#1f2933">`,
		`<text y="${size}" font-weight="700">${xmlEscape(input.legendTitle)}</text>`
	];
	let top = size + 14;
	for (const r of input.legend) {
		const fill =
			r.swatch === 'hatch'
				? 'url(#hatch)'
				: r.swatch === 'striped'
					? `url(#${lowId(LOW_SAMPLE_COLOR)})`
					: r.color;
		const stroke = ' stroke="#9aa5b1"';
		const label = wrapText(r.label, chars);
		out.push(
			`<g class="legend-row"><rect x="0" y="${top}" width="22" height="18"${stroke} fill="${fill}"/>`,
			...label.map(
				(l, k) =>
					`<text class="legend-label" x="32" y="${top + 14 + k * (size + 3)}">${xmlEscape(l)}</text>`
			),
			r.count === null
				? ''
				: `<text class="legend-count" x="${width}" y="${top + 14}" text-anchor="end">${r.count}</text>`,
			'</g>'
		);
		top += row + (label.length - 1) * (size + 3);
	}
	for (const l of wrapText(input.legendNote, Math.floor(width / (14 * CHAR_EM)))) {
		top += 18;
		out.push(`<text y="${top}" font-size="14" fill="#52606d">${xmlEscape(l)}</text>`);
	}
	out.push('</g>');
	return out.join('\n');
}
