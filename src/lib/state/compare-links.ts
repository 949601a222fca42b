/** Links of the compare page: a comparison of units or of periods, its CSV, and the empty form. */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

const withLang = (q: URLSearchParams, lang: string | null) => {
	if (lang) q.set('lang', lang);
	return q;
};

/** `/compare?units=A,B[&grain=year][&lang=en]` (quarter is the default grain). */
export function compareUnitsLink(
	units: readonly string[],
	grain: string,
	lang: string | null
): ResolvedPathname {
	const q = new URLSearchParams({ units: units.join(',') });
	if (grain !== 'quarter') q.set('grain', grain);
	return resolve(`/compare?${withLang(q, lang)}`);
}

/** The units' series as one CSV (`/compare/download?units=…&format=csv`). */
export function compareDownloadLink(units: readonly string[], grain: string): ResolvedPathname {
	const q = new URLSearchParams({ units: units.join(',') });
	if (grain !== 'quarter') q.set('grain', grain);
	q.set('format', 'csv');
	return resolve(`/compare/download?${q}`);
}

export interface PeriodsView {
	period: string;
	with: string;
	indicator: string;
	parent?: string | null;
	level?: string | null;
}

/** `/compare?period=2021&with=2024&indicator=…[&level=province][&parent=12][&lang=en]`. */
export function comparePeriodsLink(view: PeriodsView, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams({
		period: view.period,
		with: view.with,
		indicator: view.indicator
	});
	if (view.level && view.level !== 'commune') q.set('level', view.level);
	if (view.parent) q.set('parent', view.parent);
	return resolve(`/compare?${withLang(q, lang)}`);
}

/** The empty form, pre-filled with the unit a visitor came from (`/compare?base=03595`). */
export function compareFormLink(base: string | null, lang: string | null): ResolvedPathname {
	const q = new URLSearchParams();
	if (base) q.set('base', base);
	const search = withLang(q, lang).toString();
	return resolve(search ? `/compare?${search}` : '/compare');
}

/** The same period a year earlier (`2025-Q3` → `2024-Q3`, `2025` → `2024`), for "compare with". */
export function yearBefore(period: string): string {
	return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}
