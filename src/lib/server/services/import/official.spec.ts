import { describe, expect, it } from 'vitest';
import { officialPeriod, parseOfficialTable } from './official.ts';

describe('officialPeriod', () => {
	it.each([
		['2025-Q3', '2025-Q3'],
		['Q3/2025', '2025-Q3'],
		['Quý 3/2025', '2025-Q3'],
		['2025-07', '2025-07'],
		['07/2025', '2025-07'],
		['Tháng 7/2025', '2025-07'],
		['13/2025', null],
		['2025', null],
		['Q5/2025', null]
	])('%s → %s', (text, period) => expect(officialPeriod(text)).toBe(period));
});

describe('parseOfficialTable', () => {
	const header = [
		'Madonvi',
		'Tendonvi',
		'Kỳ',
		'CungCapDVCTT',
		'TienDoGiaiQuyet',
		'SoHoa',
		'ThanhToanTT',
		'MucDoHaiLong',
		'CongKhaiMinhBach',
		'Tổng',
		'NgayCongBo'
	];
	it('reads rows with comma decimals, blank groups and Vietnamese dates', () => {
		const { rows, errors } = parseOfficialTable({
			header,
			delimiter: ',',
			records: [
				{
					line: 2,
					cells: [
						'03388',
						'Xã A',
						'Q3/2025',
						'12',
						'18,5',
						'20',
						'',
						'16.5',
						'8',
						'75,3',
						'15/10/2025'
					]
				}
			]
		});
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				line: 2,
				code: '03388',
				period: '2025-Q3',
				groups: {
					online_uptake: 12,
					on_time_rate: 18.5,
					digitization_rate: 20,
					online_payment_rate: null,
					satisfaction_rate: 16.5,
					transparency_rate: 8
				},
				total: 75.3,
				publishedOn: '2025-10-15'
			}
		]);
	});
	it('names the line and column of every error, and missing columns', () => {
		const { errors } = parseOfficialTable({
			header,
			delimiter: ',',
			records: [
				{ line: 2, cells: ['x', '', '2025', '13', '1', '1', '1', '1', '1', '101', '31/02/2025'] }
			]
		});
		expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual([
			'2:Madonvi',
			'2:Ky',
			'2:CungCapDVCTT',
			'2:Tong',
			'2:NgayCongBo'
		]);
		expect(
			parseOfficialTable({ header: ['Madonvi', 'Ky'], delimiter: ',', records: [] }).errors[0]
				.message
		).toMatch(/Missing columns: Tong, CungCapDVCTT/);
	});
});
