/**
 * The catalogue's entries (CONTRACT.md's indicator table as data): name, formula, unit,
 * direction, how the raw counts aggregate and how each scores in a composite. indicators.ts adds
 * each entry's kind and the lookups.
 */
import type { MeasureCode } from './measures.ts';
import type { Aggregation, Indicator, IndicatorCode, IndicatorUnit } from './indicators.ts';

type Def = Omit<Indicator, 'kind'>;

const rate = (
	code: IndicatorCode,
	vi: string,
	en: string,
	aggregation: Aggregation,
	scoring: Indicator['scoring'],
	formula: { vi: string; en: string },
	unit: IndicatorUnit = '%'
): Def => ({ code, name: { vi, en }, formula, unit, better: 'higher', aggregation, scoring });

/** A percentage of one measure over another, summed over the months (flow) or at the end (stock). */
const flow = (numerator: MeasureCode, denominator: MeasureCode): Aggregation => ({
	type: 'flow_ratio',
	numerator,
	denominator,
	scale: 100
});
const stock = (numerator: MeasureCode, denominator: MeasureCode): Aggregation => ({
	type: 'stock_ratio',
	numerator,
	denominator,
	scale: 100
});

export const DEFINITIONS: Def[] = [
	rate(
		'online_uptake',
		'Tỷ lệ hồ sơ trực tuyến',
		'Online filing',
		flow('dossiers_received_online', 'dossiers_received'),
		{ composite: 'service_index', threshold: 50, points: 12 },
		{
			vi: 'Hồ sơ tiếp nhận trực tuyến ÷ hồ sơ tiếp nhận',
			en: 'Dossiers received online ÷ dossiers received'
		}
	),
	rate(
		'on_time_rate',
		'Tỷ lệ giải quyết đúng hạn',
		'Resolved on time',
		flow('dossiers_resolved_on_time', 'dossiers_resolved'),
		{ composite: 'service_index', threshold: 100, points: 20 },
		{
			vi: 'Hồ sơ giải quyết đúng hạn ÷ hồ sơ đã giải quyết',
			en: 'Dossiers resolved on time ÷ dossiers resolved'
		}
	),
	rate(
		'digitization_rate',
		'Tỷ lệ số hóa hồ sơ',
		'Digitisation',
		flow('dossiers_digitized', 'dossiers_received'),
		{ composite: 'service_index', threshold: 80, points: 22 },
		{ vi: 'Hồ sơ được số hóa ÷ hồ sơ tiếp nhận', en: 'Dossiers digitised ÷ dossiers received' }
	),
	rate(
		'online_payment_rate',
		'Tỷ lệ thanh toán trực tuyến',
		'Online payment',
		flow('payments_online', 'payments_total'),
		{ composite: 'service_index', threshold: 80, points: 10 },
		{
			vi: 'Hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí',
			en: 'Paid online ÷ fee-bearing dossiers'
		}
	),
	rate(
		'satisfaction_rate',
		'Mức độ hài lòng',
		'Citizen satisfaction',
		flow('survey_satisfied', 'survey_responses'),
		{ composite: 'service_index', threshold: 90, points: 18 },
		{ vi: 'Lượt hài lòng ÷ lượt đánh giá', en: 'Satisfied responses ÷ survey responses' }
	),
	rate(
		'transparency_rate',
		'Tỷ lệ công khai thủ tục',
		'Procedures published',
		stock('procedures_published', 'procedures_total'),
		{ composite: 'service_index', threshold: 100, points: 18 },
		{
			vi: 'Thủ tục được công khai ÷ tổng số thủ tục (cuối kỳ)',
			en: 'Procedures published ÷ procedures (end of period)'
		}
	),
	{
		code: 'overdue_backlog',
		name: { vi: 'Hồ sơ quá hạn tồn đọng', en: 'Overdue backlog' },
		formula: {
			vi: 'Số hồ sơ đang giải quyết đã quá hạn (cuối kỳ)',
			en: 'Pending dossiers past their deadline (end of period)'
		},
		unit: 'count',
		better: 'lower',
		aggregation: { type: 'stock_sum', measure: 'dossiers_pending_overdue' },
		scoring: null
	},
	{
		code: 'dossier_volume',
		name: { vi: 'Số hồ sơ tiếp nhận', en: 'Dossiers received' },
		formula: { vi: 'Tổng số hồ sơ tiếp nhận trong kỳ', en: 'Dossiers received in the period' },
		unit: 'count',
		better: null,
		aggregation: { type: 'flow_sum', measure: 'dossiers_received' },
		scoring: null
	},
	{
		code: 'dossiers_per_1000',
		name: { vi: 'Hồ sơ trên 1.000 dân', en: 'Dossiers per 1,000 residents' },
		formula: {
			vi: 'Hồ sơ tiếp nhận ÷ dân số × 1.000',
			en: 'Dossiers received ÷ population × 1,000'
		},
		unit: 'per 1,000',
		better: null,
		aggregation: {
			type: 'per_capita',
			numerator: 'dossiers_received',
			denominator: 'population',
			scale: 1000
		},
		scoring: null
	},
	rate(
		'coverage_4g',
		'Tỷ lệ thôn, bản có 4G',
		'Villages with 4G',
		stock('villages_4g', 'villages_total'),
		{ composite: 'infra_index', threshold: 100, points: 20 },
		{ vi: 'Thôn, bản có sóng 4G ÷ tổng số thôn, bản', en: 'Villages with 4G ÷ villages' }
	),
	rate(
		'fiber_coverage',
		'Tỷ lệ thôn, bản có cáp quang',
		'Villages with fibre',
		stock('villages_fiber', 'villages_total'),
		{ composite: 'infra_index', threshold: 100, points: 20 },
		{ vi: 'Thôn, bản có cáp quang ÷ tổng số thôn, bản', en: 'Villages with fibre ÷ villages' }
	),
	rate(
		'digital_skills',
		'Tỷ lệ cán bộ có kỹ năng số',
		'Staff with digital skills',
		stock('staff_digital_trained', 'staff_total'),
		{ composite: 'infra_index', threshold: 100, points: 20 },
		{
			vi: 'Cán bộ được đào tạo kỹ năng số ÷ tổng số cán bộ',
			en: 'Staff trained in digital skills ÷ staff'
		}
	),
	rate(
		'computers_per_staff',
		'Máy tính trên mỗi cán bộ',
		'Computers per staff',
		{ type: 'stock_ratio', numerator: 'computers', denominator: 'staff_total', scale: 1 },
		{ composite: 'infra_index', threshold: 1, points: 20 },
		{ vi: 'Số máy tính ÷ số cán bộ', en: 'Computers ÷ staff' },
		'ratio'
	),
	rate(
		'one_stop_shop',
		'Bộ phận một cửa đạt chuẩn',
		'One-stop shop up to standard',
		{ type: 'unit_share', measure: 'one_stop_shop_standard', scale: 100 },
		{ composite: 'infra_index', threshold: 100, points: 20 },
		{
			vi: 'Số đơn vị có bộ phận một cửa đạt chuẩn ÷ số đơn vị báo cáo',
			en: 'Units with a one-stop shop up to standard ÷ units reporting'
		}
	),
	{
		code: 'service_index',
		name: { vi: 'Chỉ số phục vụ', en: 'Service index' },
		formula: {
			vi: 'Tổng điểm 6 thành phần theo Quyết định 766/QĐ-TTg: công khai 18, đúng hạn 20, trực tuyến 12, thanh toán 10, số hóa 22, hài lòng 18',
			en: 'Points of six components modelled on Decision 766/QĐ-TTg: transparency 18, timeliness 20, online 12, payment 10, digitisation 22, satisfaction 18'
		},
		unit: '0–100',
		better: 'higher',
		aggregation: { type: 'composite', composite: 'service_index' },
		scoring: null
	},
	{
		code: 'infra_index',
		name: { vi: 'Chỉ số hạ tầng số', en: 'Infrastructure index' },
		formula: {
			vi: 'Tổng điểm 5 thành phần, mỗi thành phần 20: 4G, cáp quang, kỹ năng số, máy tính/cán bộ, một cửa đạt chuẩn',
			en: 'Points of five components, 20 each: 4G, fibre, digital skills, computers per staff, one-stop shop'
		},
		unit: '0–100',
		better: 'higher',
		aggregation: { type: 'composite', composite: 'infra_index' },
		scoring: null
	}
];
