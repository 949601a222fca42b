/**
 * An indicator of the catalogue (domain/indicators.ts) explained in words: its formula in the
 * names of the raw measures, its unit, its direction and its threshold. Built from the catalogue
 * itself, so the methodology page and the "About" part of every download can never disagree
 * with the figures (no second copy of a number).
 */
import { formatNumber, type Locale } from '$lib/domain/format';
import type { Better, Indicator, IndicatorUnit } from '$lib/domain/indicators';
import { MEASURE_BY_CODE, type MeasureCode } from '$lib/domain/measures';

type Text = { vi: string; en: string };

/** A measure's name inside a sentence: its first letter in lower case (`hồ sơ tiếp nhận`, `4G` kept). */
function measureName(code: MeasureCode, locale: Locale): string {
	const name = MEASURE_BY_CODE.get(code)?.name[locale] ?? code;
	return name.charAt(0).toLowerCase() + name.slice(1);
}

const times = (scale: number, locale: Locale) =>
	scale === 1 ? '' : ` × ${formatNumber(scale, locale)}`;

/**
 * How the figure is computed from raw monthly counts, in the measures' names, with the rule of
 * aggregation over months and units (CONTRACT.md): flows are summed over the months where both
 * counts are reported; stocks are taken at the last such month of each unit, then summed.
 */
export function formulaText(indicator: Indicator, locale: Locale): string {
	const a = indicator.aggregation;
	const vi = locale === 'vi';
	switch (a.type) {
		case 'flow_ratio': {
			const [n, d] = [measureName(a.numerator, locale), measureName(a.denominator, locale)];
			return vi
				? `Σ ${n} ÷ Σ ${d}${times(a.scale, locale)}, cộng trên các tháng có báo cáo cả hai số.`
				: `Σ ${n} ÷ Σ ${d}${times(a.scale, locale)}, summed over the months in which both are reported.`;
		}
		case 'stock_ratio': {
			const [n, d] = [measureName(a.numerator, locale), measureName(a.denominator, locale)];
			return vi
				? `${n} ÷ ${d}${times(a.scale, locale)}, lấy ở tháng cuối cùng trong kỳ có báo cáo cả hai số của từng đơn vị, rồi cộng các đơn vị.`
				: `${n} ÷ ${d}${times(a.scale, locale)}, each unit's last month of the period in which both are reported, summed over units.`;
		}
		case 'per_capita': {
			const [n, d] = [measureName(a.numerator, locale), measureName(a.denominator, locale)];
			return vi
				? `Σ ${n} ÷ ${d} (tháng cuối có báo cáo)${times(a.scale, locale)}.`
				: `Σ ${n} ÷ ${d} (last month reported)${times(a.scale, locale)}.`;
		}
		case 'flow_sum':
			return vi
				? `Σ ${measureName(a.measure, locale)} của các tháng trong kỳ.`
				: `Σ ${measureName(a.measure, locale)} over the months of the period.`;
		case 'stock_sum':
			return vi
				? `${measureName(a.measure, locale)} ở tháng cuối có báo cáo của từng đơn vị, cộng các đơn vị.`
				: `${measureName(a.measure, locale)} at each unit's last reported month, summed over units.`;
		case 'unit_share':
			return vi
				? `Số đơn vị báo cáo “${measureName(a.measure, locale)}” = 1 ÷ số đơn vị có báo cáo${times(a.scale, locale)}.`
				: `Units reporting “${measureName(a.measure, locale)}” = 1 ÷ units reporting it${times(a.scale, locale)}.`;
		case 'composite':
			return vi
				? 'Σ điểm đạt của các thành phần có số liệu ÷ Σ điểm tối đa của các thành phần đó × 100.'
				: 'Σ points earned by the components with a value ÷ Σ their maximum points × 100.';
	}
}

const UNITS: Record<IndicatorUnit, Text> = {
	'%': { vi: 'phần trăm (%)', en: 'percent (%)' },
	count: { vi: 'số lượng', en: 'count' },
	'per 1,000': { vi: 'trên 1.000 dân', en: 'per 1,000 residents' },
	ratio: { vi: 'tỷ số', en: 'ratio' },
	'0–100': { vi: 'điểm, từ 0 đến 100', en: 'points, 0 to 100' }
};

/** The unit in words: `phần trăm (%)` / `percent (%)`. */
export function unitText(unit: IndicatorUnit, locale: Locale): string {
	return UNITS[unit][locale];
}

const DIRECTIONS: Record<'higher' | 'lower' | 'none', Text> = {
	higher: { vi: 'cao hơn là tốt hơn', en: 'higher is better' },
	lower: { vi: 'thấp hơn là tốt hơn', en: 'lower is better' },
	none: { vi: 'không có chiều tốt hơn (chỉ cho biết quy mô)', en: 'neither (it describes volume)' }
};

/** Which way is better: `cao hơn là tốt hơn` / `higher is better`. */
export function directionText(better: Better, locale: Locale): string {
	return DIRECTIONS[better ?? 'none'][locale];
}

/** A threshold in the indicator's unit, as few digits as it has: `50%`, `1`. */
export function thresholdText(threshold: number, unit: IndicatorUnit, locale: Locale): string {
	return `${formatNumber(threshold, locale)}${unit === '%' ? '%' : ''}`;
}
