/**
 * The bench's running log: every line stamped with the seconds since the start, and phases
 * timed by name (their durations go to `phases_ms` in results.json).
 */
export interface BenchLog {
	log: (s: string) => void;
	phase: <T>(name: string, fn: () => Promise<T> | T) => Promise<T>;
	phases: Record<string, number>;
	started: number;
}

export function benchLog(): BenchLog {
	const started = performance.now();
	const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
	const log = (s: string) => console.log(`[bench ${elapsed()}] ${s}`);
	const phases: Record<string, number> = {};
	async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
		const t = performance.now();
		log(`${name}…`);
		try {
			return await fn();
		} finally {
			phases[name] = Math.round(performance.now() - t);
		}
	}
	return { log, phase, phases, started };
}

/** Numbers of an object rounded (for the log and results.json). */
export const roundAll = (o: object) =>
	Object.fromEntries(
		Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])
	);
