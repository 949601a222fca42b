/**
 * The map of a view drawn on the server (`GET /api/v1/map.svg|png`, the Open Graph card of each
 * page): the same figures as `/api/v1/values` for the same parameters (`valuesFor`), the same
 * classes and colours as the page's map (`choroplethOf`), the shapes of the units, and the texts
 * that say what the picture is, in the asked language. Layout: $lib/geo/map-picture.ts.
 */
import type { Executor } from '../db/index.ts';
import { valuesFor, type ValueRow } from '../queries/values.ts';
import { shapesOf } from '../queries/geometry.ts';
import { isDemo } from '../queries/settings.ts';
import { resolveUnit, type Level } from '../queries/units.ts';
import { QueryError, badRequest } from '../queries/errors.ts';
import { mapPicture, type PictureLegendRow } from '../../geo/map-picture.ts';
import type { ShapeInput } from '../../geo/svg-map.ts';
import { choroplethOf, formatBreak, NO_DATA_COLOR, type LegendClass } from '$lib/state/choropleth';
import { parseClassing } from '$lib/state/picture-links';
import { mapPageUrl } from '../http/download-about.ts';
import { confidenceApplies, MIN_SAMPLE } from '../../domain/confidence.ts';
import { findIndicator, type Indicator } from '../../domain/indicators.ts';
import { formatNumber, formatPeriod, type Locale } from '../../domain/format.ts';
import { lastDay, parsePeriod } from '../../domain/periods.ts';
import { today } from '../../domain/clock.ts';
import type { ClassChoice } from '../../state/map-view.ts';
import { attributionLine, formatDate, t } from '$lib/i18n';
import { formatFigure } from '$lib/i18n/figures';

/** Picture sizes: the default (to download and print) and the Open Graph card (1200 × 630). */
export const PICTURE_SIZES = { default: [1200, 900], og: [1200, 630] } as const;
export type PictureSize = keyof typeof PICTURE_SIZES;

export interface MapPictureRequest {
	indicator: string;
	period: string;
	level: Level;
	parent: string | null;
	asOf: string | null;
	classes: string | null;
	lang: Locale;
	size: PictureSize;
	/** The site's origin, for the address printed under the map. */
	origin: string;
}

/** What a drawing of a view needs: its figures, shapes, classing and what to say about them. */
export interface ViewDrawing {
	indicator: Indicator;
	period: string;
	level: Level;
	asOf: string | null;
	rows: Omit<ValueRow, 'components'>[];
	shapes: ShapeInput[];
	sources: string[];
	demo: boolean;
	parentName: string | null;
	classing: ClassChoice | undefined;
}

/**
 * The figures (as `/api/v1/values` gives them for the same parameters) and shapes of a view;
 * 400/404 (QueryError) as the values API would answer, and for an unusable `classes`.
 */
export async function viewDrawing(
	db: Executor,
	request: Omit<MapPictureRequest, 'lang' | 'size' | 'origin'>
): Promise<ViewDrawing> {
	let classing: ReturnType<typeof parseClassing>;
	try {
		classing = parseClassing(request.classes);
	} catch (error) {
		badRequest((error as Error).message);
	}
	const values = await valuesFor(db, {
		indicator: request.indicator,
		period: request.period,
		level: request.level,
		parent: request.parent,
		asOf: request.asOf
	});
	const [shapes, demo, parentName] = await Promise.all([
		shapesOf(db, values.unitIds),
		isDemo(db),
		request.parent ? nameOf(db, request.parent, values.as_of ?? lastDayOf(values.period)) : null
	]);
	const rows = values.rows.map(({ components: _components, ...row }) => row);
	return {
		indicator: findIndicator(values.indicator)!,
		period: values.period,
		level: values.level,
		asOf: values.as_of,
		rows,
		shapes: values.unitIds.map((id, k) => ({
			code: rows[k].unit_code,
			geometry: (shapes.get(id)?.geometry ?? null) as ShapeInput['geometry']
		})),
		sources: [...new Set([...shapes.values()].flatMap((s) => s.source ?? []))].sort(),
		demo,
		parentName,
		classing: classing ?? undefined
	};
}

/** The picture as an SVG document; 400/404 (QueryError) as `/api/v1/values` would answer. */
export async function mapPictureSvg(db: Executor, request: MapPictureRequest): Promise<string> {
	const drawing = await viewDrawing(db, request);
	const { indicator, rows, demo, parentName, sources } = drawing;
	const locale = request.lang;
	const m = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
		t(locale, key, params);
	const choropleth = choroplethOf(rows, indicator, drawing.classing);
	const periodText = formatPeriod(drawing.period, locale);
	const subtitle = [
		periodText,
		m(`level.${drawing.level}`),
		parentName,
		drawing.asOf ? m('controls.asOf', { date: formatDate(drawing.asOf, locale) }) : null
	]
		.filter(Boolean)
		.join(' · ');
	const [width, height] = PICTURE_SIZES[request.size];
	// Where the picture's view is shown: an area's communes on the area's page, else the map.
	const page = new URL(
		request.parent && drawing.level === 'commune'
			? `${request.origin}/areas/${encodeURIComponent(request.parent)}?period=${drawing.period}&indicator=${indicator.code}`
			: mapPageUrl(request.origin, {
					indicator: indicator.code,
					period: drawing.period,
					level: drawing.level,
					as_of: drawing.asOf
				})
	);
	if (locale === 'en') page.searchParams.set('lang', 'en');
	return mapPicture({
		width,
		height,
		title: indicator.name[locale],
		subtitle,
		label: m('map.label', { indicator: indicator.name[locale], period: periodText }),
		shapes: drawing.shapes,
		titles: new Map(
			rows.map((r) => [r.unit_code, `${r.unit_name}: ${formatFigure(r.value, indicator, locale)}`])
		),
		fills: choropleth.fills,
		noDataColor: NO_DATA_COLOR,
		lowConfidence: choropleth.lowConfidence,
		legendTitle: m('legend.title'),
		legend: legendRows(indicator, choropleth.classes, choropleth, locale),
		legendNote:
			choropleth.classes.length > 0
				? m(
						`legend.darker.${indicator.better === 'higher' ? 'higher' : indicator.better === 'lower' ? 'lower' : 'none'}`
					)
				: '',
		footer: [
			`${m('picture.source')}: ${demo ? `${m('demo')} — ${m('demo.note')}` : m('picture.sourceFigures')}`,
			[m('attr.codes'), ...sources.map((s) => attributionLine(s, locale))].join(' · '),
			`${m('picture.generated', { date: formatDate(today(), locale) })} · ${page.href}`
		],
		demoChip: demo ? m('demo') : null
	});
}

/** The legend as the page's Legend.svelte writes it: classes (highest first), no data, low confidence. */
function legendRows(
	indicator: Indicator,
	classes: LegendClass[],
	choropleth: { noDataCount: number; lowConfidence: Set<string> },
	locale: Locale
): PictureLegendRow[] {
	const fmt = (x: number) => formatBreak(x, indicator.unit, locale);
	const range = (c: LegendClass) =>
		c.from === null && c.to === null
			? ''
			: c.from === null
				? t(locale, 'legend.below', { x: fmt(c.to!) })
				: c.to === null
					? t(locale, 'legend.from', { x: fmt(c.from) })
					: t(locale, 'legend.range', { a: fmt(c.from), b: fmt(c.to) });
	const rows: PictureLegendRow[] = [...classes].reverse().map((c) => ({
		color: c.color,
		label: [c.band ? t(locale, `band.${c.band}`) : null, range(c)].filter(Boolean).join(' '),
		count: formatNumber(c.count, locale)
	}));
	rows.push({
		color: NO_DATA_COLOR,
		label: t(locale, 'legend.noData'),
		count: formatNumber(choropleth.noDataCount, locale),
		swatch: 'hatch'
	});
	if (confidenceApplies(indicator))
		rows.push({
			color: '#ffffff',
			label: t(locale, 'legend.lowConfidence', { n: MIN_SAMPLE }),
			count: formatNumber(choropleth.lowConfidence.size, locale),
			swatch: 'striped'
		});
	return rows;
}

function lastDayOf(period: string): string {
	return lastDay(parsePeriod(period)!.end);
}

/** The name of the parent unit on `day`, or its code when it cannot be resolved then. */
async function nameOf(db: Executor, code: string, day: string): Promise<string> {
	try {
		return (await resolveUnit(db, code, day)).name;
	} catch (error) {
		if (error instanceof QueryError) return code;
		throw error;
	}
}
