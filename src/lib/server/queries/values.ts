/**
 * `valuesFor`: one indicator, one period, every unit of a level (optionally under a parent, and
 * optionally on the units valid at `asOf`), with sample sizes, completeness, ranks and bands.
 */
import type { Executor } from '../db/index.ts';
import { findIndicator, INDICATOR_CODES, type Indicator } from '../../domain/indicators.ts';
import {
	firstDay,
	isIsoDate,
	lastDay,
	parsePeriod,
	PERIOD_FORMS,
	type Period
} from '../../domain/periods.ts';
import { band, type Band, type ComponentScore } from '../../domain/scoring.ts';
import { rankOrder } from '../../domain/rank.ts';
import { aggregate } from './aggregate.ts';
import { badRequest, notFound } from './errors.ts';
import { unitsInSpan, resolveUnit, unitNames, type Level } from './units.ts';
import { dataSpan } from './settings.ts';
import { yearTargets } from './targets.ts';
import { meetsTarget } from '../../domain/trend.ts';
import { eraOf, type Era } from '../../domain/era.ts';
import { mapFrame } from './map.ts';
import { evaluate, inputsOf } from './values-evaluate.ts';
import { direct, type Memo } from './version-memo.ts';

export { evaluate, inputsOf };

/** One unit's figure for an indicator and period, as the API, the tables and the profile give it. */
export interface Figure {
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	months_reported: number;
	months_expected: number;
	low_confidence: boolean;
	rank: number | null;
	band: Band | null;
}

export interface ValueRow extends Figure {
	unit_code: string;
	unit_name: string;
	/** The unit's validity (YYYY-MM-DD, null open-ended): a row is (unit_code, valid_from). */
	valid_from: string | null;
	valid_to: string | null;
	era: Era;
	/** The year's target for this unit (its own, else the general one), and whether it is met. */
	target: number | null;
	meets_target: boolean | null;
	/** Composite indicators only: how each component scored. */
	components?: ComponentScore[];
	/** True when some of the figure comes from predecessor units (only with `as_of`). */
	harmonised: boolean;
}

export interface ValuesResult {
	indicator: string;
	period: string;
	level: Level;
	as_of: string | null;
	/** The period straddles a reorganisation and, without `as_of`, is reported on the units
	 * valid on this date (its last day), as the map draws it; null otherwise. */
	merged_onto: string | null;
	rows: ValueRow[];
	/** Internal: unit ids in row order (for joining geometry); not part of the JSON. */
	unitIds: number[];
}

export interface ValuesRequest {
	indicator: string;
	period: string;
	level: Level;
	parent?: string | null;
	asOf?: string | null;
}

/** Checks an indicator code; 404 listing the known ones otherwise. */
export function requireIndicator(code: string | null | undefined): Indicator {
	const indicator = code ? findIndicator(code) : undefined;
	if (!indicator)
		notFound(`Unknown indicator "${code ?? ''}". Known indicators: ${INDICATOR_CODES.join(', ')}`);
	return indicator;
}

/** Checks a period code; 400 naming the accepted forms otherwise. */
export function requirePeriod(code: string | null | undefined): Period {
	const period = code ? parsePeriod(code) : null;
	if (!period) badRequest(`Invalid period "${code ?? ''}": use ${PERIOD_FORMS}`);
	return period;
}

/** Checks an optional date parameter. */
export function optionalDate(name: string, value: string | null | undefined): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (!isIsoDate(value)) badRequest(`Invalid ${name} "${value}": use a date YYYY-MM-DD`);
	return value;
}

/**
 * Figures of one indicator for every unit of a level in a period, on the units the map draws
 * them on ({@link mapFrame}): one era only, so no code appears twice.
 */
export async function valuesFor(
	db: Executor,
	request: ValuesRequest,
	memo: Memo = direct
): Promise<ValuesResult> {
	const indicator = requireIndicator(request.indicator);
	const period = requirePeriod(request.period);
	const askedAsOf = optionalDate('as_of', request.asOf);
	if (askedAsOf) {
		const { first } = await memo('span', () => dataSpan(db));
		if (first && askedAsOf < `${first}-01`)
			badRequest(
				`as_of ${askedAsOf} is before any data (the first month with figures is ${first})`
			);
	}
	const startDay = firstDay(period.start);
	const endDay = lastDay(period.end);
	const frame = await memo(`frame|${request.level}|${startDay}|${endDay}|${askedAsOf ?? ''}`, () =>
		mapFrame(db, { level: request.level, startDay, endDay, asOf: askedAsOf })
	);
	const asOf = frame.asOf;
	let parentIds: number[] | undefined;
	if (request.parent) {
		const code = request.parent;
		const parents = await memo(`parents|${code}|${startDay}|${endDay}|${asOf ?? ''}`, async () =>
			asOf ? [await resolveUnit(db, code, asOf)] : await unitsInSpan(db, code, startDay, endDay)
		);
		if (parents.length === 0)
			notFound(`No unit bore code "${request.parent}" during ${period.code}`);
		parentIds = parents.map((p) => p.id);
	}
	// Through a memo, the units' names are read once per data version, not with each view.
	const names = memo === direct ? undefined : memo('unit-names', () => unitNames(db));
	const [rows, targetOf] = await Promise.all([
		aggregate(
			db,
			{
				indicators: inputsOf(indicator),
				level: request.level,
				start: period.start,
				end: period.end,
				startDay,
				endDay,
				asOf: asOf ?? undefined,
				parentIds
			},
			names
		),
		yearTargets(db, indicator.code, period.year)
	]);
	if (rows.length === 0) {
		const under = request.parent ? ` under ${request.parent}` : '';
		notFound(
			(askedAsOf
				? `No ${request.level} units${under} were valid on ${asOf}`
				: asOf
					? `No ${request.level} units${under} were in force at the end of ${period.code} (${asOf}), and a period across a reorganisation is shown on the units of its end`
					: `No ${request.level} units${under} existed during ${period.code}`) +
				(request.level === 'district' && !askedAsOf
					? ' (districts were abolished on 2025-07-01)'
					: '')
		);
	}
	if (askedAsOf && rows.every((r) => r.expected === 0))
		badRequest(
			`No figures can be shown on the units of ${asOf} for ${period.code}: as_of is before any data of that period`
		);
	const evaluated = rows.map((r) => evaluate(indicator, r));
	// Best first, then by code: the aggregate's rows come in the order of their codes, and ties
	// keep it. The rows are built once, in that order: a national view has 10,000 of them.
	const { ranks, order } = rankOrder(
		evaluated.map((e) => e.value),
		indicator.better
	);
	const out = order.map((k): ValueRow => {
		const row = rows[k];
		const e = evaluated[k];
		const target = targetOf(row.targetId);
		return {
			unit_code: row.code,
			unit_name: row.name,
			valid_from: row.validFrom,
			valid_to: row.validTo,
			era: eraOf({ valid_from: row.validFrom, valid_to: row.validTo }),
			value: e.value,
			numerator: e.numerator,
			denominator: e.denominator,
			months_reported: e.months_reported,
			months_expected: row.expected,
			low_confidence: e.low_confidence,
			rank: ranks[k],
			band: indicator.kind === 'composite' ? band(e.value) : null,
			target,
			meets_target: meetsTarget(e.value, target, indicator.better),
			...(e.components ? { components: e.components } : {}),
			harmonised: row.harmonised
		};
	});
	return {
		indicator: indicator.code,
		period: period.code,
		level: request.level,
		as_of: askedAsOf,
		merged_onto: frame.implicitAsOf ? frame.asOf : null,
		rows: out,
		unitIds: order.map((k) => rows[k].targetId)
	};
}
