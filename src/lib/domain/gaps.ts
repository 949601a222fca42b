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
const NOUNS: Partial<
	Record<IndicatorCode, { vi: string; en: string; one: string; whole: { vi: string; en: string } }>
> = {
	online_uptake: {
		vi: 'hồ sơ trực tuyến',
		en: 'online dossiers',
		one: 'online dossier',
		whole: { vi: 'hồ sơ được nộp trực tuyến', en: 'of dossiers filed online' }
	},
	on_time_rate: {
		vi: 'hồ sơ giải quyết đúng hạn',
		en: 'dossiers resolved on time',
		one: 'dossier resolved on time',
		whole: { vi: 'hồ sơ giải quyết đúng hạn', en: 'of dossiers resolved on time' }
	},
	digitization_rate: {
		vi: 'hồ sơ được số hóa',
		en: 'digitised dossiers',
		one: 'digitised dossier',
		whole: { vi: 'hồ sơ được số hóa', en: 'of dossiers digitised' }
	},
	online_payment_rate: {
		vi: 'hồ sơ thanh toán trực tuyến',
		en: 'online payments',
		one: 'online payment',
		whole: { vi: 'hồ sơ có phí được thanh toán trực tuyến', en: 'of fees paid online' }
	},
	satisfaction_rate: {
		vi: 'lượt đánh giá hài lòng',
		en: 'satisfied responses',
		one: 'satisfied response',
		whole: { vi: 'lượt đánh giá hài lòng', en: 'of responses satisfied' }
	},
	transparency_rate: {
		vi: 'thủ tục được công khai',
		en: 'published procedures',
		one: 'published procedure',
		whole: { vi: 'thủ tục được công khai', en: 'of procedures published' }
	}
};

/** The gap of one component; `points_lost` is 0 and the action says so when it is already full. */
export function explainGap(input: GapInput): Gap {
	const { indicator, numerator, denominator, monthsReported, pointScale } = input;
	if (!indicator.scoring) throw new Error(`${indicator.code} does not score in a composite`);
	const { threshold, points } = indicator.scoring;
	const nouns = NOUNS[indicator.code] ?? {
		vi: indicator.name.vi.toLowerCase(),
		en: indicator.name.en.toLowerCase(),
		one: indicator.name.en.toLowerCase(),
		whole: { vi: indicator.name.vi.toLowerCase(), en: indicator.name.en.toLowerCase() }
	};
	const pts = (x: number, l: 'vi' | 'en') => formatNumber(x, l, x % 1 === 0 ? 0 : 1);
	const pointsEn = `${pts(points, 'en')} ${byCount(points, 'point', 'points')}`;
	if (numerator === null || denominator === null || denominator === 0) {
		return {
			indicator: indicator.code,
			value: null,
			threshold,
			points,
			points_lost: 0,
			needed: null,
			per: null,
			action: {
				vi: `Chưa có số liệu ${indicator.name.vi.toLowerCase()}: báo cáo đủ để được tính ${pts(points, 'vi')} điểm (chỉ số hiện được quy đổi trên các thành phần có số liệu).`,
				en: `No ${indicator.name.en.toLowerCase()} figures: report them to be scored on ${pointsEn} (the index is currently rescaled over the components with data).`
			}
		};
	}
	const value = (numerator / denominator) * 100;
	const earned = Math.min(1, value / threshold) * points;
	const lost = (points - earned) * pointScale;
	const flow = indicator.aggregation.type === 'flow_ratio';
	const shortfall = Math.max(0, Math.ceil((threshold / 100) * denominator - numerator - 1e-9));
	const months = Math.max(1, monthsReported);
	const needed = flow ? Math.ceil(shortfall / months) : shortfall;
	const fv = (l: 'vi' | 'en') => formatValue(value, indicator.unit, l);
	const ft = (l: 'vi' | 'en') => formatValue(threshold, indicator.unit, l);
	if (lost <= 1e-9) {
		return {
			indicator: indicator.code,
			value,
			threshold,
			points,
			points_lost: 0,
			needed: 0,
			per: flow ? 'month' : 'total',
			action: {
				vi: `${fv('vi')} ${nouns.whole.vi}, đạt ngưỡng ${ft('vi')}: đủ ${pts(points, 'vi')} điểm.`,
				en: `${fv('en')} ${nouns.whole.en}, at or above the ${ft('en')} threshold: full ${pointsEn}.`
			}
		};
	}
	const n = (l: 'vi' | 'en') => formatNumber(needed, l, 0);
	// "an 80.0% threshold", "1 more online dossier", "18 more online dossiers".
	const against = `against ${withArticle(`${ft('en')} threshold`)}`;
	const more = `${n('en')} more ${byCount(needed, nouns.one, nouns.en)}`;
	const full = `the full ${pointsEn}`;
	return {
		indicator: indicator.code,
		value,
		threshold,
		points,
		points_lost: lost,
		needed,
		per: flow ? 'month' : 'total',
		action: flow
			? {
					vi: `${fv('vi')} ${nouns.whole.vi}, ngưỡng ${ft('vi')}: thêm ${n('vi')} ${nouns.vi} mỗi tháng sẽ đạt đủ ${pts(points, 'vi')} điểm.`,
					en: `${fv('en')} ${nouns.whole.en} ${against}: ${more} a month would earn ${full}.`
				}
			: {
					vi: `${fv('vi')} ${nouns.whole.vi}, ngưỡng ${ft('vi')}: thêm ${n('vi')} ${nouns.vi} sẽ đạt đủ ${pts(points, 'vi')} điểm.`,
					en: `${fv('en')} ${nouns.whole.en} ${against}: ${more} would earn ${full}.`
				}
	};
}
