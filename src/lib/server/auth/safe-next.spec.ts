import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
	it.each([
		// [next as decoded from the query string, where sign-in goes]
		['/reports', '/reports'],
		['/report/03388/2026-01', '/report/03388/2026-01'],
		[
			'/units/03388?indicator=on_time_rate&lang=en#table',
			'/units/03388?indicator=on_time_rate&lang=en#table'
		],
		['/tìm kiếm', '/t%C3%ACm%20ki%E1%BA%BFm'],
		['/%2e%2e/x', '/x']
	])('%j → %s', (next, expected) => {
		expect(safeNext(next)).toBe(expected);
	});

	it.each([
		null,
		undefined,
		'',
		'reports',
		'//evil.example/x',
		'/\t/evil.example',
		'/\n/evil.example',
		'\n',
		'/\r\nSet-Cookie: a=b',
		'/\u0000',
		'/\u007f',
		'/\u0085',
		'/\\evil.example',
		'\\/evil.example',
		'/%2F%2Fevil.example',
		'/%5Cevil.example',
		'/%09/evil.example',
		'/%E0%A4%A',
		'https://evil.example/',
		'javascript:alert(1)',
		' /reports'
	])('refuses %j: sign-in goes to /', (next) => {
		expect(safeNext(next)).toBe('/');
	});

	it('refuses an overlong path', () => {
		expect(safeNext('/' + 'a'.repeat(2001))).toBe('/');
	});

	it('uses the fallback given', () => {
		expect(safeNext('//evil.example', '/reports')).toBe('/reports');
		expect(safeNext('/x', '/reports')).toBe('/x');
	});
});
