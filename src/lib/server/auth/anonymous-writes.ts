/**
 * Refused writes from nobody signed in (cross-site or origin-less API writes, sign-ins refused by
 * the throttle) are counted here, in memory, not written to the audit log one row each: an
 * anonymous flood would otherwise fill the audit table (issue 16). The count of the last minute
 * goes to the server log once a minute when it is not zero, with the paths most tried; the
 * administration's audit page shows the last hour's. A restart forgets them, which is fine for
 * a measure of noise; refusals of signed-in users are still audited one by one.
 */
import { now } from '../../domain/clock.ts';

const MINUTE_MS = 60_000;
const KEPT_MINUTES = 60;

/** Counts per minute (minutes since the epoch), the last hour only. */
const perMinute = new Map<number, number>();
/** Refusals, and the paths tried, since the last log line. */
let pendingCount = 0;
let pending = new Map<string, number>();
let total = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Requests counted already: an action's refusal and its error page's layout are one attempt. */
const counted = new WeakSet<Request>();

/** Counts one refused anonymous write to `path` (once per request, when it is given). */
export function countAnonymousWrite(path: string, request?: Request): void {
	if (request) {
		if (counted.has(request)) return;
		counted.add(request);
	}
	const minute = Math.floor(now() / MINUTE_MS);
	perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
	for (const old of perMinute.keys()) if (old <= minute - KEPT_MINUTES) perMinute.delete(old);
	// Bounded: a flood of made-up paths must not grow the map without end.
	if (pending.has(path) || pending.size < 100) pending.set(path, (pending.get(path) ?? 0) + 1);
	pendingCount++;
	total++;
	// Started on the first refusal, and never keeps the process alive.
	timer ??= setInterval(logMinute, MINUTE_MS);
	timer.unref?.();
}

/** Refused anonymous writes in the last hour and since the server started. */
export function anonymousWrites(): { lastHour: number; total: number } {
	const minute = Math.floor(now() / MINUTE_MS);
	let lastHour = 0;
	for (const [m, n] of perMinute) if (m > minute - KEPT_MINUTES) lastHour += n;
	return { lastHour, total };
}

function logMinute(): void {
	if (pendingCount === 0) return;
	const tried = [...pending].sort((a, b) => b[1] - a[1]);
	const count = pendingCount;
	pending = new Map();
	pendingCount = 0;
	const top = tried
		.slice(0, 5)
		.map(([path, n]) => `${path} ×${n}`)
		.join(', ');
	console.warn(`anonymous writes refused in the last minute: ${count} (${top})`);
}
