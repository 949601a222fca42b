import { describe, expect, it } from 'vitest';
import { gapGain, gapHeading } from './gap-text';

describe('gap text', () => {
	const onTime = {
		indicator: 'on_time_rate' as const,
		value: 84.5,
		points_lost: 3.1,
		needed: 12,
		per: 'month' as const
	};

	it('says the planner’s sentence in Vietnamese and English', () => {
		expect(gapGain({ ...onTime, per: 'total' }, 'vi')).toBe(
			'Thêm 12 hồ sơ đúng hạn sẽ được thêm 3,1 điểm.'
		);
		expect(gapGain({ ...onTime, per: 'total' }, 'en')).toBe(
			'12 more dossiers on time would add 3.1 points.'
		);
		expect(gapGain(onTime, 'vi')).toBe('Thêm 12 hồ sơ đúng hạn mỗi tháng sẽ được thêm 3,1 điểm.');
	});

	it('says one in the singular in English', () => {
		expect(gapGain({ ...onTime, needed: 1 }, 'en')).toBe(
			'1 more dossier on time a month would add 3.1 points.'
		);
	});

	it('uses vi-VN numbers', () => {
		expect(gapGain({ ...onTime, needed: 1234, points_lost: 12.345 }, 'vi')).toBe(
			'Thêm 1.234 hồ sơ đúng hạn mỗi tháng sẽ được thêm 12,3 điểm.'
		);
		expect(gapHeading(onTime, 'vi')).toBe('Tỷ lệ giải quyết đúng hạn: mất 3,1 điểm');
	});

	it('names a missing figure and proposes no count for it', () => {
		const missing = { ...onTime, value: null, points_lost: 0, needed: null, per: null };
		expect(gapHeading(missing, 'en')).toMatch(/: no figures$/);
		expect(gapGain(missing, 'en')).toBeNull();
	});
});
