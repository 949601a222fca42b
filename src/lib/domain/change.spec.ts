import { describe, expect, it } from 'vitest';
import { changeOf } from './change';

describe('changeOf', () => {
	it.each([
		[82.34, 80.1, '%', 'higher', 'vi', '+2,2 điểm %', 'better'],
		[82.34, 80.1, '%', 'higher', 'en', '+2.2 pp', 'better'],
		[70, 75.5, '0–100', 'higher', 'vi', '−5,5 điểm', 'worse'],
		[12, 9, 'count', 'lower', 'vi', '+3', 'worse'],
		[1234, 1000, 'count', null, 'vi', '+234', 'neutral'],
		[50.01, 50.04, '%', 'higher', 'en', '±0.0 pp', 'same']
	] as const)('%s vs %s (%s, %s, %s) → %s %s', (now, before, unit, better, locale, text, dir) => {
		const change = changeOf(now, before, unit, better, locale)!;
		expect(change.text).toBe(text);
		expect(change.direction).toBe(dir);
	});

	it('is null when a figure is missing', () => {
		expect(changeOf(null, 3, '%', 'higher', 'vi')).toBeNull();
		expect(changeOf(3, null, '%', 'higher', 'vi')).toBeNull();
	});
});
