/**
 * The planners' list as the URL asks for it (`/priorities?area=…&period=…&focus=…`), shared by
 * the page and its downloads so that both show the same communes in the same order. Calls the
 * same query verb as `/api/v1/priorities`. A parameter that cannot be answered is a
 * {@link PrioritiesParamError} naming the message to show, never a 500.
 */
import type { Store } from '$lib/server/db';
import { QueryError } from '$lib/server/queries/errors';
import { prioritiesFor, type PriorityRow } from '$lib/server/queries/priorities';
import { dataSpan } from '$lib/server/queries/settings';
import { listUnits } from '$lib/server/queries/units';
import { isFocusCode } from '$lib/domain/focus';
import type { IndicatorCode } from '$lib/domain/indicators';
import { lastDay, parsePeriod } from '$lib/domain/periods';
import { t, type Locale, type MessageKey } from '$lib/i18n';
import { defaultPeriod } from '$lib/state/period-menu';
import { districtsExistIn } from '$lib/state/map-view';
import { today as todayInVietnam } from '$lib/domain/clock';

export interface PrioritiesView {
	/** Code of the province or pre-2025 district whose communes are ranked. */
	area: string;
	period: string;
	focus: IndicatorCode | null;
}

export interface Area {
	code: string;
	name: string;
	level: 'province' | 'district';
}

/** A parameter the list cannot be drawn for: a 400 or 404 with a message in the page's language. */
export class PrioritiesParamError extends QueryError {
	constructor(
		status: 400 | 404,
		readonly key: MessageKey,
		readonly params: Record<string, string>
	) {
		super(status, t('en', key, params));
	}

	/** The message in the page's language. */
	messageIn(locale: Locale): string {
		return t(locale, this.key, this.params);
	}
}

/**
 * The areas a period can be ranked in: the province, and its districts when they existed for the
 * whole period (they were abolished on 2025-07-01).
 */
async function areasIn(store: Store, period: string): Promise<Area[]> {
	const at = lastDay(parsePeriod(period)!.end);
	const provinces = await listUnits(store, { level: 'province', at });
	const districts = districtsExistIn(period)
		? await listUnits(store, { level: 'district', at })
		: [];
	return [...provinces, ...districts].map((u) => ({
		code: u.code,
		name: u.name,
		level: u.level as Area['level']
	}));
}

/** Reads the view from the URL (defaults: the province, the latest complete quarter, no focus) and ranks. */
export async function readPriorities(store: Store, url: URL, locale: Locale) {
	const q = url.searchParams;
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const period = q.get('period') || defaultPeriod(lastMonth, today);
	if (!parsePeriod(period)) throw new PrioritiesParamError(400, 'priorities.badPeriod', { period });
	const focusParam = q.get('focus') || null;
	if (focusParam !== null && !isFocusCode(focusParam))
		throw new PrioritiesParamError(400, 'priorities.badFocus', { focus: focusParam });
	const areas = await areasIn(store, period);
	const area = q.get('area') || areas.find((a) => a.level === 'province')?.code || '';
	if (!areas.some((a) => a.code === area))
		throw new PrioritiesParamError(404, 'priorities.badArea', { area, period });
	const view: PrioritiesView = { area, period, focus: focusParam };
	const result = await prioritiesFor(store, {
		parent: area,
		period,
		focus: view.focus,
		lang: locale
	});
	return { view, areas, lastMonth, today, rows: result.rows as PriorityRow[] };
}
