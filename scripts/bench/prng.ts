/**
 * A fast deterministic PRNG (mulberry32) and a way to derive independent streams from a seed and
 * integer keys, so any (commune, month) can be generated on its own and still be reproducible.
 */

/** mulberry32: 32-bit state, period 2^32, good enough for synthetic figures and very fast. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Mixes a seed and keys into one 32-bit seed (murmur3 finaliser per step). */
export function mix(seed: number, ...keys: number[]): number {
	let h = seed >>> 0;
	for (const k of keys) {
		h ^= Math.imul(k + 0x9e3779b9, 0x85ebca6b) >>> 0;
		h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
		h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
		h = (h ^ (h >>> 16)) >>> 0;
	}
	return h;
}

/** Helpers over a uniform source. */
export function draws(rand: () => number) {
	return {
		uniform: (lo: number, hi: number) => lo + (hi - lo) * rand(),
		/** Approximately normal (Irwin–Hall of 4): cheap, bounded at ±√12·… which suits counts. */
		normal: (mean: number, sd: number) =>
			mean + sd * (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3),
		int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * rand())
	};
}
