/** Links to a series chart as a picture drawn on the server (`/api/v1/chart.svg|png`). */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export interface ChartView {
	indicator: string;
	/** One unit, or up to six (the compare page). */
	units: readonly string[];
	/** month (the default), quarter or year. */
	grain?: string | null;
	/** The day naming a reused code's unit. */
	at?: string | null;
	lang?: string | null;
}

/** `/api/v1/chart.svg?indicator=…&unit=A[,B…][&grain=…][&at=…][&lang=en]` (or `.png`). */
export function chartPictureLink(view: ChartView, format: 'svg' | 'png'): ResolvedPathname {
	const q = new URLSearchParams({ indicator: view.indicator, unit: view.units.join(',') });
	if (view.grain && view.grain !== 'month') q.set('grain', view.grain);
	if (view.at) q.set('at', view.at);
	if (view.lang && view.lang !== 'vi') q.set('lang', view.lang);
	return resolve(`/api/v1/chart.${format}?${q}`);
}
