import { describe, expect, it } from 'vitest';
import { controlCharacter, controlInForm, controlInUrl } from './control-chars.ts';

describe('controlCharacter', () => {
	it.each([
		['03388', null],
		['Xã Mường Than', null],
		['a\u0000b', 'U+0000'],
		['a\nb', 'U+000A'],
		['a\r\nb', 'U+000D'],
		['a\tb', 'U+0009'],
		['\u007f', 'U+007F'],
		['\u0085', 'U+0085']
	])('%j → %s', (value, expected) => {
		expect(controlCharacter(value, false)).toBe(expected);
	});

	// Free text keeps its line breaks and tabs, not the other control characters.
	it.each([
		['line one\r\nline two\tend', null],
		['a\u0000b', 'U+0000'],
		['a\u001bb', 'U+001B'],
		['a\u000bb', 'U+000B']
	])('%j as free text → %s', (value, expected) => {
		expect(controlCharacter(value, true)).toBe(expected);
	});
});

describe('controlInUrl', () => {
	const at = (path: string) => controlInUrl(new URL(path, 'http://x.test'));
	it.each([
		['/api/v1/units?q=m%C6%B0%E1%BB%9Dng%20than', null],
		['/units/03388?indicator=on_time_rate', null],
		['/api/v1/units?q=a%00', 'Parameter "q" contains a control character (U+0000): remove it'],
		[
			'/api/v1/values?period=2024-01%0D%0A',
			'Parameter "period" contains a control character (U+000D): remove it'
		],
		['/api/v1/units?a%00b=1', 'Parameter "ab" contains a control character (U+0000): remove it'],
		['/report/03388%00/2024-01', 'The path contains a control character (U+0000): remove it'],
		['/units/%0A', 'The path contains a control character (U+000A): remove it'],
		['/units/%E0%A4%A', null]
	])('%s', (path, expected) => {
		expect(at(path)).toBe(expected);
	});
});

describe('controlInForm', () => {
	const form = (fields: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(fields)) f.append(k, v);
		return f;
	};
	it('names the field, and lets free text keep its line breaks but not NUL', () => {
		expect(controlInForm(form({ email: 'a@b.vn', password: 'x y' }))).toBeNull();
		expect(controlInForm(form({ email: 'a@b.vn\r\n' }))).toBe(
			'Field "email" contains a control character (U+000D): remove it'
		);
		expect(controlInForm(form({ comment: 'one\r\ntwo' }), ['comment'])).toBeNull();
		expect(controlInForm(form({ comment: 'one\u0000' }), ['comment'])).toBe(
			'Field "comment" contains a control character (U+0000): remove it'
		);
		expect(controlInForm(form({ token: '1:2\n', comment: 'ok' }), ['comment'])).toMatch(
			/^Field "token"/
		);
	});
	it('leaves files alone', () => {
		const f = new FormData();
		f.append('file', new File(['a\u0000b'], 'x.csv'));
		expect(controlInForm(f)).toBeNull();
	});
});
