/**
 * PGlite has no lock on its data directory: two processes would silently see different data and
 * may corrupt it. We take an exclusive lock file ourselves and fail fast, naming the holder.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { now } from '../../domain/clock.ts';

export interface DirLock {
	path: string;
	release(): void;
}

export class StoreLockedError extends Error {}

function alive(pid: number): boolean {
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
			let holder: { pid?: number; since?: string; argv?: string[] } = {};
			try {
				holder = JSON.parse(readFileSync(path, 'utf8'));
			} catch {
				/* unreadable: treat as stale */
			}
			if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
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
