import { describe, expect, it } from 'vitest';
import { findIndicator } from '$lib/domain/indicators';
import type { Trend } from '$lib/domain/trend';
import {
	boundedProjection,
	describeHistory,
	monthPoints,
	tickFormat,
	type HistoryRow
} from './history';

const uptake = findIndicator('online_uptake')!;
const volume = findIndicator('dossier_volume')!;

const row = (
	period: string,
	value: number | null,
	extra: Partial<HistoryRow> = {}
): HistoryRow => ({
	period,
	value,
	numerator: value === null ? null : value,
	denominator: value === null ? null : 100,
	harmonised: false,
	low_confidence: false,
	...extra
});

describe('tickFormat', () => {
	it.each([
		['%', 'vi', 50, '50%'],
		['%', 'en', 12.5, '12.5%'],
		['count', 'vi', 1200, '1.200'],
		['count', 'en', 1200, '1,200'],
		['ratio', 'vi', 0.75, '0,75']
	] as const)('%s in %s: %d → %s', (unit, locale, value, text) => {
		expect(tickFormat(unit, locale)(value)).toBe(text);
	});
});

describe('boundedProjection', () => {
	it.each([
		['%', 104.2, 100],
		['%', -3, 0],
		['%', 81.9, 81.9],
		['0–100', 120, 100],
		['count', 1500, 1500],
		['count', -2, 0]
	] as const)('%s %d → %d', (unit, projected, bounded) => {
		expect(boundedProjection(projected, unit)).toBe(bounded);
	});
});

describe('monthPoints', () => {
	it('keeps gaps as null and marks low confidence only where there is a value', () => {
		const points = monthPoints([
			row('2025-06', 40, { harmonised: true }),
			row('2025-07', null, { low_confidence: true }),
			row('2025-08', 5, { low_confidence: true })
		]);
		expect(points).toEqual([
			{ month: '2025-06', value: 40, lowConfidence: false, harmonised: true },
			{ month: '2025-07', value: null, lowConfidence: false, harmonised: false },
			{ month: '2025-08', value: 5, lowConfidence: true, harmonised: false }
		]);
	});
});

describe('describeHistory', () => {
	const trend: Trend = { slope: 1, projected: 104, target: 50, status: 'on_track', points: 6 };
	const rows = [
		row('2025-05', 12.5, { harmonised: true }),
		row('2025-06', null, { harmonised: true }),
		row('2025-07', 20, { low_confidence: true }),
		row('2025-08', 30)
	];

	it('names first and last values, the summed part, gaps, low confidence, target and trend', () => {
		const text = describeHistory({
			indicator: uptake,
			unitName: 'Xã Than Uyên',
			rows,
			target: { year: 2025, value: 50 },
			trend,
			locale: 'vi'
		});
		expect(text).toBe(
			'Tỷ lệ hồ sơ trực tuyến, Xã Than Uyên, từng tháng từ tháng 5/2025 đến tháng 8/2025: ' +
				'12,5% vào tháng 5/2025, 30,0% vào tháng 8/2025. ' +
				'Đến tháng 6/2025, số liệu được cộng dồn từ các xã trước sáp nhập. ' +
				'Số tháng không có số liệu: 1. Số tháng ít tin cậy (mẫu dưới 20): 1. ' +
				'Mục tiêu năm 2025: 50%. Xu hướng 6 tháng gần nhất: Đúng hướng; ' +
				'nếu giữ đà này, tháng 12/2025 đạt khoảng 100,0% (mục tiêu 50%).'
		);
	});

	it('says so when there is no figure at all, in English too', () => {
		const text = describeHistory({
			indicator: volume,
			unitName: 'Phuc Than',
			rows: [row('2021-01', null), row('2021-02', null)],
			target: null,
			trend: null,
			locale: 'en'
		});
		expect(text).toBe('Dossiers received, Phuc Than, Jan 2021 to Feb 2021: no figures yet.');
	});
});
