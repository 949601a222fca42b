/**
 * `prioritiesFor`: the communes under a unit ranked by the service-index points they could still
 * earn, each lost point explained as an action in counts (see domain/gaps.ts).
 */
import type { Executor } from '../db/index.ts';
import { componentsOf } from '../../domain/indicators.ts';
import { firstDay, lastDay } from '../../domain/periods.ts';
import { scoreComposite } from '../../domain/scoring.ts';
import { explainGap, type Gap } from '../../domain/gaps.ts';
import { aggregate } from './aggregate.ts';
import { badRequest, notFound } from './errors.ts';
import { mapFrame } from './map.ts';
import { unitsInSpan } from './units.ts';
import { evaluate, optionalDate, requirePeriod } from './values.ts';
import { findIndicator, type IndicatorCode } from '../../domain/indicators.ts';
import { FOCUS_CODES, focusOn, isFocusCode } from '../../domain/focus.ts';

export interface PriorityRow {
	unit_code: string;
	unit_name: string;
	service_index: number | null;
	points_recoverable: number | null;
	low_confidence: boolean;
	months_reported: number;
	months_expected: number;
	gaps: (Omit<Gap, 'action'> & { action: string; action_i18n: Gap['action'] })[];
}

/** Checks a focus parameter: one of the service index's six components. */
function requireFocus(code: string): IndicatorCode {
	if (!isFocusCode(code))
		badRequest(`Unknown focus "${code}": use one of ${FOCUS_CODES.join(', ')}`);
	return code;
}

/**
 * Communes under `parent` for a period, most points recoverable first; no-data communes last.
 * With `focus` (a service-index component) they are ranked by the points lost on it instead,
 * its gap first (domain/focus.ts).
 */
export async function prioritiesFor(
	db: Executor,
	request: {
		parent: string;
		period: string;
		asOf?: string | null;
		lang?: 'vi' | 'en';
		focus?: string | null;
	}
): Promise<{ parent: string; period: string; as_of: string | null; rows: PriorityRow[] }> {
	const period = requirePeriod(request.period);
	const focus = request.focus ? requireFocus(request.focus) : null;
	const startDay = firstDay(period.start);
	const endDay = lastDay(period.end);
	// A period that straddles the 2025 merger is answered on one era, the communes in force at its
	// end, as the map draws it (mapFrame): else both eras are listed and codes repeat.
	const asOf =
		optionalDate('as_of', request.asOf) ??
		(await mapFrame(db, { level: 'commune', startDay, endDay, asOf: null })).asOf;
	const parents = await unitsInSpan(db, request.parent, asOf ?? startDay, asOf ?? endDay);
	if (parents.length === 0)
		notFound(`No unit bore code "${request.parent}" during ${asOf ?? period.code}`);
	const components = componentsOf('service_index');
	const rows = await aggregate(db, {
		indicators: components,
		level: 'commune',
		start: period.start,
		end: period.end,
		startDay,
		endDay,
		asOf: asOf ?? undefined,
		parentIds: parents.map((p) => p.id)
	});
	const lang = request.lang ?? 'vi';
	const serviceIndex = findIndicator('service_index')!;
	const out: PriorityRow[] = rows.map((r) => {
		const rates = new Map(
			components.map((c) => [c.code, r.byIndicator.get(c.code)?.value ?? null])
		);
		const scored = scoreComposite('service_index', rates);
		const withValue = components.filter((c) => rates.get(c.code) !== null);
		const scale = withValue.length ? 100 / withValue.reduce((s, c) => s + c.scoring!.points, 0) : 0;
		const gaps = components
			.map((c) => {
				const agg = r.byIndicator.get(c.code);
				return explainGap({
					indicator: c,
					numerator: agg?.numerator ?? null,
					denominator: agg?.denominator ?? null,
					monthsReported: agg?.monthsReported ?? 0,
					pointScale: scale
				});
			})
			.filter((g) => g.points_lost > 0 || g.value === null)
			.sort((a, b) => b.points_lost - a.points_lost)
			.map((g) => ({ ...g, action: g.action[lang], action_i18n: g.action }));
		const e = evaluate(serviceIndex, r);
		return {
			unit_code: r.code,
			unit_name: r.name,
			service_index: scored.value,
			points_recoverable: scored.value === null ? null : 100 - scored.value,
			low_confidence: e.low_confidence,
			months_reported: e.months_reported,
			months_expected: r.expected,
			gaps
		};
	});
	out.sort(
		(a, b) =>
			(b.points_recoverable ?? -1) - (a.points_recoverable ?? -1) ||
			a.unit_code.localeCompare(b.unit_code)
	);
	return {
		parent: request.parent,
		period: period.code,
		as_of: asOf,
		rows: focus ? focusOn(out, focus) : out
	};
}
