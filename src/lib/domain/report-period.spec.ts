import { describe, expect, it } from 'vitest';
import { dayNumber, readReportingPeriod } from './report-period.ts';

describe('readReportingPeriod', () => {
	it.each([
		[
			'Kỳ báo cáo: Tháng 7/2025 (Từ ngày 15/06/2025 đến ngày 14/07/2025)',
			{ from: '2025-06-15', to: '2025-07-14', month: '2025-07', calendar: false }
		],
		[
			'KỲ BÁO CÁO: TỪ NGÀY 01/02/2024 ĐẾN NGÀY 29/02/2024',
			{ from: '2024-02-01', to: '2024-02-29', month: '2024-02', calendar: true }
		],
		[
			'Ky bao cao thang 3 nam 2025',
			{ from: '2025-03-01', to: '2025-03-31', month: '2025-03', calendar: true }
		],
		[
			'từ ngày 15-12-2024 đến ngày 14-1-2025',
			{ from: '2024-12-15', to: '2025-01-14', month: '2025-01', calendar: false }
		]
	])('%s', (text, period) => {
		expect(readReportingPeriod(text)).toEqual({ ok: true, period });
	});

	it('refuses a quarter, a reversed period and a date that does not exist', () => {
		expect(readReportingPeriod('Từ ngày 01/01/2025 đến ngày 31/03/2025')).toMatchObject({
			ok: false,
			message: expect.stringContaining('90 days')
		});
		expect(readReportingPeriod('Từ ngày 14/07/2025 đến ngày 15/06/2025')).toMatchObject({
			ok: false
		});
		expect(readReportingPeriod('Từ ngày 30/02/2025 đến ngày 29/03/2025')).toMatchObject({
			ok: false,
			message: expect.stringContaining('does not exist')
		});
	});

	it('is null for text without a period', () => {
		expect(readReportingPeriod('Biểu số II.06a/VPCP/KSTT')).toBeNull();
	});

	it('counts days like the calendar does', () => {
		expect(dayNumber(1970, 1, 1)).toBe(0);
		expect(dayNumber(2024, 3, 1) - dayNumber(2024, 2, 1)).toBe(29);
		expect(dayNumber(2025, 7, 14) - dayNumber(2025, 6, 15) + 1).toBe(30);
	});
});
