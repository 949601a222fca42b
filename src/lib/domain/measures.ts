/**
 * The raw measures of CONTRACT.md. Flows are summed over months; stocks are taken at the last
 * reported month of a period and summed over units. `partOf` names the whole a part never exceeds.
 */
export type MeasureKind = 'flow' | 'stock';

export interface Measure {
	code: MeasureCode;
	kind: MeasureKind;
	partOf: MeasureCode | null;
	name: { vi: string; en: string };
	/** Upper bound for one value, when there is a natural one (0/1 flags). */
	max?: number;
}

export const MEASURE_CODES = [
	'dossiers_received',
	'dossiers_received_online',
	'dossiers_resolved',
	'dossiers_resolved_on_time',
	'dossiers_digitized',
	'payments_total',
	'payments_online',
	'survey_responses',
	'survey_satisfied',
	'dossiers_pending',
	'dossiers_pending_overdue',
	'procedures_total',
	'procedures_published',
	'staff_total',
	'staff_digital_trained',
	'computers',
	'villages_total',
	'villages_4g',
	'villages_fiber',
	'one_stop_shop_standard',
	'population'
] as const;

export type MeasureCode = (typeof MEASURE_CODES)[number];

/** Each measure's position in MEASURE_CODES (the column order of facts rows and wide files). */
export const MEASURE_INDEX = Object.fromEntries(MEASURE_CODES.map((c, i) => [c, i])) as Record<
	MeasureCode,
	number
>;

const m = (
	code: MeasureCode,
	kind: MeasureKind,
	partOf: MeasureCode | null,
	vi: string,
	en: string,
	max?: number
): Measure => ({ code, kind, partOf, name: { vi, en }, ...(max === undefined ? {} : { max }) });

export const MEASURES: readonly Measure[] = [
	m('dossiers_received', 'flow', null, 'Hồ sơ tiếp nhận', 'Dossiers received'),
	m(
		'dossiers_received_online',
		'flow',
		'dossiers_received',
		'Hồ sơ tiếp nhận trực tuyến',
		'Dossiers received online'
	),
	m('dossiers_resolved', 'flow', null, 'Hồ sơ đã giải quyết', 'Dossiers resolved'),
	m(
		'dossiers_resolved_on_time',
		'flow',
		'dossiers_resolved',
		'Hồ sơ giải quyết đúng hạn',
		'Dossiers resolved on time'
	),
	m('dossiers_digitized', 'flow', 'dossiers_received', 'Hồ sơ được số hóa', 'Dossiers digitised'),
	m('payments_total', 'flow', null, 'Hồ sơ có phí, lệ phí', 'Fee-bearing dossiers'),
	m('payments_online', 'flow', 'payments_total', 'Thanh toán trực tuyến', 'Paid online'),
	m('survey_responses', 'flow', null, 'Lượt đánh giá', 'Survey responses'),
	m('survey_satisfied', 'flow', 'survey_responses', 'Lượt hài lòng', 'Satisfied responses'),
	m('dossiers_pending', 'stock', null, 'Hồ sơ đang giải quyết', 'Dossiers pending'),
	m(
		'dossiers_pending_overdue',
		'stock',
		'dossiers_pending',
		'Hồ sơ quá hạn',
		'Pending dossiers overdue'
	),
	m('procedures_total', 'stock', null, 'Thủ tục hành chính', 'Administrative procedures'),
	m(
		'procedures_published',
		'stock',
		'procedures_total',
		'Thủ tục được công khai',
		'Procedures published'
	),
	m('staff_total', 'stock', null, 'Cán bộ, công chức', 'Staff'),
	m(
		'staff_digital_trained',
		'stock',
		'staff_total',
		'Cán bộ có kỹ năng số',
		'Staff trained in digital skills'
	),
	m('computers', 'stock', null, 'Máy tính', 'Computers'),
	m('villages_total', 'stock', null, 'Thôn, bản', 'Villages'),
	m('villages_4g', 'stock', 'villages_total', 'Thôn, bản có sóng 4G', 'Villages with 4G'),
	m('villages_fiber', 'stock', 'villages_total', 'Thôn, bản có cáp quang', 'Villages with fibre'),
	m(
		'one_stop_shop_standard',
		'stock',
		null,
		'Bộ phận một cửa đạt chuẩn',
		'One-stop shop up to standard',
		1
	),
	m('population', 'stock', null, 'Dân số', 'Population')
];

export const MEASURE_BY_CODE: ReadonlyMap<string, Measure> = new Map(
	MEASURES.map((x) => [x.code, x])
);

/** True when `code` names a measure of the catalogue. */
export function isMeasureCode(code: string): code is MeasureCode {
	return MEASURE_BY_CODE.has(code);
}
