/**
 * The comparison a `/compare` URL asks for, shared by the page and its CSV download:
 * `units=A,B,…` (2–6 codes, or names typed in the form, which are looked up and answered with a
 * redirect to their codes) or `period=…&with=…&indicator=…[&level=…][&parent=…]`; neither is
 * the empty form (`base` pre-fills it with the unit the visitor came from). A parameter that
 * cannot be answered is a {@link CompareParamError}: a 400 saying what and where, never a 500.
 */
import { redirect } from '@sveltejs/kit';
import type { Store } from '$lib/server/db';
import { QueryError } from '$lib/server/queries/errors';
import {
	COMPARE_GRAINS,
	compareUnits,
	comparePeriods,
	type CompareGrain
} from '$lib/server/queries/compare';
import { searchUnits } from '$lib/server/queries/search';
import { unitsInSpan, type Level } from '$lib/server/queries/units';
import { dataSpan, isDemo } from '$lib/server/queries/settings';
import { isUnitCode, MAX_UNITS, MIN_UNITS, parseUnitList } from '$lib/domain/compare';
import { findIndicator } from '$lib/domain/indicators';
import { lastCompleteMonth, parsePeriod, PERIOD_FORMS } from '$lib/domain/periods';
import { parseSearchQuery } from '$lib/domain/search';
import { today as todayInVietnam } from '$lib/domain/clock';
import { defaultPeriod } from '$lib/state/period-menu';
import { INVALID } from '$lib/server/http/public-params';
import { t, type Locale, type MessageKey } from '$lib/i18n';

/** A parameter the comparison cannot be drawn for: a 400 with a message in the page's language. */
export class CompareParamError extends QueryError {
	constructor(
		readonly key: MessageKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(400, t('en', key, params));
	}

	/** The message in the page's language. */
	messageIn(locale: Locale): string {
		return t(locale, this.key, this.params);
	}
}

const PERIOD_LEVELS: readonly Level[] = ['commune', 'province'];

/** The `units` entries as codes: names are looked up (today's unit first), unknown ones refused. */
async function unitCodes(store: Store, raw: string | null, today: string): Promise<string[]> {
	if (raw === INVALID) throw new CompareParamError('compare.badUnits', { max: MAX_UNITS });
	const list = parseUnitList(raw);
	if (list.kind === 'empty') throw new CompareParamError('compare.noUnits');
	if (list.kind === 'count')
		throw new CompareParamError('compare.badCount', {
			n: list.count,
			min: MIN_UNITS,
			max: MAX_UNITS
		});
	const codes: string[] = [];
	for (const entry of list.entries) {
		if (isUnitCode(entry)) {
			const known = await unitsInSpan(store, entry, '0001-01-01', '9999-12-31');
			if (known.length === 0) throw new CompareParamError('compare.unknownCode', { code: entry });
			codes.push(entry);
			continue;
		}
		const query = parseSearchQuery(entry);
		const found =
			query.kind === 'ok' ? await searchUnits(store, query, { at: today, limit: 1 }) : [];
		if (found.length === 0) throw new CompareParamError('compare.unknownName', { name: entry });
		codes.push(found[0].code);
	}
	return codes;
}

function grainOf(raw: string | null): CompareGrain {
	const grain = (raw || 'quarter') as CompareGrain;
	if (!COMPARE_GRAINS.includes(grain)) throw new CompareParamError('compare.badGrain');
	return grain;
}

function periodOf(name: 'period' | 'with', raw: string): string {
	if (!parsePeriod(raw))
		throw new CompareParamError('compare.badPeriod', { name, forms: PERIOD_FORMS });
	return raw;
}

/**
 * The units' comparison for `units` (codes or names) and `grain`: the codes it resolved to, in
 * order, and the series. Shared by the page and the CSV download.
 */
export async function readUnits(
	store: Store,
	rawUnits: string | null,
	rawGrain: string | null,
	today: string
) {
	const grain = grainOf(rawGrain);
	const codes = await unitCodes(store, rawUnits, today);
	const repeated = codes.find((c, k) => codes.indexOf(c) !== k);
	if (repeated) throw new CompareParamError('compare.sameUnit', { code: repeated });
	const units = await translate(() =>
		compareUnits(store, { units: codes, grain, lastMonth: lastCompleteMonth(today), at: today })
	);
	return { codes, units };
}

/** Reads the URL and answers the comparison it asks for (see the module's note). */
export async function readCompare(store: Store, url: URL) {
	const q = url.searchParams;
	const today = todayInVietnam();
	const lastMonth = (await dataSpan(store)).last;
	const demo = await isDemo(store);
	const base = { today, lastMonth, demo, baseUnit: q.get('base') };
	if (q.get('units') !== null) {
		const { codes, units } = await readUnits(store, q.get('units'), q.get('grain'), today);
		if (codes.join(',') !== q.get('units')) {
			const to = new URL(url);
			to.searchParams.set('units', codes.join(','));
			redirect(303, `${to.pathname}${to.search}`);
		}
		return { ...base, mode: 'units' as const, units, periods: null };
	}
	if (q.get('period') !== null || q.get('with') !== null || q.get('indicator') !== null) {
		const period = periodOf('period', q.get('period') ?? '');
		const later = periodOf('with', q.get('with') || defaultPeriod(lastMonth, today));
		const indicator = q.get('indicator') || 'service_index';
		if (!findIndicator(indicator)) throw new CompareParamError('compare.badIndicator');
		const level = (q.get('level') || 'commune') as Level;
		if (!PERIOD_LEVELS.includes(level)) throw new CompareParamError('compare.badLevel');
		const periods = await translate(() =>
			comparePeriods(store, {
				indicator,
				period,
				with: later,
				level,
				parent: q.get('parent') || null,
				asOf: today
			})
		);
		return { ...base, mode: 'periods' as const, units: null, periods };
	}
	return { ...base, mode: 'form' as const, units: null, periods: null };
}

/** A query's refusal (a unit not in force on today's map, no figures…) is a 400 on this page. */
async function translate<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof QueryError && !(e instanceof CompareParamError))
			throw new CompareParamError('compare.refused', { reason: e.message });
		throw e;
	}
}
