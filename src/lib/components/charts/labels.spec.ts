import { describe, expect, it } from 'vitest';
import { clampCentre, textWidth, wrapText } from './labels';

describe('wrapText', () => {
	it.each([
		['Cộng dồn từ các xã trước sáp nhập', 1000, ['Cộng dồn từ các xã trước sáp nhập']],
		['Cộng dồn từ các xã trước sáp nhập', 130, ['Cộng dồn từ các xã', 'trước sáp nhập']],
		['Summed from predecessor communes', 65, ['Summed', 'from', 'predecessor', 'communes']],
		['', 100, []]
	])('%s in %i px', (text, width, lines) => {
		expect(wrapText(text, width)).toEqual(lines);
	});
});

describe('clampCentre', () => {
	it.each([
		[50, 20, 0, 100, 50],
		[5, 20, 0, 100, 10],
		[98, 20, 0, 100, 90]
	])('centre %d, width %d in [%d, %d] → %d', (x, w, min, max, out) => {
		expect(clampCentre(x, w, min, max)).toBe(out);
	});
});

it('estimates a width from the length', () => {
	expect(textWidth('2024')).toBe(26);
});
