/**
 * Seeded randomness and integer-exact arithmetic for the demo model: a string hash, the mulberry32
 * generator and draws built on it, S-curves, and the largest-remainder split that keeps sums exact.
 */

/** 32-bit hash of a string (FNV-1a with a murmur3 finaliser). */
export function hashKey(s: string): number {
	let h = 2166136261;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a tiny PRNG with a 32-bit state, uniform on [0, 1). */
export function mulberry32(state: number): () => number {
	let a = state | 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Rand {
	private next: () => number;
	constructor(seed: number, key: string) {
		this.next = mulberry32(hashKey(`${seed}|${key}`));
	}
	u(): number {
		return this.next();
	}
	between(a: number, b: number): number {
		return a + (b - a) * this.next();
	}
	int(a: number, b: number): number {
		return a + Math.floor((b - a + 1) * this.next());
	}
	/** Standard normal (Box–Muller; always two draws). */
	normal(): number {
		const u1 = this.next();
		const u2 = this.next();
		return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
	}
	/** Binomial(n, p): exact inversion for small means, normal approximation otherwise. Two draws. */
	binomial(n: number, p: number): number {
		const u1 = this.next();
		const u2 = this.next();
		if (n <= 0 || p <= 0) return 0;
		if (p >= 1) return n;
		const q = Math.min(p, 1 - p);
		let k = 0;
		if (n * q < 15) {
			let pmf = Math.pow(1 - q, n);
			let cdf = pmf;
			while (u1 > cdf && k < n) {
				pmf *= ((n - k) / (k + 1)) * (q / (1 - q));
				cdf += pmf;
				k++;
			}
		} else {
			const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
			k = Math.min(n, Math.max(0, Math.round(n * q + Math.sqrt(n * q * (1 - q)) * z)));
		}
		return p > 0.5 ? n - k : k;
	}
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export interface Curve {
	floor: number;
	cap: number;
	/** Mid-point (fractional year) and width (years) of the logistic rise. */
	mid: number;
	width: number;
}

/** An S-curve from `floor` to `cap` at time `t` (fractional year). */
export function sCurve(c: Curve, t: number): number {
	return c.floor + (c.cap - c.floor) / (1 + Math.exp(-(t - c.mid) / c.width));
}

/**
 * Splits an integer total in proportion to weights so that the parts sum to it exactly
 * (largest-remainder method); optional caps bound each part.
 */
export function largestRemainder(weights: number[], total: number, caps?: number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	if (weights.length === 0 || total <= 0) return weights.map(() => 0);
	const w = sum > 0 ? weights : weights.map(() => 1);
	const wsum = sum > 0 ? sum : weights.length;
	const exact = w.map((x) => (x / wsum) * total);
	const parts = exact.map((x, i) => Math.min(Math.floor(x), caps?.[i] ?? Infinity));
	let left = total - parts.reduce((a, b) => a + b, 0);
	const order = exact
		.map((x, i) => i)
		.sort((a, b) => exact[b] - parts[b] - (exact[a] - parts[a]) || a - b);
	for (let pass = 0; left > 0 && pass < 1000; pass++) {
		let moved = false;
		for (const i of order) {
			if (left === 0) break;
			if (parts[i] < (caps?.[i] ?? Infinity)) {
				parts[i]++;
				left--;
				moved = true;
			}
		}
		if (!moved) break;
	}
	return parts;
}
