/** Percentiles and timing helpers. */

/** The q-quantile (0–1) of some samples, nearest-rank; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
	if (samples.length === 0) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank];
}

export interface Summary {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

export function summarize(samples: readonly number[]): Summary {
	return {
		n: samples.length,
		p50: percentile(samples, 0.5),
		p95: percentile(samples, 0.95),
		max: samples.length ? Math.max(...samples) : NaN
	};
}

/** Runs `fn` `n` times in sequence and returns each duration in ms. */
export async function timeRuns(n: number, fn: () => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		await fn();
		out.push(performance.now() - t);
	}
	return out;
}

/** Milliseconds since `t0` (from performance.now()). */
export const since = (t0: number) => performance.now() - t0;
