/**
 * An opt-in memory report for the bench's soak (issue 16): with `XASO_MEMORY_REPORT=<file>` in
 * the server's environment, each `SIGUSR2` makes the process write its memory (resident set, V8
 * heap, memory outside the heap) and what the one cache holds (cache/store.ts) to that file, as
 * JSON, replaced atomically. Off by default, and reachable only by whoever may signal the
 * process: no route, no header, nothing public. (SIGUSR1 is Node's debugger; SIGUSR2 is free.)
 */
import { renameSync, writeFileSync } from 'node:fs';
import { cacheStats } from './cache/store.ts';

export interface MemoryReport {
	rssBytes: number;
	heapUsedBytes: number;
	heapTotalBytes: number;
	/** C++ objects bound to JavaScript ones, Buffers included. */
	externalBytes: number;
	arrayBuffersBytes: number;
	cacheEntries: number;
	/** The cache's own count of the bytes it holds (answers' bodies and encodings, values). */
	cacheBytes: number;
}

/** This process's memory and the cache's holdings, now. */
export function memoryReport(): MemoryReport {
	const m = process.memoryUsage();
	const cache = cacheStats();
	return {
		rssBytes: m.rss,
		heapUsedBytes: m.heapUsed,
		heapTotalBytes: m.heapTotal,
		externalBytes: m.external,
		arrayBuffersBytes: m.arrayBuffers,
		cacheEntries: cache.entries,
		cacheBytes: cache.bytes
	};
}

/** Writes the report to `file` on every SIGUSR2 when `file` is given; true if it listens. */
export function reportMemoryOnSignal(file: string | undefined): boolean {
	if (!file) return false;
	process.on('SIGUSR2', () => {
		try {
			writeFileSync(`${file}.part`, JSON.stringify(memoryReport()));
			renameSync(`${file}.part`, file);
		} catch (error) {
			console.error(`memory report to ${file} failed:`, error);
		}
	});
	return true;
}
