/**
 * The messages in two parts, as the browser gets them (issue 15, item 6): the map page's first
 * visit loads only the keys its modules name, found by vite/message-keys.ts; a key it lacks is
 * never shown as its key: `t()` says so, gives nothing, loads the rest and renders again.
 * Here the server's eager dictionaries are taken away, so `t()` is as in the browser.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import source from '../../../messages/vi.json';
import { keysNamedIn } from '../../../vite/message-keys';

vi.mock('./dictionaries', () => ({ eager: {} }));

const keys = Object.keys(source).filter((key) => key !== '$schema');

describe('the keys a module names', () => {
	it('takes quoted keys, exactly, and quoted prefixes ending in a dot', () => {
		const code = [
			"m('map.title'); m(ranked ? 'brief.best' : \"brief.highest\");",
			'm(`band.${c.band}`); t(locale, `status.` + s); const x = "map.tit";'
		].join('\n');
		const found = keysNamedIn(code, [
			'map.title',
			'map.tip',
			'brief.best',
			'brief.highest',
			'band.good',
			'band.weak',
			'status.draft',
			'bandwidth',
			'map.titles'
		]);
		expect([...found].sort()).toEqual(
			['band.good', 'band.weak', 'brief.best', 'brief.highest', 'map.title', 'status.draft'].sort()
		);
	});
});

describe('t() with the first part of the messages only', () => {
	afterEach(() => vi.restoreAllMocks());

	it("has the map page's messages, and fetches the rest for one it lacks", async () => {
		const { loadLocale, messagesFor, t } = await import('./index');
		expect(messagesFor(new URL('http://x/?lang=en'))).toBe('first');
		expect(messagesFor(new URL('http://x/methodology'))).toBe('whole');
		await loadLocale('vi', 'first');
		expect(t('vi', 'site.name')).toBe(source['site.name']);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		// A message the map page never shows: not in the first part.
		expect(t('vi', 'unavailable.database')).toBe('');
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('"unavailable.database"'));
		await loadLocale('vi');
		expect(t('vi', 'unavailable.database')).toBe(source['unavailable.database']);
		expect(() => t('vi', 'no.such.key' as never)).toThrow(/no message/);
		for (const key of keys) expect(t('vi', key as never), key).not.toBe('');
	});
});
