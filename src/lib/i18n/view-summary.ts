/**
 * The plain-language sentence above the map, in Vietnamese or English, from the facts of the
 * view (domain/view-summary.ts): "Năm 2025, 31 trên 38 xã, phường của Lai Châu có tỷ lệ giải
 * quyết đúng hạn từ 100% trở lên; Xã Mường Than đứng đầu (100%), Xã Pa Tần đứng cuối (91,2%)."
 */
import { formatPeriod, formatValue } from '$lib/domain/format';
import type { Indicator } from '$lib/domain/indicators';
import type { RankEnd, ViewFacts } from '$lib/domain/view-summary';
import type { Level } from '$lib/state/map-view';
import { formatBreak } from '$lib/state/choropleth';
import { t, type Locale } from './index';

export interface SentenceView {
	indicator: Indicator;
	period: string;
	level: Level;
	/** The area the units are in (the province), when they are all in one. */
	place: string | null;
}

/** The sentence saying what a view shows, or null when there is nothing to say. */
export function viewSentence(facts: ViewFacts, view: SentenceView, locale: Locale): string | null {
	const { indicator } = view;
	const periodText = formatPeriod(view.period, locale);
	const common = {
		period: locale === 'vi' ? periodText[0].toUpperCase() + periodText.slice(1) : periodText,
		indicator:
			locale === 'vi'
				? indicator.name.vi[0].toLowerCase() + indicator.name.vi.slice(1)
				: indicator.name.en,
		units: t(locale, `sentence.units.${view.level}`),
		place: view.place ? t(locale, 'sentence.place', { place: view.place }) : ''
	};
	const value = (x: number) => formatValue(x, indicator.unit, locale);
	const names = (end: RankEnd) => {
		const and = t(locale, 'sentence.and');
		return end.names.length === 1
			? end.names[0]
			: `${end.names.slice(0, -1).join(', ')}${and}${end.names.at(-1)}`;
	};

	switch (facts.kind) {
		case 'none':
			return null;
		case 'one':
			return facts.name
				? t(locale, 'sentence.one', { ...common, name: facts.name, value: value(facts.value) })
				: null;
		case 'threshold':
		case 'bands':
		case 'range': {
			let main: string;
			if (facts.kind === 'threshold') {
				main = t(locale, 'sentence.threshold', {
					...common,
					reaching: facts.reaching,
					total: facts.total,
					threshold: formatBreak(facts.threshold, indicator.unit, locale)
				});
			} else if (facts.kind === 'bands') {
				const list = facts.bands
					.map((b) => `${b.count} ${t(locale, `band.${b.band}`).toLowerCase()}`)
					.join(', ');
				main = t(locale, 'sentence.bands', { ...common, total: facts.total, list });
			} else {
				main = t(locale, 'sentence.range', {
					...common,
					withData: facts.withData,
					total: facts.total
				});
			}
			const missing = facts.total - facts.withData;
			if (missing > 0 && facts.kind !== 'range')
				main += t(locale, 'sentence.noData', { n: missing });
			const ordered = indicator.better !== null;
			const ends = [
				facts.first &&
					t(locale, ordered ? 'sentence.first' : 'sentence.highest', {
						names: names(facts.first),
						value: value(facts.first.value)
					}),
				facts.last &&
					t(locale, ordered ? 'sentence.last' : 'sentence.lowest', {
						names: names(facts.last),
						value: value(facts.last.value)
					})
			].filter(Boolean);
			return ends.length ? `${main}; ${ends.join(', ')}.` : `${main}.`;
		}
	}
}
