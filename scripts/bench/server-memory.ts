/**
 * The built server's own memory report (src/lib/server/memory-report.ts): the bench starts it
 * with `XASO_MEMORY_REPORT=<file>`, sends SIGUSR2 and reads the JSON the server writes there.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { MemoryReport } from '../../src/lib/server/memory-report.ts';

export type { MemoryReport };

/** The report of process `pid` into `file`, or null when none came within 5 s. */
export async function serverMemory(pid: number, file: string): Promise<MemoryReport | null> {
	rmSync(file, { force: true });
	process.kill(pid, 'SIGUSR2');
	for (let waited = 0; waited < 5000; waited += 50) {
		if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as MemoryReport;
		await new Promise((done) => setTimeout(done, 50));
	}
	return null;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** One line: RSS, heap used/total, external (array buffers), cache entries and bytes. */
export const describeMemory = (m: MemoryReport | null): string =>
	m
		? `RSS ${mb(m.rssBytes)} MB, heap ${mb(m.heapUsedBytes)}/${mb(m.heapTotalBytes)} MB, external ${mb(m.externalBytes)} MB (array buffers ${mb(m.arrayBuffersBytes)}), cache ${m.cacheEntries} entries ${mb(m.cacheBytes)} MB`
		: 'no memory report (XASO_MEMORY_REPORT unset?)';
