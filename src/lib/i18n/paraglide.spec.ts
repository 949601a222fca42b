/**
 * The messages after the move to Paraglide (issue 13, item 6): both languages of every message,
 * the same placeholders in each, and `t()` giving, through Paraglide's compiled per-locale
 * modules, exactly the text of messages/{vi,en}.json with its placeholders filled.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import vi from '../../../messages/vi.json';
import * as enModule from '$lib/paraglide/messages/en.js';
import * as viModule from '$lib/paraglide/messages/vi.js';
import { readFileSync } from 'node:fs';
import { asOneObject } from '../../../vite/messages-split';
import { isMessageKey, t, type MessageKey } from './index';
import type { Dictionary, Message } from './keys';
import { moduleExportName } from './module-id';

const sources: Record<'vi' | 'en', Record<string, string>> = { vi, en };
const keys = Object.keys(vi).filter((key) => key !== '$schema') as MessageKey[];

/**
 * Messages whose languages need different placeholders, and why. Each must still give the other
 * language nothing it lacks: Vietnamese uses a subset of the English names here.
 */
const OWN_PLACEHOLDERS: Partial<Record<MessageKey, string>> = {
	'unit.notCommune': 'Vietnamese says "không phải xã, phường" (not a commune): no {level}'
};

function call(message: Message, inputs: Record<string, unknown>): string {
	return typeof message === 'string' ? message : message(inputs);
}

function placeholders(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe('messages in Paraglide', () => {
	it('has every message in both languages, with the same placeholders', () => {
		expect(keys.length).toBeGreaterThan(500);
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const key of keys) {
			expect(vi[key].trim(), key).not.toBe('');
			expect(en[key].trim(), key).not.toBe('');
			if (OWN_PLACEHOLDERS[key]) {
				expect(placeholders(en[key]), key).toEqual(expect.arrayContaining(placeholders(vi[key])));
			} else {
				expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
			}
		}
	});

	it('compiles one export per message into each language module', () => {
		expect(Object.keys(viModule)).toHaveLength(keys.length);
		expect(Object.keys(enModule)).toHaveLength(keys.length);
	});

	it('gives through t() the text of the JSON files, placeholders filled', () => {
		for (const locale of ['vi', 'en'] as const) {
			for (const key of keys) {
				const text = sources[locale][key];
				const params = Object.fromEntries(placeholders(text).map((name) => [name, `<${name}>`]));
				expect(t(locale, key, params), `${locale} ${key}`).toBe(text.replace(/\{(\w+)\}/g, '<$1>'));
			}
		}
	});

	it('leaves a placeholder without a value as it is, and takes numbers', () => {
		expect(t('en', 'attr.import')).toBe(en['attr.import']);
		expect(t('vi', 'controls.asOf', { date: 7 })).toBe(vi['controls.asOf'].replace('{date}', '7'));
	});

	it('knows its keys', () => {
		expect(isMessageKey('editor.reports')).toBe(true);
		expect(isMessageKey('controls.asOf')).toBe(true);
		expect(isMessageKey('editor.nothing.such')).toBe(false);
		expect(isMessageKey('Controls.asof')).toBe(false);
	});

	it("gives the browser's one-object form of each language the same messages", async () => {
		for (const [locale, module] of [
			['vi', viModule],
			['en', enModule]
		] as const) {
			const file = new URL(`../paraglide/messages/${locale}.js`, import.meta.url);
			const code = asOneObject(readFileSync(file, 'utf8'), keys);
			const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
			const object: Dictionary = (await import(/* @vite-ignore */ url)).default;
			const compiled = module as unknown as Dictionary;
			expect(Object.keys(object).sort()).toEqual([...keys].sort());
			expect(typeof object['site.name'], 'a message without inputs is its text').toBe('string');
			for (const key of keys) {
				const inputs = new Proxy({}, { get: (_, name) => `<${String(name)}>` });
				expect(call(object[key], inputs), key).toBe(call(compiled[moduleExportName(key)], inputs));
			}
		}
	});
});
