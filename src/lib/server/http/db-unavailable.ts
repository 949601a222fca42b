/**
 * While PostgreSQL cannot be reached (network down, server restarting, connections refused),
 * every request answers 503 with `Retry-After` and a short message — `{ error }` under /api, a
 * plain page elsewhere — not a 500: the request was fine, and clients and proxies should come
 * back (issue 16). No query is added to a healthy request: only one that ends in a 500, throws,
 * or (a read) is still unanswered after SLOW_MS (and again every SLOW_MS) is followed by a check.
 * A probe (`select 1` on a connection of its own, at most PROBE_TIMEOUT_MS, shared by the
 * requests checking at the same moment) decides: answered, the database is up; refused or broken
 * (a server restarting or gone), it is down and the read answers 503 at once — so a read waits at
 * most a few seconds once the database has stopped answering; only late (no answer in time, as on
 * a machine so loaded that even `select 1` waits) does the pool's own activity decide: a pool that
 * answered some query within ANSWERED_MS is busy, not down (under a burst of new views reads wait
 * for connections for many seconds, and a timed probe alone answered healthy requests 503). A request that
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

/**
 * When the probe is late (not refused), a query answered within this long proves the database
 * alive: under a burst of new views a pool of long aggregates may answer nothing for a few
 * seconds on a loaded machine (a 2 s window still let 31 of 510 healthy requests be answered
 * 503). It is not consulted when the probe is refused: a restarted PostgreSQL had answered
 * queries just before, and reads then waited 5.4 s for their 503 (the faults test's limit is 5).
 */
const ANSWERED_MS = 10_000;

const networked = Boolean(process.env.DATABASE_URL);

/** What a probe found: an answer, a refusal or error, or nothing in time. */
type Verdict = 'answers' | 'refused' | 'late';

let probe: { at: number; verdict: Promise<Verdict> } | undefined;

/** Asks the database `select 1`, at most PROBE_TIMEOUT_MS (shared for PROBE_SHARED_MS). */
function probeDatabase(): Promise<Verdict> {
	const at = performance.now();
	if (probe && at - probe.at < PROBE_SHARED_MS) return probe.verdict;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<Verdict>(
		(done) => (timer = setTimeout(() => done('late'), PROBE_TIMEOUT_MS))
	);
	const answered = ready()
		.then(async (store) => {
			// On a connection of its own: a pool full of slow reads is busy, not down.
			if (store.ping) await store.ping();
			else await store.rows('select 1');
		})
		.then(
			(): Verdict => 'answers',
			(): Verdict => 'refused'
		);
	const verdict = Promise.race([answered, late]).finally(() => clearTimeout(timer));
	probe = { at, verdict };
	return verdict;
}

/** True when the database answers `select 1` in time. */
async function databaseAnswers(): Promise<boolean> {
	return (await probeDatabase()) === 'answers';
}

/**
 * For a read still waiting (not for a failure): the probe's verdict, except that a late probe
 * with a query answered within ANSWERED_MS means busy — the database answers, however long the
 * queue.
 */
async function stillAnswers(): Promise<boolean> {
	const verdict = await probeDatabase();
	if (verdict !== 'late') return verdict === 'answers';
	const store = await ready();
	return Boolean(store.answeredAt && performance.now() - store.answeredAt() < ANSWERED_MS);
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
			const slow = () =>
				new Promise<null>((done) => {
					if (read) timer = setTimeout(() => done(null), SLOW_MS);
				});
			let first = await Promise.race([resolving, slow()]);
			// Still waiting: checked again every SLOW_MS while the database answers.
			while (first === null) {
				if (!(await stillAnswers())) {
					resolving.then(
						(late) => late.body?.cancel(),
						() => {}
					);
					return unavailable(event.url, headers);
				}
				first = await Promise.race([resolving, slow()]);
			}
			response = first;
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
