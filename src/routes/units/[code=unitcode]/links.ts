/**
 * Links of the unit page: to a unit's page (a period, an indicator, the language), along its
 * lineage, and to the CSV of the charted series.
 *
 * Codes are reused across the 2025 merger (Phúc Than's 03618 is Mường Than's since 2025-07-01)
 * and a unit page resolves its code by period: a link to a predecessor or successor names the
 * version it means with `at` (a date on which that unit was in force, see {@link versionDate}),
 * or it can land back on the unit it came from; it also carries a period in which the unit
 * existed. A plain `/units/CODE[?period=…]` is still the unit of the period, else today's.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { parsePeriod, periodContaining } from '$lib/domain/periods';
import { DEFAULT_INDICATOR } from '$lib/state/map-view';

/**
 * `period` when the unit existed during it; else the quarter in which it ended (a predecessor)
 * or began (a successor).
 */
export function periodInForce(
	unit: { valid_from: string | null; valid_to: string | null },
	period: string
): string {
	const p = parsePeriod(period);
	if (!p) return period;
	const from = unit.valid_from?.slice(0, 7);
	const to = unit.valid_to?.slice(0, 7);
	if (to && p.start > to) return periodContaining(to, 'quarter');
	if (from && p.end < from) return periodContaining(from, 'quarter');
	return period;
}

/**
 * The date that names a version of a unit in a link (`at`): its first day, or for a unit valid
 * since ever its last; null for a unit in force throughout (its code names it alone).
 */
export function versionDate(unit: {
	valid_from: string | null;
	valid_to: string | null;
}): string | null {
	return unit.valid_from ?? unit.valid_to;
}

/**
 * `/units/{code}?period=…[&indicator=…][&at=…][&lang=…][#hash]`; the default indicator is left
 * out; `at` names the version of a reused code.
 */
export function unitPageLink(
	code: string,
	view: { period: string; indicator: string; lang: string | null; at?: string | null },
	hash = ''
): ResolvedPathname {
	const q = new URLSearchParams({ period: view.period });
	if (view.indicator !== DEFAULT_INDICATOR) q.set('indicator', view.indicator);
	if (view.at) q.set('at', view.at);
	if (view.lang) q.set('lang', view.lang);
	return resolve(`/units/${code}?${q}${hash}`);
}

/**
 * The CSV of a unit's monthly series (or the ZIP of it with its README); `at` names the unit when
 * its code now belongs to another.
 */
export function seriesCsvLink(
	indicator: string,
	unit: string,
	at: string | null,
	format: 'csv' | 'zip' = 'csv'
): ResolvedPathname {
	const q = new URLSearchParams({ indicator, unit, format });
	if (at) q.set('at', at);
	return resolve(`/api/v1/series?${q}`);
}

/** The area overview of a unit (its communes side by side): `/areas/{code}?period=…[&lang=…]`. */
export function areaLink(code: string, period: string, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams({ period });
	if (lang) q.set('lang', lang);
	return resolve(`/areas/${code}?${q}`);
}
