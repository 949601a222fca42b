/**
 * The map's colours said without hue: every palette runs from light to dark (CIE L*), the darkest
 * class being the best way for the indicator, so a reader who cannot tell hues apart (or a grey
 * print) still reads the order; no data stays apart by its hatch, not its grey.
 */
import { describe, expect, it } from 'vitest';
import { colorOf, MAX_CLASSES, NO_DATA_COLOR, palette } from './palette';

/** CIE L* (0 black – 100 white) of a #rrggbb colour (sRGB, D65). */
function lightness(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

const counts = Array.from({ length: MAX_CLASSES }, (_, k) => k + 1);

describe('palette', () => {
	it.each(counts)('%i classes: each class darker than the one before, by a visible step', (n) => {
		const ls = palette(n, 'higher').map(lightness);
		// The palest steps of the 8- and 9-class schemes are only ~3.8 L* apart (docs/ACCESSIBILITY.md).
		for (let k = 1; k < n; k++) expect(ls[k - 1] - ls[k]).toBeGreaterThan(3);
	});

	it.each(counts)('%i classes: darker is better whichever way better is', (n) => {
		// Classes run worst first: for "lower is better" the highest values are the worst.
		expect(palette(n, 'lower')).toEqual([...palette(n, 'higher')].reverse());
		expect(palette(n, null)).toEqual(palette(n, 'higher'));
	});

	it('refuses class counts it has no colours for', () => {
		expect(() => palette(0, 'higher')).toThrow(RangeError);
		expect(() => palette(MAX_CLASSES + 1, 'higher')).toThrow(RangeError);
	});

	it('gives no data its own grey, outside every palette (drawn hatched as well)', () => {
		expect(colorOf(null, [1], palette(2, 'higher'))).toBe(NO_DATA_COLOR);
		for (const n of counts) expect(palette(n, 'higher')).not.toContain(NO_DATA_COLOR);
	});
});
