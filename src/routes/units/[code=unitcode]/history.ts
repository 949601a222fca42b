/**
 * The commune page's history chart, in words and numbers: series rows → chart points, axis
 * labels, the bounded December projection and the summary a screen reader hears. Pure; the
 * page and its tests share it.
 */
import type { MonthPoint } from '$lib/components/charts/types';
import { formatMonth, formatNumber, formatValue, type Locale } from '$lib/domain/format';
import type { Indicator, IndicatorUnit } from '$lib/domain/indicators';
import { MIN_SAMPLE } from '$lib/domain/confidence';
import type { Trend } from '$lib/domain/trend';
import { t } from '$lib/i18n';

/** One month of `seriesFor` as the page receives it. */
export interface HistoryRow {
	period: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	harmonised: boolean;
	low_confidence: boolean;
}

/** The rows as chart points. */
export function monthPoints(rows: readonly HistoryRow[]): MonthPoint[] {
	return rows.map((r) => ({
		month: r.period,
		value: r.value,
		lowConfidence: r.value !== null && r.low_confidence,
		harmonised: r.harmonised
	}));
}

/** Axis and rule labels: as few decimals as the value needs (`50%`, `0,75`, `1.200`). */
export function tickFormat(unit: IndicatorUnit, locale: Locale): (value: number) => string {
	return unit === '%' ? (v) => `${formatNumber(v, locale)}%` : (v) => formatNumber(v, locale);
}

/** The most an indicator can take, where it has a bound. */
export function ceilingOf(unit: IndicatorUnit): number | undefined {
	return unit === '%' || unit === '0–100' ? 100 : undefined;
}

/** A straight-line projection kept within what the indicator can take (no 104% uptake). */
export function boundedProjection(projected: number, unit: IndicatorUnit): number {
	const ceiling = ceilingOf(unit);
	return Math.max(0, ceiling === undefined ? projected : Math.min(ceiling, projected));
}

/** A month inside a sentence: `tháng 6/2025` / `Jun 2025`. */
export function monthInText(month: string, locale: Locale): string {
	const text = formatMonth(month, locale);
	return locale === 'vi' ? text.toLowerCase() : text;
}

/** The trend sentence after its status: "nếu giữ đà này, tháng 12/2026 đạt khoảng 81,9% …". */
export function projectionText(
	trend: Trend,
	year: number,
	indicator: Indicator,
	locale: Locale
): string {
	return t(locale, 'history.projected', {
		year,
		projected: formatValue(
			boundedProjection(trend.projected, indicator.unit),
			indicator.unit,
			locale
		),
		target: tickFormat(indicator.unit, locale)(trend.target)
	});
}

export interface HistorySummary {
	indicator: Indicator;
	unitName: string;
	rows: readonly HistoryRow[];
	target: { year: number; value: number } | null;
	/** Shown only while the unit exists; null otherwise. */
	trend: Trend | null;
	locale: Locale;
}

/**
 * A unit's monthly line chart as the unit page and the embedded chart both draw it: its summary
 * in words, points, axis labels, value format and ceiling (the LineChart's props but its id,
 * title and rules).
 */
export function historyChart(s: HistorySummary) {
	const { unit } = s.indicator;
	return {
		desc: describeHistory(s),
		points: monthPoints(s.rows),
		formatTick: tickFormat(unit, s.locale),
		formatValue: (v: number) => formatValue(v, unit, s.locale),
		ceiling: ceilingOf(unit)
	};
}

/** What the chart shows, in sentences: range, first and last values, gaps, target, trend. */
export function describeHistory(s: HistorySummary): string {
	const { indicator, locale, rows } = s;
	const value = (v: number) => formatValue(v, indicator.unit, locale);
	const withValue = rows.filter((r) => r.value !== null);
	const from = rows.length ? monthInText(rows[0].period, locale) : '';
	const to = rows.length ? monthInText(rows[rows.length - 1].period, locale) : '';
	const base = { indicator: indicator.name[locale], unit: s.unitName, from, to };
	if (withValue.length === 0) return t(locale, 'history.descEmpty', base);
	const first = withValue[0];
	const last = withValue[withValue.length - 1];
	const sentences = [
		t(locale, 'history.desc', {
			...base,
			first: value(first.value!),
			firstMonth: monthInText(first.period, locale),
			last: value(last.value!),
			lastMonth: monthInText(last.period, locale)
		})
	];
	const summedUntil = rows.findLast((r) => r.harmonised);
	if (summedUntil)
		sentences.push(
			t(locale, 'history.descHarmonised', { month: monthInText(summedUntil.period, locale) })
		);
	const gaps = rows.length - withValue.length;
	if (gaps > 0) sentences.push(t(locale, 'history.descGaps', { n: gaps }));
	const low = withValue.filter((r) => r.low_confidence).length;
	if (low > 0) sentences.push(t(locale, 'history.descLow', { n: low, min: MIN_SAMPLE }));
	if (s.target)
		sentences.push(
			t(locale, 'history.descTarget', {
				year: s.target.year,
				value: tickFormat(indicator.unit, locale)(s.target.value)
			})
		);
	if (s.trend && s.target)
		sentences.push(
			`${t(locale, 'history.trend')}: ${t(locale, `trend.${s.trend.status}`)}; ${projectionText(s.trend, s.target.year, indicator, locale)}`
		);
	return sentences.join(' ');
}
