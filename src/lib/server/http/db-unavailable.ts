/**
 * While PostgreSQL cannot be reached (network down, server restarting, connections refused),
 * every request answers 503 with `Retry-After` and a short message — `{ error }` under /api, a
 * plain page elsewhere — not a 500: the request was fine, and clients and proxies should come
 * back (issue 16). No query is added to a healthy request: only one that ends in a 500, throws,
 * or (a read) is still unanswered after SLOW_MS is followed by a probe (`select 1`, at most
 * PROBE_TIMEOUT_MS, shared by the requests failing at the same moment), and a failed probe makes
 * it a 503 — so a read never waits more than about 4 s on a database that is down. A request that
 * failed on a lost or refused connection itself (noted by `handleError` and respond.ts, see
 * db-failure.ts) is a 503 without a probe: the database may be back by the time the probe runs.
 * Nothing is cached about the outage: postgres.js reconnects on the next query (its back-off is
 * kept short, db/index.ts), so service resumes as soon as the database answers again. The
 * embedded store (PGlite) has no network between it and the app: its failures stay 500s, logged
 * as errors.
 */
import type { Handle } from '@sveltejs/kit';
import { ready } from '../app.ts';
import { localeOf, t } from '../../i18n/index.ts';
import { isConnectionError, lostConnection } from './db-failure.ts';

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_S = 5;
const PROBE_TIMEOUT_MS = 2_000;
/** Requests failing within this time share one probe. */
const PROBE_SHARED_MS = 1_000;

/**
 * A read (GET, HEAD) still unanswered after this long has the database probed, and answers 503 at
 * once if it does not answer: its queries may wait on connections that cannot be made, and the
 * client should not hang meanwhile. The work goes on in the background; its answer is dropped.
 * Writes are always waited for: answering before they end could hide a committed change.
 */
const SLOW_MS = 2_000;

const networked = Boolean(process.env.DATABASE_URL);

let probe: { at: number; answers: Promise<boolean> } | undefined;

/** True when the database answers `select 1` in time. */
function databaseAnswers(): Promise<boolean> {
	const at = performance.now();
	if (probe && at - probe.at < PROBE_SHARED_MS) return probe.answers;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<boolean>(
		(done) => (timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS))
	);
	const answered = ready()
		// On a connection of its own: a pool full of slow reads is busy, not down.
		.then(async (store) => {
			if (store.ping) await store.ping();
			else await store.rows('select 1');
		})
		.then(
			() => true,
			() => false
		);
	const answers = Promise.race([answered, late]).finally(() => clearTimeout(timer));
	probe = { at, answers };
	return answers;
}

/** The 503 answer, with the given (security) headers. */
function unavailable(url: URL, headers: readonly (readonly [string, string])[]): Response {
	const locale = localeOf(url);
	const message = t(locale, 'unavailable.database');
	const api = url.pathname.startsWith('/api/');
	const body = api
		? JSON.stringify({ error: message })
		: `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Xã Số</title><p>${message}</p></html>\n`;
	const response = new Response(body, {
		status: 503,
		headers: {
			'content-type': api ? 'application/json' : 'text/html; charset=utf-8',
			'retry-after': String(RETRY_AFTER_S),
			'cache-control': 'no-store'
		}
	});
	for (const [name, value] of headers) response.headers.set(name, value);
	return response;
}

/** The handle: a 500 (or a throw) while the database does not answer becomes a 503. */
export function databaseUnavailable(headers: readonly (readonly [string, string])[]): Handle {
	return async ({ event, resolve }) => {
		if (!networked) return resolve(event);
		const read = event.request.method === 'GET' || event.request.method === 'HEAD';
		let response: Response;
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			const resolving = Promise.resolve(resolve(event));
			const slow = new Promise<null>((done) => {
				if (read) timer = setTimeout(() => done(null), SLOW_MS);
			});
			const first = await Promise.race([resolving, slow]);
			if (first === null && !(await databaseAnswers())) {
				resolving.then(
					(late) => late.body?.cancel(),
					() => {}
				);
				return unavailable(event.url, headers);
			}
			response = first ?? (await resolving);
		} catch (error) {
			if (!isConnectionError(error) && (await databaseAnswers())) throw error;
			return unavailable(event.url, headers);
		} finally {
			clearTimeout(timer);
		}
		if (response.status !== 500) return response;
		if (!lostConnection.has(event.request) && (await databaseAnswers())) return response;
		await response.body?.cancel();
		return unavailable(event.url, headers);
	};
}
