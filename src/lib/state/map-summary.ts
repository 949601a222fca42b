/**
 * The sentences that say what the map shows (`summary.shown` / `summary.none`) and why it shows
 * nothing (a level gone in that period, a refused query). Pure: given the page's translator.
 */
import type { Locale, MessageKey } from '$lib/i18n';
import { monthInWords } from '$lib/domain/format';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What the map shows: the indicator, period and level, and how many units have a figure. */
export function summaryOf(
	m: Translate,
	view: { indicator: string; period: string; level: string; withData: number; total: number }
): string {
	const { indicator, period, level, withData, total } = view;
	return withData > 0
		? m('summary.shown', { indicator, period, level, withData, total })
		: m('summary.none', { indicator, period, level });
}

/** Why the map shows nothing, or null when it shows figures. */
export function unavailableOf(
	m: Translate,
	unavailable:
		| { reason: 'district_gone' }
		| { reason: 'future'; last: string }
		| { reason: 'query'; message: string }
		| null,
	locale: Locale = 'vi'
): string | null {
	if (!unavailable) return null;
	if (unavailable.reason === 'future')
		return m('notice.noFiguresYet', { last: monthInWords(unavailable.last, locale) });
	return unavailable.reason === 'district_gone'
		? m('notice.districtGone')
		: m('notice.unavailable', { reason: unavailable.message });
}
