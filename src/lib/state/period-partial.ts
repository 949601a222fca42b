/**
 * A period still running when its figures stop says so beside it: "Năm 2026 (đến tháng 11/2026)"
 * / "2026 (to November 2026)", on the map's heading, the area's tiles and the period select.
 */
import { formatPeriod, monthInWords, type Locale } from '$lib/domain/format';
import { parsePeriod } from '$lib/domain/periods';
import { t } from '$lib/i18n';

/** The last month with data inside `period` when the period runs past it; else null. */
export function partialTo(period: string, lastMonth: string | null): string | null {
	const p = parsePeriod(period);
	return p && lastMonth && p.start <= lastMonth && p.end > lastMonth ? lastMonth : null;
}

/** The period in words, with the month its figures reach when `partial` names one. */
export function periodWithPartial(period: string, partial: string | null, locale: Locale): string {
	const text = formatPeriod(period, locale);
	return partial
		? t(locale, 'period.partial', { period: text, month: monthInWords(partial, locale) })
		: text;
}
