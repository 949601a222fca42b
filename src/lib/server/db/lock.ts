/**
 * PGlite has no lock on its data directory: two processes would silently see different data and
 * may corrupt it. We take an exclusive lock file ourselves and fail fast, naming the holder.
 * A lock left by a process that died (SIGKILL, a crash) is taken over: its pid is gone, or — pids
 * are reused, a container's server is often pid 1 again — the process that has it now started at
 * another time than the one that wrote the lock (Linux: /proc/PID/stat).
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { now } from '../../domain/clock.ts';

export interface DirLock {
	path: string;
	release(): void;
}

export class StoreLockedError extends Error {}

/** When a process started (clock ticks since boot), where the system says so. */
function startTime(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// After "pid (command)": state is the first field, starttime the 20th.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function alive(pid: number, start?: string): boolean {
	if (start !== undefined) {
		const now = startTime(pid);
		if (now !== undefined) return now === start;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Creates `<dir>/xaso.lock` exclusively; a stale lock (dead process) is taken over. */
export function acquireDirLock(dir: string): DirLock {
	const path = join(dir, 'xaso.lock');
	const content = JSON.stringify({
		pid: process.pid,
		start: startTime(process.pid),
		since: new Date(now()).toISOString(),
		argv: process.argv.slice(1, 3)
	});
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, content);
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					const holder = JSON.parse(readFileSync(path, 'utf8'));
					if (holder.pid === process.pid) rmSync(path);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return { path, release };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let holder: { pid?: number; start?: string; since?: string; argv?: string[] } = {};
			try {
				holder = JSON.parse(readFileSync(path, 'utf8'));
			} catch {
				/* unreadable: treat as stale */
			}
			if (holder.pid && holder.pid !== process.pid && alive(holder.pid, holder.start)) {
				throw new StoreLockedError(
					`The embedded database in ${dir} is in use by process ${holder.pid}` +
						` (${(holder.argv ?? []).join(' ')}, since ${holder.since}). ` +
						`Stop that process first, or set DATA_DIR to another directory or DATABASE_URL to use PostgreSQL.`
				);
			}
			rmSync(path, { force: true });
		}
	}
	throw new StoreLockedError(`Could not lock ${path}`);
}
