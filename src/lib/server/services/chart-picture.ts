/**
 * A chart drawn on the server (`GET /api/v1/chart.svg|png`): one indicator for one unit (the
 * commune page's history) or for up to six (the compare page), from the very rows
 * `/api/v1/series` answers for the same parameters (`seriesFor`), with the texts that say what
 * the picture is in the asked language. Layout: $lib/charts/chart-picture.ts.
 */
import type { Executor } from '../db/index.ts';
import { seriesFor, type SeriesResult } from '../queries/series.ts';
import { isDemo } from '../queries/settings.ts';
import { badRequest } from '../queries/errors.ts';
import { chartPicture, type ChartPictureLine } from '../../charts/chart-picture.ts';
import { MIN_SAMPLE } from '../../domain/confidence.ts';
import { findIndicator } from '../../domain/indicators.ts';
import { formatNumber, formatPeriod, formatValue, type Locale } from '../../domain/format.ts';
import { today } from '../../domain/clock.ts';
import { unitPageUrl } from '../http/download-about.ts';
import { seriesRequest, type SeriesQuery } from '../http/series-request.ts';
import { formatDate, t } from '$lib/i18n';

/** At most this many units on one chart (the compare page's limit). */
export const MAX_CHART_UNITS = 6;

// Okabe–Ito, as the compare page: told apart by most colour-blind readers, and by dash in grey.
const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];

export type ChartPictureRequest = SeriesQuery & {
	/** One unit code, or up to six separated by commas. */
	unit: string;
	at: string;
	lang: Locale;
	origin: string;
};

/** The unit codes of `unit=` (1–6, distinct); a 400 saying what is wrong otherwise. */
export function chartUnits(raw: string): string[] {
	const codes = raw
		.split(',')
		.map((c) => c.trim())
		.filter(Boolean);
	if (codes.length === 0)
		badRequest('Missing "unit": the code of a unit, or up to 6 codes separated by commas');
	if (codes.length > MAX_CHART_UNITS)
		badRequest(`"unit" names ${codes.length} units: a chart shows at most ${MAX_CHART_UNITS}`);
	if (new Set(codes).size !== codes.length) badRequest('"unit" names the same unit twice');
	return codes;
}

/** The chart as an SVG document; 400/404 (QueryError) as `/api/v1/series` would answer. */
export async function chartPictureSvg(db: Executor, request: ChartPictureRequest): Promise<string> {
	const codes = chartUnits(request.unit);
	const series: SeriesResult[] = [];
	// One after another: the store may be a single connection (PGlite).
	for (const unit of codes) series.push(await seriesFor(db, seriesRequest(request, unit)));
	const demo = await isDemo(db);
	const locale = request.lang;
	const m = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
		t(locale, key, params);
	const indicator = findIndicator(series[0].indicator)!;
	const periods = [...new Set(series.flatMap((s) => s.rows.map((r) => r.period)))].sort();
	const lines: ChartPictureLine[] = series.map((s, k) => {
		const byPeriod = new Map(s.rows.map((r) => [r.period, r]));
		return {
			key: s.unit.code,
			label: s.unit.name,
			color: COLORS[k],
			dash: DASHES[k],
			values: periods.map((p) => byPeriod.get(p)?.value ?? null),
			harmonised: periods.map((p) => byPeriod.get(p)?.harmonised ?? false),
			low: periods.map((p) => byPeriod.get(p)?.low_confidence ?? false)
		};
	});
	const unitNames = series.map((s) => s.unit.name).join(', ');
	const span = periods.length
		? `${formatPeriod(periods[0], locale)} – ${formatPeriod(periods.at(-1)!, locale)}`
		: '';
	const single = series.length === 1 ? series[0] : null;
	const target = single?.target ?? null;
	const tick =
		indicator.unit === '%'
			? (v: number) => `${formatNumber(v, locale)}%`
			: (v: number) => formatNumber(v, locale);
	const firstOfTarget = target ? periods.findIndex((p) => p >= String(target.year)) : -1;
	const page = single
		? new URL(unitPageUrl(request.origin, single.unit.code, indicator.code, request.at))
		: new URL(`${request.origin}/compare?units=${codes.join(',')}`);
	if (locale === 'en') page.searchParams.set('lang', 'en');

	return chartPicture({
		width: 1200,
		height: 700,
		title: indicator.name[locale],
		subtitle: [unitNames, span, m(`compare.grain.${series[0].grain}` as 'compare.grain.month')]
			.filter(Boolean)
			.join(' · '),
		label: `${indicator.name[locale]} — ${unitNames}, ${span}`,
		periods,
		periodLabels: periods.map((p) => formatPeriod(p, locale)),
		lines,
		formatTick: tick,
		formatValue: (v) => formatValue(v, indicator.unit, locale),
		ceiling: indicator.unit === '%' || indicator.unit === '0–100' ? 100 : undefined,
		target:
			target && firstOfTarget >= 0
				? {
						value: target.value,
						from: firstOfTarget,
						label: m('history.target', { value: tick(target.value) })
					}
				: null,
		keys: {
			harmonised: m('history.harmonised'),
			low: m('history.legendLow', { n: MIN_SAMPLE }),
			target: target ? m('history.legendTarget', { year: target.year }) : undefined
		},
		footer: [
			`${m('picture.source')}: ${demo ? `${m('demo')} — ${m('demo.note')}` : m('picture.sourceFigures')}`,
			`${m('picture.generated', { date: formatDate(today(), locale) })} · ${page.href}`
		],
		demoChip: demo ? m('demo') : null
	});
}
