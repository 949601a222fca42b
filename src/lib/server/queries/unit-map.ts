/**
 * Which communes' figures make up which reported unit. Counts add up, so any unit's figure is the
 * sum over its source communes: a commune is its own source; a district or province sums the
 * communes under it; with `asOf`, communes of earlier eras are carried through the lineage to the
 * unit that succeeded them on that date (× share), so old periods can be shown on today's units.
 *
 * The builder returns CTEs named `targets` (id, code, name, short_name, level, valid_from,
 * valid_to: the unit's validity as text, which with the code identifies it) and `unit_map`
 * (source_id, target_id, share, expected, via_lineage): `expected` is the number of months of the period
 * during which the source commune existed.
 */
import { sql, type SQL } from 'drizzle-orm';
import { intArray } from './arrays.ts';
import type { Level } from './units.ts';
import { monthsBetween } from '../../domain/periods.ts';

export interface UnitMapSpec {
	level: Level;
	/** First day of the first month and last day of the last month of the period. */
	startDay: string;
	endDay: string;
	/** Report on the units valid on this date instead of the units of the period. */
	asOf?: string;
	/** Only targets under these units (at any depth). */
	parentIds?: number[];
	/** Only these target units. */
	targetIds?: number[];
}

/** A day: a YYYY-MM-DD parameter, or an SQL expression of type date (a column of `spans`). */
type Day = string | SQL;
const day = (d: Day): SQL => (typeof d === 'string' ? sql`${d}::date` : d);

/** Written without `coalesce`, so the planner estimates it from the columns' statistics. */
const overlaps = (u: string, startDay: Day, endDay: Day) =>
	sql`(${sql.raw(u)}.valid_from is null or ${sql.raw(u)}.valid_from <= ${day(endDay)})
		and (${sql.raw(u)}.valid_to is null or ${sql.raw(u)}.valid_to >= ${day(startDay)})`;

const validOn = (u: string, at: string) =>
	sql`coalesce(${sql.raw(u)}.valid_from, '0001-01-01') <= ${at}::date
		and coalesce(${sql.raw(u)}.valid_to, '9999-12-31') >= ${at}::date`;

/** The target of a commune (alias `u`) at a level. */
const targetOf = (u: string, level: Level) =>
	sql.raw(
		level === 'commune' ? `${u}.id` : level === 'district' ? `${u}.district_id` : `${u}.province_id`
	);

/**
 * Months of [startDay, endDay] that fall wholly inside the unit's validity (alias `u`). A unit
 * valid all period (nearly every unit of nearly every period) is answered without the date
 * arithmetic, which cost ~17 ms of the database's time over the country's 10,000 communes.
 */
function expectedMonths(u: string, startDay: Day, endDay: Day): SQL {
	const from = sql`greatest(${day(startDay)}, case
		when ${sql.raw(u)}.valid_from is null then ${day(startDay)}
		when extract(day from ${sql.raw(u)}.valid_from) = 1 then ${sql.raw(u)}.valid_from
		else (date_trunc('month', ${sql.raw(u)}.valid_from) + interval '1 month')::date end)`;
	const to = sql`least(date_trunc('month', ${day(endDay)})::date, case
		when ${sql.raw(u)}.valid_to is null then date_trunc('month', ${day(endDay)})::date
		when ${sql.raw(u)}.valid_to = (date_trunc('month', ${sql.raw(u)}.valid_to) + interval '1 month - 1 day')::date
			then date_trunc('month', ${sql.raw(u)}.valid_to)::date
		else (date_trunc('month', ${sql.raw(u)}.valid_to) - interval '1 month')::date end)`;
	const index = (d: SQL) => sql`(extract(year from ${d}) * 12 + extract(month from ${d}))`;
	const whole =
		typeof startDay === 'string' && typeof endDay === 'string'
			? sql`${monthsBetween(startDay.slice(0, 7), endDay.slice(0, 7)).length}::int`
			: sql`(${index(day(endDay))} - ${index(day(startDay))} + 1)::int`;
	return sql`case when coalesce(${sql.raw(u)}.valid_from, '0001-01-01') <= ${day(startDay)}
			and coalesce(${sql.raw(u)}.valid_to, '9999-12-31') >= ${day(endDay)} then ${whole}
		else greatest(0, ${index(to)} - ${index(from)} + 1)::int end`;
}

function targetFilter(spec: Pick<UnitMapSpec, 'parentIds' | 'targetIds'>, t: string): SQL {
	const parts: SQL[] = [];
	if (spec.parentIds?.length) {
		const ids = intArray(spec.parentIds);
		parts.push(
			sql`(${sql.raw(t)}.parent_id = any(${ids}) or ${sql.raw(t)}.district_id = any(${ids}) or ${sql.raw(t)}.province_id = any(${ids})) and not ${sql.raw(t)}.id = any(${ids})`
		);
	}
	if (spec.targetIds?.length) parts.push(sql`${sql.raw(t)}.id = any(${intArray(spec.targetIds)})`);
	return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** CTEs `targets` and `unit_map` for a report; start the query with `with recursive`. */
export function unitMapCtes(spec: UnitMapSpec): SQL {
	const { level, startDay, endDay, asOf } = spec;
	const targets = sql`targets as (
		select t.id, t.code, t.name, t.short_name, t.level, t.valid_from::text as valid_from,
			t.valid_to::text as valid_to from units t
		where t.level = ${level} and ${asOf ? validOn('t', asOf) : overlaps('t', startDay, endDay)}
			${targetFilter(spec, 't')}
	)`;
	if (!asOf) {
		// A commune is its own target: the communes of the map are the targets, with no join.
		const mine =
			level === 'commune'
				? targetFilter(spec, 'u')
				: sql`and ${targetOf('u', level)} in (select id from targets)`;
		// Not materialized: the planner then sees the units table itself (its statistics, its
		// keys) and hashes the few thousand units to join the period's fact rows to, where over
		// a materialized CTE it hashed the 117,000 fact rows of a national year instead.
		return sql`${targets},
		unit_map as not materialized (
			select u.id as source_id, ${targetOf('u', level)} as target_id, 1.0::float8 as share,
				${expectedMonths('u', startDay, endDay)} as expected, false as via_lineage
			from units u
			where u.level = 'commune' and ${overlaps('u', startDay, endDay)}
				${mine}
		)`;
	}
	return sql`${targets},
		${predecessors(level, asOf)},
		unit_map as (
			select p.source_id, ${targetOf('f', level)} as target_id, p.share,
				${expectedMonths('u', startDay, endDay)} as expected, p.depth > 0 as via_lineage
			from predecessors p
				join units f on f.id = p.unit_id
				join units u on u.id = p.source_id
			where u.level = 'commune' and ${overlaps('u', startDay, endDay)}
		)`;
}

/**
 * Walked backwards, from the communes valid on `asOf` under the targets to the communes of the
 * period whose figures flow into them: the same paths as following each commune of the period
 * forward (every unit left along the way ended before `asOf`, at most 8 steps, shares
 * multiplied), but started from the targets' few hundred communes, not the whole country's.
 */
function predecessors(level: Level, asOf: string): SQL {
	return sql`predecessors(unit_id, source_id, share, depth) as (
			select f.id, f.id, 1.0::float8, 0 from units f
			where f.level = 'commune' and ${validOn('f', asOf)}
				and ${targetOf('f', level)} in (select id from targets)
			union all
			select p.unit_id, l.from_unit_id, p.share * l.share, p.depth + 1
			from predecessors p
				join lineage l on l.to_unit_id = p.source_id
				join units x on x.id = l.from_unit_id
			where coalesce(x.valid_to, '9999-12-31') < ${asOf}::date and p.depth < 8
		)`;
}

/**
 * The CTEs of {@link unitMapCtes} for several periods at once, each with its own units: after a
 * CTE `spans(k, start_day, end_day)` (one row per period), `targets` and `unit_map` carry the
 * period's `k` as their first column, and each period's rows are the ones `unitMapCtes` gives
 * for that period alone.
 */
export function spanUnitMapCtes(spec: Omit<UnitMapSpec, 'startDay' | 'endDay'>): SQL {
	const { level, asOf } = spec;
	const start = sql`s.start_day`;
	const end = sql`s.end_day`;
	const targets = sql`targets as (
		select s.k, t.id, t.code, t.name, t.short_name, t.level, t.valid_from::text as valid_from,
			t.valid_to::text as valid_to from spans s join units t
			on t.level = ${level} and ${asOf ? validOn('t', asOf) : overlaps('t', start, end)}
			${targetFilter(spec, 't')}
	)`;
	if (!asOf) {
		return sql`${targets},
		unit_map as (
			select s.k, u.id as source_id, ${targetOf('u', level)} as target_id, 1.0::float8 as share,
				${expectedMonths('u', start, end)} as expected, false as via_lineage
			from spans s join units u on u.level = 'commune' and ${overlaps('u', start, end)}
			where (s.k, ${targetOf('u', level)}) in (select k, id from targets)
		)`;
	}
	return sql`${targets},
		${predecessors(level, asOf)},
		unit_map as (
			select s.k, p.source_id, ${targetOf('f', level)} as target_id, p.share,
				${expectedMonths('u', start, end)} as expected, p.depth > 0 as via_lineage
			from predecessors p
				join units f on f.id = p.unit_id
				join units u on u.id = p.source_id
				join spans s on ${overlaps('u', start, end)}
			where u.level = 'commune'
		)`;
}
