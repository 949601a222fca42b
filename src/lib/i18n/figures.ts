/**
 * A figure in words for people: the value in its unit, and the counts behind it with their
 * noun ("1.234/1.250 hồ sơ", "45 máy tính / 40 cán bộ"), so every rate shows its sample size.
 */
import { formatNumber, formatValue, type Locale } from '$lib/domain/format';
import type { Indicator, IndicatorCode } from '$lib/domain/indicators';

type Noun = { vi: string; en: string };

const DOSSIERS: Noun = { vi: 'hồ sơ', en: 'dossiers' };
const VILLAGES: Noun = { vi: 'thôn, bản', en: 'villages' };

/** Noun of the counts of each indicator; `per` when the denominator counts something else. */
const NOUNS: Record<IndicatorCode, { of: Noun; per?: Noun } | null> = {
	online_uptake: { of: DOSSIERS },
	on_time_rate: { of: DOSSIERS },
	digitization_rate: { of: DOSSIERS },
	online_payment_rate: { of: DOSSIERS },
	satisfaction_rate: { of: { vi: 'lượt đánh giá', en: 'responses' } },
	transparency_rate: { of: { vi: 'thủ tục', en: 'procedures' } },
	overdue_backlog: { of: DOSSIERS },
	dossier_volume: { of: DOSSIERS },
	dossiers_per_1000: { of: DOSSIERS, per: { vi: 'dân', en: 'residents' } },
	coverage_4g: { of: VILLAGES },
	fiber_coverage: { of: VILLAGES },
	digital_skills: { of: { vi: 'cán bộ', en: 'staff' } },
	computers_per_staff: {
		of: { vi: 'máy tính', en: 'computers' },
		per: { vi: 'cán bộ', en: 'staff' }
	},
	one_stop_shop: { of: { vi: 'đơn vị', en: 'units' } },
	service_index: null,
	infra_index: null
};

/** The value in its unit; a count carries its noun (`12.122 hồ sơ`). */
export function formatFigure(value: number | null, indicator: Indicator, locale: Locale): string {
	const text = formatValue(value, indicator.unit, locale);
	const noun = NOUNS[indicator.code];
	if (value === null || indicator.kind !== 'count' || !noun) return text;
	return `${text} ${noun.of[locale]}`;
}

/**
 * The counts behind a rate: `1.234/1.250 hồ sơ`, or `45 máy tính / 40 cán bộ` when the two
 * count different things; null when there are none (composites, counts, missing figures).
 */
export function formatCounts(
	numerator: number | null,
	denominator: number | null,
	indicator: Indicator,
	locale: Locale
): string | null {
	const noun = NOUNS[indicator.code];
	if (!noun || indicator.kind !== 'rate' || numerator === null || denominator === null) return null;
	const n = formatNumber(numerator, locale, 0);
	const d = formatNumber(denominator, locale, 0);
	return noun.per
		? `${n} ${noun.of[locale]} / ${d} ${noun.per[locale]}`
		: `${n}/${d} ${noun.of[locale]}`;
}

const UNIT_TYPES: Record<string, string> = {
	Tỉnh: 'Province',
	'Thành phố': 'City',
	Huyện: 'District',
	'Thị xã': 'Town',
	Xã: 'Commune',
	Phường: 'Ward',
	'Thị trấn': 'Township'
};

/** A unit type as the store names it (`Xã`, `Phường` …), in English when asked. */
export function unitType(type: string, locale: Locale): string {
	return locale === 'en' ? (UNIT_TYPES[type] ?? type) : type;
}
