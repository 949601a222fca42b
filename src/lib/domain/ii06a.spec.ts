import { describe, expect, it } from 'vitest';
import { classifyHeading, disagreements, measuresOf, type Ii06aRow } from './ii06a.ts';

describe('classifyHeading', () => {
	it.each([
		[['STT', 'STT'], 'number'],
		[['Tên đơn vị', 'Tên đơn vị'], 'name'],
		[['Số hồ sơ nhận giải quyết', 'Tổng số'], 'received_total'],
		[['Số hồ sơ nhận giải quyết', 'Trong kỳ', 'Trực tuyến'], 'received_online'],
		[['SO HO SO NHAN GIAI QUYET', 'Truc tiep, dich vu buu chinh'], 'received_in_person'],
		[['Số hồ sơ nhận giải quyết', 'Từ kỳ trước'], 'carried_over'],
		[['Số hồ sơ đã giải quyết', 'Tổng số'], 'resolved_total'],
		[['Số hồ sơ đã giải quyết', 'Trả trước hạn'], 'resolved_early'],
		[['Số hồ sơ đã giải quyết', 'Trả đúng thời hạn'], 'resolved_on_time'],
		[['Số hồ sơ đã giải quyết', 'Trả quá hạn'], 'resolved_late'],
		[['Số hồ sơ đang giải quyết', 'Tổng số'], 'pending_total'],
		[['Số hồ sơ đang giải quyết', 'Chưa đến hạn'], 'pending_in_time'],
		[['Số hồ sơ đang giải quyết', 'Quá hạn'], 'pending_overdue'],
		[['Ghi chú'], null]
	])('%j → %s', (headings, field) => {
		expect(classifyHeading(headings)).toBe(field);
	});
});

const row = (over: Partial<Ii06aRow> = {}): Ii06aRow => ({
	received_total: 44,
	received_online: 20,
	received_in_person: 20,
	carried_over: 4,
	resolved_total: 30,
	resolved_early: 5,
	resolved_on_time: 22,
	resolved_late: 3,
	pending_total: 14,
	pending_in_time: 12,
	pending_overdue: 2,
	...over
});

describe('the form’s arithmetic', () => {
	it('finds nothing wrong with a row that adds up', () => {
		expect(disagreements(row())).toEqual([]);
	});

	it('names each group whose parts do not add up to its total', () => {
		expect(disagreements(row({ received_total: 40, pending_overdue: 3 }))).toEqual([
			{
				group: 'received',
				total: 40,
				sum: 44,
				parts: 'online 20 + in person/post 20 + carried over 4'
			},
			{ group: 'pending', total: 14, sum: 15, parts: 'in time 12 + overdue 3' }
		]);
	});

	it('maps received without the carried-over stock and on time with the early returns', () => {
		expect(Object.fromEntries(measuresOf(row()))).toEqual({
			dossiers_received: 40,
			dossiers_received_online: 20,
			dossiers_resolved: 30,
			dossiers_resolved_on_time: 27,
			dossiers_pending: 14,
			dossiers_pending_overdue: 2
		});
	});
});
