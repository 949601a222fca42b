import { describe, expect, it } from 'vitest';
import { centresOf, directionOf, neighbourOf, startingUnit, type Direction } from './keyboard-nav';

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
const move = (from: string, d: Direction) => {
	const u = neighbourOf(centres, at(from), d);
	return u === null ? null : codes[u];
};

describe('neighbourOf', () => {
	// Where each arrow leads from each unit of the grid; null: off its edge.
	const moves: Record<string, Record<Direction, string | null>> = {
		a: { up: null, down: 'd', left: null, right: 'b' },
		b: { up: null, down: 'e', left: 'a', right: 'c' },
		c: { up: null, down: 'f', left: 'b', right: null },
		d: { up: 'a', down: 'g', left: null, right: 'e' },
		e: { up: 'b', down: 'h', left: 'd', right: 'f' },
		f: { up: 'c', down: 'i', left: 'e', right: null },
		g: { up: 'd', down: null, left: null, right: 'h' },
		h: { up: 'e', down: null, left: 'g', right: 'i' },
		i: { up: 'f', down: null, left: 'h', right: null }
	};
	it.each(
		Object.entries(moves).flatMap(([from, to]) =>
			(Object.keys(to) as Direction[]).map((d) => [from, d, to[d]] as const)
		)
	)('from %s %s → %s', (from, d, to) => {
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
