import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { unitProfile, type ProfileUnit, type UnitProfile } from '$lib/server/queries/profile';
import { seriesFor } from '$lib/server/queries/series';
import { dataSpan } from '$lib/server/queries/settings';
import { siblingStanding } from '$lib/server/queries/standing';
import { reportingByMonth, stockChanges } from '$lib/server/queries/facts-history';
import { unitReconciliation } from '$lib/server/queries/reconciliation';
import { infraHistory } from '$lib/server/queries/infra-changes';
import { inScope } from '$lib/server/queries/scope';
import type { SessionUser } from '$lib/server/auth/types';
import type { Executor } from '$lib/server/db';
import { findIndicator } from '$lib/domain/indicators';
import { isIsoDate, lastCompleteMonth, parsePeriod } from '$lib/domain/periods';
import { today as todayInVietnam } from '$lib/domain/clock';
import { defaultPeriod } from '$lib/state/period-menu';
import { DEFAULT_INDICATOR } from '$lib/state/map-view';
import { stripSpan } from './completeness';

/**
 * A date on which `unit` was in force, as near `today` as possible: the series of a unit whose
 * code was reused must be asked for at a date the code was still its own.
 */
function dateInForce(unit: ProfileUnit, today: string): string {
	if (unit.valid_to && unit.valid_to < today) return unit.valid_to;
	if (unit.valid_from && unit.valid_from > today) return unit.valid_from;
	return today;
}

/**
 * What the page shows beside the profile: the rank of the charted indicator and the service
 * index's points among the unit's siblings (the API's rows for the same view), its reporting
 * month by month, and when each infrastructure stock last changed.
 */
async function details(
	store: Executor,
	profile: UnitProfile,
	indicator: string,
	span: { first: string | null; last: string | null }
) {
	const standingOf = (code: string) =>
		siblingStanding(store, {
			unit: profile.unit,
			indicator: code,
			period: profile.period,
			asOf: profile.asOf
		});
	const ranked = await standingOf(indicator);
	const index = indicator === 'service_index' ? ranked : await standingOf('service_index');
	const period = parsePeriod(profile.period)!;
	const strip = stripSpan(period.end, span, profile.unit);
	const months = profile.figures.find((f) => f.indicator === 'service_index');
	return {
		official: await unitReconciliation(store, {
			unitId: profile.unit.id,
			period,
			index: index && { value: index.row.value, components: index.row.components ?? [] },
			reported: months?.months_reported ?? 0,
			expected: months?.months_expected ?? period.months
		}),
		rank: ranked && { rank: ranked.row.rank, of: ranked.of },
		index: index && {
			value: index.row.value,
			components: index.row.components ?? [],
			rank: index.row.rank,
			of: index.of
		},
		reporting: strip ? await reportingByMonth(store, { unit: profile.unit, ...strip }) : [],
		// A stock's last change may lie before the strip: read its whole history.
		changes: strip
			? await stockChanges(store, { unit: profile.unit, from: span.first!, to: strip.to })
			: {}
	};
}

/**
 * The unit's infrastructure changes, and whether the reader may open their evidence (signed in,
 * the unit in their area): anonymous renderings, which are cached, never link to a file.
 */
async function infraOf(store: Executor, unitId: number, user: SessionUser | null) {
	return {
		changes: await infraHistory(store, unitId),
		canOpen: user !== null && (await inScope(store, user, unitId))
	};
}

/**
 * One unit's page: `/units/03618?period=2024-Q3[&indicator=on_time_rate][&at=2025-06-30]`. The
 * code is resolved to the unit that bore it on `at` when given (a link naming the version of a
 * reused code), else during the period (codes are reused), else to today's; the period
 * defaults to the latest complete quarter with data, as on the map. The chosen indicator's
 * monthly history (harmonised across mergers) is drawn from 2021 to the last complete month.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const store = await ready();
	const today = todayInVietnam();
	const span = await dataSpan(store);
	const lastMonth = span.last;
	const asked = url.searchParams.get('period');
	const parsed = asked ? parsePeriod(asked) : null;
	const period = parsed ?? parsePeriod(defaultPeriod(lastMonth, today))!;
	const askedIndicator = url.searchParams.get('indicator');
	const indicator = (askedIndicator && findIndicator(askedIndicator)?.code) || DEFAULT_INDICATOR;
	const askedAt = url.searchParams.get('at');
	const at = askedAt && isIsoDate(askedAt) ? askedAt : null;
	try {
		const profile = await unitProfile(store, { code: params.code, period, today, at });
		const inForce = dateInForce(profile.unit, today);
		const series = await seriesFor(store, {
			indicator,
			unit: profile.unit.code,
			at: inForce,
			lastMonth: lastCompleteMonth(today)
		});
		return {
			profile,
			series,
			infra: await infraOf(store, profile.unit.id, locals.user),
			...(await details(store, profile, indicator, span)),
			// The CSV link names the date only when today's unit is another one.
			seriesAt: inForce === today ? null : inForce,
			// The page's links to itself keep naming the version asked for.
			at,
			invalidAt: !!askedAt && !at,
			lastMonth,
			today,
			invalidPeriod: asked !== null && !parsed,
			invalidIndicator: !!askedIndicator && askedIndicator !== indicator
		};
	} catch (e) {
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
