import { describe, expect, it } from 'vitest';
import { placeTooltip } from './tooltip-place.ts';

describe('placeTooltip', () => {
	const frame = { frameWidth: 328, frameHeight: 360 };
	it.each([
		// point, box → corner
		['right of a point in the left half', 40, 40, 120, 80, 54, 54],
		['left of a point in the right half', 300, 40, 120, 80, 166, 54],
		['above a point in the lower half', 40, 300, 120, 80, 54, 206],
		// a wide box beside a point just left of the middle would run off: pulled back in
		['inside the right edge', 160, 40, 288, 80, 36, 54],
		// and beside a point just right of the middle
		['inside the left edge', 170, 40, 288, 80, 4, 54],
		['inside the bottom edge', 40, 170, 120, 250, 54, 106],
		['at the start of a frame it overflows', 100, 100, 400, 500, 4, 4]
	] as const)('%s', (_, x, y, width, height, left, top) => {
		expect(placeTooltip({ x, y, width, height, ...frame })).toEqual({ left, top });
	});

	it('keeps every box of a fitting size inside the frame, wherever the point', () => {
		for (let x = 0; x <= 328; x += 8)
			for (let y = 0; y <= 360; y += 8) {
				const { left, top } = placeTooltip({ x, y, width: 288, height: 150, ...frame });
				expect(left).toBeGreaterThanOrEqual(4);
				expect(left + 288).toBeLessThanOrEqual(324);
				expect(top).toBeGreaterThanOrEqual(4);
				expect(top + 150).toBeLessThanOrEqual(356);
			}
	});
});
