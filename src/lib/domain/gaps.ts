/**
 * Explains, in plain words and in counts, what a unit must do to earn a service-index component's
 * full points: "32% of dossiers filed online against a 50% threshold: 14 more online dossiers a
 * month would earn the full 12 points". Pure: numbers in, sentences out (Vietnamese and English).
 */
import type { Indicator, IndicatorCode } from './indicators.ts';
import { formatNumber, formatValue } from './format.ts';
import { byCount, withArticle } from './english.ts';

export interface GapInput {
	indicator: Indicator;
	/** Raw counts behind the rate over the period (null when not reported). */
	numerator: number | null;
	denominator: number | null;
	/** Months the rate's parts were reported (flows are spread over them). */
	monthsReported: number;
	/** Share of the index one point of this component is worth after rescaling (100 ÷ Σ points with a value). */
	pointScale: number;
}

export interface Gap {
	indicator: IndicatorCode;
	value: number | null;
	threshold: number;
	points: number;
	/** Points of the (rescaled) index lost on this component. */
	points_lost: number;
	/** Extra counts needed for full points: per month for flows, in total for stocks. */
	needed: number | null;
	per: 'month' | 'total' | null;
	action: { vi: string; en: string };
}

/**
 * Nouns for the counts of each component: Vietnamese (no plural), English plural (`en`) and
 * singular (`one`, for a count of exactly 1).
 */
type Nouns = { vi: string; en: string; one: string; whole: { vi: string; en: string } };

/** The nouns of one component; its Vietnamese "whole" phrase is the count's noun unless given. */
const nouns = (vi: string, en: string, one: string, wholeEn: string, wholeVi = vi): Nouns => ({
	vi,
	en,
	one,
	whole: { vi: wholeVi, en: wholeEn }
});

const NOUNS: Partial<Record<IndicatorCode, Nouns>> = {
	online_uptake: nouns(
		'hồ sơ trực tuyến',
		'online dossiers',
		'online dossier',
		'of dossiers filed online',
		'hồ sơ được nộp trực tuyến'
	),
	on_time_rate: nouns(
		'hồ sơ giải quyết đúng hạn',
		'dossiers resolved on time',
		'dossier resolved on time',
		'of dossiers resolved on time'
	),
	digitization_rate: nouns(
		'hồ sơ được số hóa',
		'digitised dossiers',
		'digitised dossier',
		'of dossiers digitised'
	),
	online_payment_rate: nouns(
		'hồ sơ thanh toán trực tuyến',
		'online payments',
		'online payment',
		'of fees paid online',
		'hồ sơ có phí được thanh toán trực tuyến'
	),
	satisfaction_rate: nouns(
		'lượt đánh giá hài lòng',
		'satisfied responses',
		'satisfied response',
		'of responses satisfied'
	),
	transparency_rate: nouns(
		'thủ tục được công khai',
		'published procedures',
		'published procedure',
		'of procedures published'
	)
};

/** The gap of one component; `points_lost` is 0 and the action says so when it is already full. */
export function explainGap(input: GapInput): Gap {
	const { indicator, numerator, denominator, monthsReported, pointScale } = input;
	if (!indicator.scoring) throw new Error(`${indicator.code} does not score in a composite`);
	const { threshold, points } = indicator.scoring;
	const flow = indicator.aggregation.type === 'flow_ratio';
	const name = { vi: indicator.name.vi.toLowerCase(), en: indicator.name.en.toLowerCase() };
	const words = NOUNS[indicator.code] ?? nouns(name.vi, name.en, name.en, name.en);
	const gap = (
		value: number | null,
		points_lost: number,
		needed: number | null,
		action: Gap['action']
	): Gap => ({
		indicator: indicator.code,
		value,
		threshold,
		points,
		points_lost,
		needed,
		per: needed === null ? null : flow ? 'month' : 'total',
		action
	});
	const pts = (x: number, l: 'vi' | 'en') => formatNumber(x, l, x % 1 === 0 ? 0 : 1);
	const pointsEn = `${pts(points, 'en')} ${byCount(points, 'point', 'points')}`;
	if (numerator === null || denominator === null || denominator === 0) {
		return gap(null, 0, null, {
			vi: `Chưa có số liệu ${name.vi}: báo cáo đủ để được tính ${pts(points, 'vi')} điểm (chỉ số hiện được quy đổi trên các thành phần có số liệu).`,
			en: `No ${name.en} figures: report them to be scored on ${pointsEn} (the index is currently rescaled over the components with data).`
		});
	}
	const value = (numerator / denominator) * 100;
	const earned = Math.min(1, value / threshold) * points;
	const lost = (points - earned) * pointScale;
	const shortfall = Math.max(0, Math.ceil((threshold / 100) * denominator - numerator - 1e-9));
	const months = Math.max(1, monthsReported);
	const needed = flow ? Math.ceil(shortfall / months) : shortfall;
	const fv = (l: 'vi' | 'en') => formatValue(value, indicator.unit, l);
	const ft = (l: 'vi' | 'en') => formatValue(threshold, indicator.unit, l);
	if (lost <= 1e-9) {
		return gap(value, 0, 0, {
			vi: `${fv('vi')} ${words.whole.vi}, đạt ngưỡng ${ft('vi')}: đủ ${pts(points, 'vi')} điểm.`,
			en: `${fv('en')} ${words.whole.en}, at or above the ${ft('en')} threshold: full ${pointsEn}.`
		});
	}
	const n = (l: 'vi' | 'en') => formatNumber(needed, l, 0);
	// "an 80.0% threshold", "1 more online dossier", "18 more online dossiers".
	const against = `against ${withArticle(`${ft('en')} threshold`)}`;
	const more = `${n('en')} more ${byCount(needed, words.one, words.en)}`;
	const full = `the full ${pointsEn}`;
	const monthly = flow ? { vi: ' mỗi tháng', en: ' a month' } : { vi: '', en: '' };
	return gap(value, lost, needed, {
		vi: `${fv('vi')} ${words.whole.vi}, ngưỡng ${ft('vi')}: thêm ${n('vi')} ${words.vi}${monthly.vi} sẽ đạt đủ ${pts(points, 'vi')} điểm.`,
		en: `${fv('en')} ${words.whole.en} ${against}: ${more}${monthly.en} would earn ${full}.`
	});
}
