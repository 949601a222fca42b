/**
 * Biểu số II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP): "Tình hình, kết quả giải quyết TTHC tại
 * cơ quan, đơn vị trực tiếp giải quyết TTHC". What each column is (by its heading's words, never
 * its position: provinces order them differently), the form's own arithmetic, and how a row
 * maps to our measures.
 *
 * Layouts: the current one (13 columns: STT, unit, received total / online / in person or by
 * post / carried over, resolved total / early / on time / late, pending total / in time /
 * overdue) and the old one (12 columns, Thông tư 02/2017: no "trả trước hạn" column; early
 * returns were counted as on time).
 */
import type { MeasureCode } from './measures.ts';
import { searchKey } from './text.ts';

export const II06A_FIELDS = [
	'received_total',
	'received_online',
	'received_in_person',
	'carried_over',
	'resolved_total',
	'resolved_early',
	'resolved_on_time',
	'resolved_late',
	'pending_total',
	'pending_in_time',
	'pending_overdue'
] as const;

export type Ii06aField = (typeof II06A_FIELDS)[number];
export type Ii06aRow = Record<Ii06aField, number>;

/** Fields a form must have; `resolved_early` only the current layout has. */
export const REQUIRED_FIELDS: readonly Ii06aField[] = II06A_FIELDS.filter(
	(f) => f !== 'resolved_early'
);

/** The headings of the blank form we hand out (Vietnamese, as the circular words them). */
export const FIELD_HEADINGS: Record<Ii06aField, [group: string, heading: string]> = {
	received_total: ['Số hồ sơ nhận giải quyết', 'Tổng số'],
	received_online: ['Số hồ sơ nhận giải quyết', 'Trực tuyến'],
	received_in_person: ['Số hồ sơ nhận giải quyết', 'Trực tiếp, dịch vụ bưu chính'],
	carried_over: ['Số hồ sơ nhận giải quyết', 'Từ kỳ trước'],
	resolved_total: ['Số hồ sơ đã giải quyết', 'Tổng số'],
	resolved_early: ['Số hồ sơ đã giải quyết', 'Trả trước hạn'],
	resolved_on_time: ['Số hồ sơ đã giải quyết', 'Trả đúng thời hạn'],
	resolved_late: ['Số hồ sơ đã giải quyết', 'Trả quá hạn'],
	pending_total: ['Số hồ sơ đang giải quyết', 'Tổng số'],
	pending_in_time: ['Số hồ sơ đang giải quyết', 'Trong hạn'],
	pending_overdue: ['Số hồ sơ đang giải quyết', 'Quá hạn']
};

export type Heading = Ii06aField | 'name' | 'number';

/**
 * What a column is, from its headings top to bottom ("Số hồ sơ nhận giải quyết" › "Trong kỳ" ›
 * "Trực tuyến"); null for a column we do not read. Group first (received, resolved, pending),
 * then the part within it.
 */
export function classifyHeading(headings: readonly string[]): Heading | null {
	const key = ` ${headings.map(searchKey).join(' ')} `;
	const has = (...words: string[]) => words.some((w) => key.includes(w));
	if (/^ (stt|tt|so tt|so thu tu)( \1)* $/.test(key)) return 'number';
	const group = has(' da giai quyet', ' da xu ly')
		? 'resolved'
		: has('dang giai quyet', 'chua giai quyet', 'chua xu ly')
			? 'pending'
			: has('nhan giai quyet', 'tiep nhan', 'so ho so nhan')
				? 'received'
				: null;
	if (group === null)
		return has('don vi', 'ten xa', 'co quan', 'linh vuc', 'xa, phuong', 'xa phuong')
			? 'name'
			: null;
	const total = has(' tong so ', ' tong ', ' cong ');
	if (group === 'received') {
		if (has('ky truoc', 'chuyen qua', ' ton ')) return 'carried_over';
		if (has('truc tuyen', 'qua mang', 'dich vu cong truc tuyen')) return 'received_online';
		if (has('truc tiep', 'buu chinh')) return 'received_in_person';
		return total ? 'received_total' : null;
	}
	if (group === 'resolved') {
		if (has('truoc han')) return 'resolved_early';
		if (has('dung han', 'dung thoi han')) return 'resolved_on_time';
		if (has('qua han', 'tre han')) return 'resolved_late';
		return total ? 'resolved_total' : null;
	}
	if (has('trong han', 'chua den han', 'trong thoi han')) return 'pending_in_time';
	if (has('qua han', 'tre han')) return 'pending_overdue';
	return total ? 'pending_total' : null;
}

export interface Disagreement {
	group: 'received' | 'resolved' | 'pending';
	total: number;
	sum: number;
	/** "online 20 + in person/post 15 + carried over 4" */
	parts: string;
}

const PART_NAMES: Record<Ii06aField, string> = {
	received_total: 'received total',
	received_online: 'online',
	received_in_person: 'in person/post',
	carried_over: 'carried over',
	resolved_total: 'resolved total',
	resolved_early: 'early',
	resolved_on_time: 'on time',
	resolved_late: 'late',
	pending_total: 'pending total',
	pending_in_time: 'in time',
	pending_overdue: 'overdue'
};

const GROUPS: { group: Disagreement['group']; total: Ii06aField; parts: Ii06aField[] }[] = [
	{
		group: 'received',
		total: 'received_total',
		parts: ['received_online', 'received_in_person', 'carried_over']
	},
	{
		group: 'resolved',
		total: 'resolved_total',
		parts: ['resolved_early', 'resolved_on_time', 'resolved_late']
	},
	{ group: 'pending', total: 'pending_total', parts: ['pending_in_time', 'pending_overdue'] }
];

/**
 * The groups whose total is not the sum of its parts: received total = online + in person/post
 * + carried over (the form's "Tổng số" of dossiers to resolve includes the stock carried over),
 * resolved total = early + on time + late, pending total = in time + overdue.
 */
export function disagreements(row: Ii06aRow): Disagreement[] {
	return GROUPS.flatMap(({ group, total, parts }) => {
		const sum = parts.reduce((s, p) => s + row[p], 0);
		if (sum === row[total]) return [];
		return [
			{
				group,
				total: row[total],
				sum,
				parts: parts.map((p) => `${PART_NAMES[p]} ${row[p]}`).join(' + ')
			}
		];
	});
}

/** "received total 40 ≠ online 20 + in person/post 15 + carried over 4 = 39" */
export const describeDisagreement = (d: Disagreement) =>
	`${d.group} total ${d.total} ≠ ${d.parts} = ${d.sum}`;

/**
 * The measures of a row: received = online + in person/post (never the total, which includes
 * the carried-over stock), on time = early + on time, pending and overdue as stocks.
 */
export function measuresOf(row: Ii06aRow): [MeasureCode, number][] {
	return [
		['dossiers_received', row.received_online + row.received_in_person],
		['dossiers_received_online', row.received_online],
		['dossiers_resolved', row.resolved_total],
		['dossiers_resolved_on_time', row.resolved_early + row.resolved_on_time],
		['dossiers_pending', row.pending_total],
		['dossiers_pending_overdue', row.pending_overdue]
	];
}

/** The measures an II.06a or portal row fills, in this order. */
export const FORM_MEASURES: readonly MeasureCode[] = [
	'dossiers_received',
	'dossiers_received_online',
	'dossiers_resolved',
	'dossiers_resolved_on_time',
	'dossiers_pending',
	'dossiers_pending_overdue'
];
