/**
 * Behind a reverse proxy every request comes from the proxy's address, so the per-address
 * sign-in limit would lock out a whole office. adapter-node's ADDRESS_HEADER and XFF_DEPTH
 * (README) make it count the address the proxy saw: this starts a second server so configured
 * and checks that two forwarded addresses are counted apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server-setup.ts';
import { TEST_PASSWORD, TEST_USERS, send } from '../support/test-users.ts';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
}, 180_000);

afterAll(async () => {
	await server?.stop();
});

/** A sign-in through the proxy, which appends the client's address to X-Forwarded-For. */
function viaProxy(forwardedFor: string, email: string, password: string) {
	const body = new URLSearchParams({ email, password }).toString();
	return send(new URL('/signin?lang=en', server.url).href, {
		method: 'POST',
		body,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: server.url,
			'x-forwarded-for': forwardedFor
		}
	});
}

describe('behind a trusted proxy (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1)', () => {
	it('counts failures per forwarded address, not per proxy', async () => {
		for (let i = 0; i < 10; i++) {
			const r = await viaProxy('203.0.113.5', `guess-${i}@test.xaso`, 'not the password');
			expect(r.status).toBe(401);
		}
		const blocked = await viaProxy('203.0.113.5', TEST_USERS.viewer.email, TEST_PASSWORD);
		expect(blocked.status).toBe(429);
		expect(blocked.text).toContain('Too many failed sign-ins from this network');
		// A colleague behind the same proxy, and a client-supplied entry the proxy appended to.
		const colleague = await viaProxy('203.0.113.6', TEST_USERS.viewer.email, TEST_PASSWORD);
		expect(colleague.status).toBe(303);
		const spoofed = await viaProxy(
			'203.0.113.5, 203.0.113.7',
			TEST_USERS.viewer.email,
			TEST_PASSWORD
		);
		expect(spoofed.status).toBe(303);
	});
});
