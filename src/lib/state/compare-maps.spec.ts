import { describe, expect, it } from 'vitest';
import { findIndicator } from '$lib/domain/indicators';
import { NO_DATA_COLOR } from '$lib/domain/classify';
import { periodMaps, type TwoPeriodRow } from './compare-maps';

const fig = (value: number | null, low_confidence = false) => ({ value, low_confidence });
const row = (code: string, a: number | null, b: number | null, low = false): TwoPeriodRow => ({
	unit_code: code,
	earlier: fig(a, low),
	later: fig(b),
	change: a === null || b === null ? null : b - a
});

describe('periodMaps', () => {
	it('classes both periods on one scale, so equal values get equal colours', () => {
		// Counts are classed by quantiles: apart they would get different breaks.
		const volume = findIndicator('dossier_volume')!;
		const rows = [row('a', 10, 100), row('b', 20, 200), row('c', 30, 300), row('d', 40, 400)];
		const maps = periodMaps(rows, volume);
		expect(maps.earlier.breaks).toEqual(maps.later.breaks);
		expect(maps.earlier.fills.get('a')).not.toBe(maps.later.fills.get('d'));
		const same = periodMaps([row('a', 50, 10), row('b', 10, 50)], volume);
		expect(same.earlier.fills.get('a')).toBe(same.later.fills.get('b'));
		expect(maps.earlier.classes.reduce((n, c) => n + c.count, 0)).toBe(4);
	});

	it('colours a rise blue where higher is better and red where lower is better', () => {
		// The two large changes stand out from many small ones.
		const small = Array.from({ length: 18 }, (_, k) => row(`s${k}`, 60, 60 + (k % 5) - 2));
		const rows = [row('up', 40, 80), row('down', 80, 40), row('same', 60, 60), ...small];
		const up = periodMaps(rows, findIndicator('on_time_rate')!).change;
		expect(up.fills.get('up')).toBe('#0571b0');
		expect(up.fills.get('down')).toBe('#ca0020');
		expect(up.fills.get('same')).toBe('#f7f7f7');
		const backlog = periodMaps(rows, findIndicator('overdue_backlog')!).change;
		expect(backlog.fills.get('up')).toBe('#ca0020');
		expect(backlog.fills.get('down')).toBe('#0571b0');
	});

	it('has a no-data class and carries low confidence from either period', () => {
		const rows = [row('a', null, 50), row('b', 40, 50, true)];
		const maps = periodMaps(rows, findIndicator('on_time_rate')!);
		expect(maps.earlier.fills.get('a')).toBe(NO_DATA_COLOR);
		expect(maps.change.fills.get('a')).toBe(NO_DATA_COLOR);
		expect(maps.change.noDataCount).toBe(1);
		expect(maps.earlier.lowConfidence.has('b')).toBe(true);
		expect(maps.later.lowConfidence.has('b')).toBe(false);
		expect(maps.change.lowConfidence.has('b')).toBe(true);
	});
});
