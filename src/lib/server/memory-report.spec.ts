import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportMemoryOnSignal, type MemoryReport } from './memory-report.ts';
import { cachedValue, clearCache } from './cache/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'xaso-memory-'));
afterEach(() => {
	process.removeAllListeners('SIGUSR2');
	clearCache();
});

describe('reportMemoryOnSignal', () => {
	it('does not listen unless a file is given', () => {
		expect(reportMemoryOnSignal(undefined)).toBe(false);
		expect(reportMemoryOnSignal('')).toBe(false);
		expect(process.listenerCount('SIGUSR2')).toBe(0);
	});

	it('writes memory and cache holdings on SIGUSR2', async () => {
		const file = join(dir, 'memory.json');
		await cachedValue(
			'k',
			1,
			async () => 'x',
			() => 1234
		);
		expect(reportMemoryOnSignal(file)).toBe(true);
		process.emit('SIGUSR2', 'SIGUSR2');
		const report = JSON.parse(readFileSync(file, 'utf8')) as MemoryReport;
		expect(report.cacheEntries).toBe(1);
		expect(report.cacheBytes).toBe(1234);
		expect(report.rssBytes).toBeGreaterThan(report.heapUsedBytes);
		expect(report.externalBytes).toBeGreaterThan(0);
		rmSync(dir, { recursive: true });
	});
});
