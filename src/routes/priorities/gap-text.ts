/**
 * A gap in words for the planners' page: what it costs ("Tỷ lệ giải quyết đúng hạn: mất 3,1
 * điểm") and what wins it back in counts ("Thêm 12 hồ sơ đúng hạn mỗi tháng sẽ được thêm 3,1
 * điểm."). The engine's own action (domain/gaps.ts) is shown beside it.
 */
import { formatNumber, formatValue } from '$lib/domain/format';
import { findIndicator, type IndicatorCode } from '$lib/domain/indicators';
import { t, type Locale, type MessageKey } from '$lib/i18n';

export interface GapLike {
	indicator: IndicatorCode;
	value: number | null;
	points_lost: number;
	needed: number | null;
	per: 'month' | 'total' | null;
}

/** Points of the index, one decimal, never shown as 0,0 when some are at stake. */
export const formatPoints = (x: number | null, locale: Locale) => formatValue(x, '0–100', locale);

/** The heading of a gap: its component and the points it loses (or that it has no figure). */
export function gapHeading(gap: GapLike, locale: Locale): string {
	const indicator = findIndicator(gap.indicator)!.name[locale];
	return gap.value === null
		? t(locale, 'priorities.gapNoFigure', { indicator })
		: t(locale, 'priorities.gap', { indicator, points: formatPoints(gap.points_lost, locale) });
}

/** "N more … (a month) would add P points", or null when the gap has no count to name. */
export function gapGain(gap: GapLike, locale: Locale): string | null {
	if (gap.value === null || gap.needed === null || gap.per === null || gap.points_lost <= 0)
		return null;
	return t(locale, `priorities.gain.${gap.per}`, {
		n: formatNumber(gap.needed, locale, 0),
		// English says "1 more dossier", "2 more dossiers"; Vietnamese nouns do not change.
		noun: t(
			locale,
			`priorities.${gap.needed === 1 ? 'nounOne' : 'noun'}.${gap.indicator}` as MessageKey
		),
		points: formatPoints(gap.points_lost, locale)
	});
}
