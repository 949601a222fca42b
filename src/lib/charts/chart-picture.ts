/**
 * A line chart as a picture to take away (`/api/v1/chart.svg`, `.png`): one or more series on a
 * shared scale (d3-scale, d3-shape), with the title, subtitle, legend, source lines, demo
 * statement and date burned in, like the map's picture ($lib/geo/map-picture.ts). Pure: the
 * caller gives the texts (already in the reader's language), the formatters and the values.
 *
 * Every point is a `<circle class="point">` carrying its line, period and raw value, and a
 * `<title>` with the value as the page writes it, so a reader (or a test) can check the figures.
 */
import { scaleLinear } from 'd3-scale';
import { line as d3line } from 'd3-shape';
import { valueDomain } from '../components/charts/domain.ts';
import { wrapText, xmlEscape } from '../geo/map-picture.ts';

export interface ChartPictureLine {
	/** Unit code: written as `data-line` on the line and its points. */
	key: string;
	/** Unit name, in the legend. */
	label: string;
	color: string;
	/** SVG dash array ('' for solid): lines are told apart without colour too. */
	dash: string;
	/** One per period (null: no figure, the line breaks). */
	values: (number | null)[];
	/** Summed from predecessor units: drawn dashed (or faded, on a dashed line). */
	harmonised: boolean[];
	/** Few dossiers: drawn as a hollow point. */
	low: boolean[];
}

export interface ChartPictureInput {
	width: number;
	height: number;
	title: string;
	subtitle: string;
	/** The picture's accessible name (the SVG's <title>). */
	label: string;
	/** Period codes, oldest first (written as `data-period`). */
	periods: string[];
	/** The periods as the axis and the points' titles write them. */
	periodLabels: string[];
	lines: ChartPictureLine[];
	formatTick: (value: number) => string;
	formatValue: (value: number) => string;
	/** Highest value the scale may reach (100 for a percentage). */
	ceiling?: number;
	/** A horizontal rule from period index `from` to the end (the year's target). */
	target?: { value: number; from: number; label: string } | null;
	/** Legend texts beyond the lines' names (harmonised, low confidence, target), when shown. */
	keys: { harmonised?: string; low?: string; target?: string };
	footer: string[];
	demoChip: string | null;
	fontFamily?: string;
}

const CHAR_EM = 0.58;
const TARGET_COLOR = '#b45309';

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The periods to label on the axis: at most `max`, evenly spaced, the last always included. */
export function axisTicks(count: number, max: number): number[] {
	if (count <= 0) return [];
	const step = Math.max(1, Math.ceil(count / max));
	const ticks: number[] = [];
	for (let i = (count - 1) % step; i < count; i += step) ticks.push(i);
	return ticks;
}

/** The whole chart as an SVG document. */
export function chartPicture(input: ChartPictureInput): string {
	const { width: W, height: H, lines, periods } = input;
	const font = input.fontFamily ?? 'DejaVu Sans, Arial, sans-serif';
	const pad = 40;
	const inner = W - 2 * pad;
	const titleLines = wrapText(input.title, Math.floor((inner - 240) / (28 * CHAR_EM)));
	const titleY = pad + 28;
	const subY = titleY + (titleLines.length - 1) * 34 + 30;

	const footSize = 14;
	const footLines = input.footer.flatMap((l) =>
		wrapText(l, Math.floor(inner / (footSize * CHAR_EM)))
	);
	const footTop = H - pad - footLines.length * (footSize + 5);

	const all = lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
	const y = scaleLinear()
		.domain(valueDomain(all, { target: input.target?.value, ceiling: input.ceiling }))
		.range([footTop - 56, subY + 36]);
	const yTicks = y.ticks(6);
	const tickLabels = yTicks.map(input.formatTick);
	const legendW = 300;
	const left = pad + 12 + Math.max(...tickLabels.map((l) => l.length * 14 * CHAR_EM), 20);
	const right = W - pad - legendW - 56;
	const x = scaleLinear()
		.domain([0, Math.max(1, periods.length - 1)])
		.range([left + 8, right]);

	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="${xmlEscape(font)}">`,
		`<title>${xmlEscape(input.label)}</title>`,
		`<rect width="${W}" height="${H}" fill="#ffffff"/>`,
		...titleLines.map(
			(t, i) =>
				`<text class="title" x="${pad}" y="${titleY + i * 34}" font-size="28" font-weight="700" fill="#1f2933">${xmlEscape(t)}</text>`
		),
		`<text class="subtitle" x="${pad}" y="${subY}" font-size="18" fill="#52606d">${xmlEscape(input.subtitle)}</text>`
	];
	if (input.demoChip) {
		const chipW = Math.round(input.demoChip.length * 15 * CHAR_EM + 24);
		out.push(
			`<g class="demo-chip"><rect x="${W - pad - chipW}" y="${pad}" width="${chipW}" height="30" rx="15" fill="#fff4d6" stroke="#e9b949"/>`,
			`<text x="${W - pad - chipW / 2}" y="${pad + 20}" font-size="15" text-anchor="middle" fill="#5c3c00">${xmlEscape(input.demoChip)}</text></g>`
		);
	}

	// Axes: value gridlines with labels; period labels under the plot.
	out.push('<g class="axis" font-size="14" fill="#52606d">');
	yTicks.forEach((v, i) => {
		const py = r1(y(v));
		out.push(
			`<line x1="${left}" x2="${right}" y1="${py}" y2="${py}" stroke="#e4e7eb"/>`,
			`<text x="${left - 6}" y="${py + 5}" text-anchor="end">${xmlEscape(tickLabels[i])}</text>`
		);
	});
	const base = r1(y.range()[0]);
	for (const i of axisTicks(periods.length, Math.max(2, Math.floor((right - left) / 130)))) {
		out.push(
			`<text class="period" x="${r1(x(i))}" y="${base + 24}" text-anchor="middle">${xmlEscape(input.periodLabels[i])}</text>`
		);
	}
	out.push('</g>');

	if (input.target) {
		const ty = r1(y(input.target.value));
		out.push(
			`<g class="target"><line x1="${r1(x(input.target.from))}" x2="${right}" y1="${ty}" y2="${ty}" stroke="${TARGET_COLOR}" stroke-width="1.5" stroke-dasharray="2 3"/>`,
			`<text x="${r1(x(input.target.from))}" y="${ty + 18}" font-size="14" fill="${TARGET_COLOR}">${xmlEscape(input.target.label)}</text></g>`
		);
	}

	const single = lines.length === 1;
	for (const l of lines) {
		const at = (i: number) => l.values[i] !== null;
		const path = (defined: (i: number) => boolean) =>
			d3line<number>()
				.defined((i) => at(i) && defined(i))
				.x((i) => r1(x(i)))
				.y((i) => r1(y(l.values[i]!)))(l.values.map((_, i) => i)) ?? '';
		const own = path((i) => !l.harmonised[i]);
		// The summed part reaches the first month of the unit's own, so the line does not break.
		const summed = path((i) => l.harmonised[i] || (i > 0 && l.harmonised[i - 1]));
		const dash = l.dash ? ` stroke-dasharray="${l.dash}"` : '';
		out.push(`<g class="line" data-line="${xmlEscape(l.key)}">`);
		if (own)
			out.push(`<path d="${own}" fill="none" stroke="${l.color}" stroke-width="2.5"${dash}/>`);
		if (summed)
			out.push(
				`<path class="harmonised" d="${summed}" fill="none" stroke="${l.color}" stroke-width="2.5"${l.dash ? `${dash} stroke-opacity="0.5"` : ' stroke-dasharray="7 5"'}/>`
			);
		const radius = periods.length > 48 ? 2.5 : 3.5;
		l.values.forEach((v, i) => {
			if (v === null) return;
			out.push(
				`<circle class="point" data-period="${xmlEscape(periods[i])}" data-value="${v}" cx="${r1(x(i))}" cy="${r1(y(v))}" r="${radius}" fill="${l.low[i] ? '#ffffff' : l.color}" stroke="${l.color}" stroke-width="1.5"><title>${xmlEscape(`${l.label}, ${input.periodLabels[i]}: ${input.formatValue(v)}`)}</title></circle>`
			);
		});
		const last = l.values.findLastIndex((v) => v !== null);
		if (single && last >= 0)
			out.push(
				`<text class="last-value" x="${r1(x(last))}" y="${r1(y(l.values[last]!)) - 12}" font-size="15" font-weight="700" text-anchor="middle" fill="#1f2933">${xmlEscape(input.formatValue(l.values[last]!))}</text>`
			);
		out.push('</g>');
	}

	// Legend: the lines by name (and dash), then what the marks mean.
	const legendX = W - pad - legendW;
	let ly = subY + 40;
	const row = (swatch: string, label: string) => {
		const texts = wrapText(label, Math.floor((legendW - 48) / (15 * CHAR_EM)));
		out.push(
			`<g class="legend-row">${swatch.replaceAll('{y}', String(ly))}`,
			...texts.map(
				(t, k) =>
					`<text class="legend-label" x="${legendX + 44}" y="${ly + 5 + k * 19}" font-size="15" fill="#1f2933">${xmlEscape(t)}</text>`
			),
			'</g>'
		);
		ly += texts.length * 19 + 10;
	};
	const seg = (stroke: string, extra = '') =>
		`<line x1="${legendX}" x2="${legendX + 34}" y1="{y}" y2="{y}" stroke="${stroke}" stroke-width="2.5"${extra}/>`;
	for (const l of lines) row(seg(l.color, l.dash ? ` stroke-dasharray="${l.dash}"` : ''), l.label);
	if (input.keys.harmonised && lines.some((l) => l.harmonised.some(Boolean)))
		row(seg('#52606d', ' stroke-dasharray="7 5"'), input.keys.harmonised);
	if (input.keys.low && lines.some((l) => l.low.some((b, i) => b && l.values[i] !== null)))
		row(
			`<circle cx="${legendX + 17}" cy="{y}" r="4.5" fill="#ffffff" stroke="#52606d" stroke-width="1.5"/>`,
			input.keys.low
		);
	if (input.target && input.keys.target)
		row(seg(TARGET_COLOR, ' stroke-dasharray="2 3"'), input.keys.target);

	footLines.forEach((l, i) =>
		out.push(
			`<text class="footer" x="${pad}" y="${footTop + (i + 1) * (footSize + 5) - 4}" font-size="${footSize}" fill="#52606d">${xmlEscape(l)}</text>`
		)
	);
	out.push('</svg>');
	return out.join('\n');
}
