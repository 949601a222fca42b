/**
 * Vietnam's calendar, and the one clock. The product is used in Asia/Ho_Chi_Minh (CONTRACT.md:
 * "months, today and every date shown or compared"), so "today", "this month" and "this year"
 * are Vietnamese ones: June is the current month from 00:00 on 1 June in Hà Nội, which is 17:00
 * UTC on 31 May. Every calendar date derived from the time of day comes from here (eslint.config.js
 * forbids reading the clock or an instant's calendar fields elsewhere in src/); the rest of the
 * code does naive `YYYY-MM-DD` arithmetic (periods.ts) on what this module returns.
 *
 * Vietnam has kept UTC+7 all year, with no summer time, since 1975: a fixed offset is exact for
 * every instant this product meets (clock.spec.ts checks it against the tz database) and costs
 * nothing per call, which matters to the answer cache that asks on every request.
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Vietnamese wall time of an instant, as `YYYY-MM-DDTHH:mm:ss.sss` (the `Z` is not meant). */
const wall = (instant: number): string => new Date(instant + OFFSET_MS).toISOString();

/** The Vietnamese date (`YYYY-MM-DD`) of an instant (milliseconds since the epoch). */
export function dayOf(instant: number): string {
	return wall(instant).slice(0, 10);
}

/** The Vietnamese month (`YYYY-MM`) of an instant. */
export function monthOf(instant: number): string {
	return wall(instant).slice(0, 7);
}

/** The Vietnamese year of an instant. */
export function yearOf(instant: number): number {
	return Number(wall(instant).slice(0, 4));
}

/** The instant the next Vietnamese day begins after `instant` (its midnight: 17:00 UTC). */
export function nextMidnight(instant: number): number {
	return (Math.floor((instant + OFFSET_MS) / DAY_MS) + 1) * DAY_MS - OFFSET_MS;
}

// A timestamp as PostgreSQL writes `timestamptz::text` ("2026-05-31 23:30:00.123456+00") or as
// toISOString does ("2026-05-31T23:30:00.123Z").
const STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * A stored instant (audit and workflow times) as people in Vietnam read it: `YYYY-MM-DD HH:mm`
 * (with `:ss` when `seconds`) in Vietnamese time, whatever zone the database wrote it in.
 * Text that is not a timestamp with a zone is returned unchanged rather than guessed at.
 */
export function formatInstant(stamp: string, seconds = false): string {
	const m = STAMP.exec(stamp);
	if (!m) return stamp;
	const [, date, time, fraction = '', zone] = m;
	// `+07` → `+07:00`; `+0530` and `+05:30` → `+05:30`.
	const offset =
		zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.length > 3 ? zone.slice(-2) : '00'}`;
	const instant = Date.parse(`${date}T${time}${fraction.slice(0, 4)}${offset}`);
	if (Number.isNaN(instant)) return stamp;
	const text = wall(instant);
	return `${text.slice(0, 10)} ${text.slice(11, seconds ? 19 : 16)}`;
}

// ---- The one time source -------------------------------------------------------------------

let pinned: number | null = null;

/** The current instant: the system clock, unless a test pinned it ({@link pinClock}). */
export function now(): number {
	return pinned ?? Date.now();
}

/** Today in Vietnam, `YYYY-MM-DD`. */
export const today = (): string => dayOf(now());

/** This month in Vietnam, `YYYY-MM`. */
export const thisMonth = (): string => monthOf(now());

/** This year in Vietnam. */
export const thisYear = (): number => yearOf(now());

/**
 * For tests only: stops the clock at an instant (ISO text or milliseconds), or lets it run
 * again with null. Nothing in src/ calls it.
 */
export function pinClock(at: string | number | null): void {
	const instant = typeof at === 'string' ? Date.parse(at) : at;
	if (instant !== null && Number.isNaN(instant)) throw new Error(`Not an instant: ${at}`);
	pinned = instant;
}
