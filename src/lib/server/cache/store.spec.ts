import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheStats, cachedValue, clearCache, getItem, setItem, versionedKey } from './store.ts';
import { pinClock } from '../../domain/clock.ts';

const value = (n: number) => ({ kind: 'value' as const, value: n, bytes: 100 });

beforeEach(() => clearCache());
afterEach(() => pinClock(null));

describe('the cache across data versions', () => {
	it('drops the entries of older versions once a newer version is keyed', () => {
		for (let i = 0; i < 10; i++) setItem(versionedKey(1, `k${i}`), value(i));
		expect(cacheStats()).toEqual({ entries: 10, bytes: 1000 });
		const fresh = versionedKey(2, 'k0');
		expect(cacheStats().entries).toBe(0);
		setItem(fresh, value(0));
		expect(getItem(fresh)).toMatchObject({ value: 0 });
		expect(cacheStats()).toEqual({ entries: 1, bytes: 100 });
	});

	it('keeps a steady size over a stream of versions (an import every few reads)', async () => {
		for (let version = 1; version <= 200; version++)
			for (let i = 0; i < 5; i++) await cachedValue(`k${i}`, version, async () => version);
		expect(cacheStats().entries).toBe(5);
	});

	it('keeps an entry stored late at the previous version until the next change', () => {
		setItem(versionedKey(5, 'a'), value(1));
		const late = versionedKey(4, 'b'); // a request that read the version just before the bump
		setItem(late, value(2));
		expect(getItem(late)).toMatchObject({ value: 2 });
		expect(getItem(versionedKey(5, 'a'))).toMatchObject({ value: 1 });
		versionedKey(6, 'a');
		expect(cacheStats().entries).toBe(0);
	});

	it('keeps the entries of the current version when an older one is keyed', () => {
		setItem(versionedKey(3, 'a'), value(1));
		versionedKey(2, 'a');
		expect(getItem(versionedKey(3, 'a'))).toMatchObject({ value: 1 });
	});

	it('drops the entries of another day', () => {
		pinClock('2026-03-01T10:00:00+07:00');
		setItem(versionedKey(1, 'a'), value(1));
		pinClock('2026-03-02T00:00:01+07:00');
		const next = versionedKey(1, 'a');
		expect(getItem(next)).toBeUndefined();
		expect(cacheStats().entries).toBe(0);
	});

	it('starts again from nothing after clearCache (a new store, in tests)', async () => {
		await cachedValue('k', 9, async () => 'nine');
		clearCache();
		expect(await cachedValue('k', 1, async () => 'one')).toBe('one');
		expect(await cachedValue('k', 1, async () => 'again')).toBe('one');
	});
});
