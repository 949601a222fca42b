import { describe, expect, it } from 'vitest';
import { centresOf, directionOf, neighbourOf, startingUnit } from './keyboard-nav';

// A 3 × 3 grid of unit boxes (world units, y growing southwards), codes by row then column:
//   a b c
//   d e f
//   g h i
const codes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
const boxes = new Float64Array(
	codes.flatMap((_, k) => {
		const col = k % 3;
		const row = Math.floor(k / 3);
		return [col, row, col + 1, row + 1];
	})
);
const centres = centresOf({ codes, boxes });
const at = (code: string) => codes.indexOf(code);
const move = (from: string, d: 'up' | 'down' | 'left' | 'right') => {
	const u = neighbourOf(centres, at(from), d);
	return u === null ? null : codes[u];
};

describe('neighbourOf', () => {
	it.each([
		['e', 'up', 'b'],
		['e', 'down', 'h'],
		['e', 'left', 'd'],
		['e', 'right', 'f'],
		['a', 'right', 'b'],
		['a', 'down', 'd'],
		['a', 'up', null],
		['a', 'left', null],
		['i', 'right', null],
		['g', 'up', 'd']
	] as const)('from %s %s → %s', (from, d, to) => {
		expect(move(from, d)).toBe(to);
	});

	it('prefers the unit straight ahead to a nearer one off to the side', () => {
		// From (0, 0): one unit at 10° off right at distance 1, one dead right at distance 1.2.
		const c = new Float64Array([0, 0, Math.cos(0.6), Math.sin(0.6), 1.2, 0]);
		expect(neighbourOf(c, 0, 'right')).toBe(2);
	});

	it('goes no further than 60° from the direction', () => {
		const c = new Float64Array([0, 0, 0.2, 1]);
		expect(neighbourOf(c, 0, 'right')).toBeNull();
		expect(neighbourOf(c, 0, 'down')).toBe(1);
	});
});

describe('startingUnit and directionOf', () => {
	it('starts in the middle of the units', () => {
		expect(codes[startingUnit(centres)!]).toBe('e');
		expect(startingUnit(new Float64Array())).toBeNull();
	});

	it('reads the arrow keys only', () => {
		expect(directionOf('ArrowUp')).toBe('up');
		expect(directionOf('ArrowLeft')).toBe('left');
		expect(directionOf('Enter')).toBeNull();
	});
});
