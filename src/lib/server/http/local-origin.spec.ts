import { describe, expect, it } from 'vitest';
import { localRedirect } from './local-origin';

describe('localRedirect', () => {
	const origin = 'http://localhost:3000';
	it.each([
		['localhost:3000', '/signin', null],
		['127.0.0.1:3000', '/signin?next=/reports', 'http://localhost:3000/signin?next=/reports'],
		['[::1]:3000', '/', 'http://localhost:3000/'],
		// Another port is another site; a LAN address means the operator must set ORIGIN.
		['127.0.0.1:4000', '/', null],
		['192.168.1.5:3000', '/', null],
		['evil.example', '/', null],
		[null, '/', null]
	])('%s%s → %s', (host, path, expected) => {
		expect(localRedirect(origin, host, path)).toBe(expected);
	});
});
