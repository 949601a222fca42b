/** The causes of a reconciliation difference, in words (official Decision 766 scores). */
import type { Cause } from '$lib/domain/reconcile';
import { formatMonth, formatNumber, type Locale } from '$lib/domain/format';
import { formatDate, translator } from './index';

/** One cause in the reader's language: "thiếu số liệu: có 2/3 tháng". */
export function causeText(cause: Cause, locale: Locale): string {
	const m = translator(locale);
	switch (cause.kind) {
		case 'missing_months':
			return m('official.cause.missing_months', {
				reported: formatNumber(cause.reported, locale),
				expected: formatNumber(cause.expected, locale)
			});
		case 'merged':
			return m('official.cause.merged', { date: formatDate(cause.date, locale) });
		case 'late_report':
			return m('official.cause.late_report', {
				months: cause.months.map((x) => formatMonth(x, locale)).join(', ')
			});
	}
}

/** The causes of a flagged row, or "cause not known". */
export function causesText(causes: readonly Cause[], locale: Locale): string {
	return causes.length
		? causes.map((c) => causeText(c, locale)).join('; ')
		: translator(locale)('official.cause.unknown');
}

/** A score in points, vi-VN style, two decimals at most; a difference with its sign. */
export function pointsText(x: number | null, locale: Locale, signed = false): string {
	if (x === null) return '–';
	const text = formatNumber(Math.abs(x), locale, 2);
	return signed && x !== 0 ? `${x > 0 ? '+' : '−'}${text}` : x < 0 ? `−${text}` : text;
}
