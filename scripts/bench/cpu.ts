/**
 * CPU time spent by the server and by its PostgreSQL backends (Linux /proc, clock ticks of
 * 10 ms): what a request costs whatever else runs on the shared machine, and whether it is the
 * server's or the database's. Wall times move with everyone else's load; these do much less.
 */
import { readFileSync } from 'node:fs';
import type postgres from 'postgres';

const TICK_MS = 10;

/** User + system CPU of a process in ms, or null (not Linux, or gone). */
export function cpuOf(pid: number): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
	} catch {
		return null;
	}
}

/** The backends of the connection's database (parallel workers included), but its own. */
export async function backendsOf(db: postgres.Sql): Promise<number[]> {
	const rows = await db<{ pid: number }[]>`select pid from pg_stat_activity
		where datname = current_database() and pid <> pg_backend_pid()`;
	return rows.map((r) => Number(r.pid));
}

export interface CpuSplit {
	/** CPU ms of the server process. */
	serverMs: number;
	/** CPU ms of the database's backends (a lower bound: a parallel worker that came and went
	 * between two samples is not seen). */
	databaseMs: number;
}

/**
 * Starts metering the server `pid` and the database's backends; `stop()` gives the CPU each
 * spent since. Backends are listed every `everyMs` (parallel workers live for one query), and
 * each one's CPU is the last seen minus its CPU at the start (0 for one that began since);
 * null when /proc cannot be read.
 */
export async function cpuMeter(
	db: postgres.Sql,
	pid: number,
	everyMs = 200
): Promise<{ stop(): Promise<CpuSplit | null> }> {
	const server0 = cpuOf(pid);
	if (server0 === null) return { stop: async () => null };
	const start = new Map<number, number>();
	const last = new Map<number, number>();
	const sample = async (first: boolean) => {
		for (const backend of await backendsOf(db)) {
			const cpu = cpuOf(backend);
			if (cpu === null) continue;
			if (first) start.set(backend, cpu);
			last.set(backend, cpu);
		}
	};
	await sample(true);
	let sampling = Promise.resolve();
	const timer = setInterval(() => {
		sampling = sampling.then(() => sample(false)).catch(() => {});
	}, everyMs);
	return {
		async stop() {
			clearInterval(timer);
			await sampling;
			await sample(false);
			let databaseMs = 0;
			for (const [backend, cpu] of last) databaseMs += cpu - (start.get(backend) ?? 0);
			return { serverMs: (cpuOf(pid) ?? server0) - server0, databaseMs };
		}
	};
}
