/**
 * `periodFigures`: the figures {@link aggregate} gives, for several periods at once, in one SQL
 * statement. The area overview asks the same units for many periods — its tiles the period, the
 * previous one, the same period a year before and twelve sparkline months; its alerts the three
 * periods before and the period itself — which were one aggregate each (nine statements, each
 * planned, each building its unit map and reading its facts apart). Here each period is a row of
 * a `spans` CTE: every period keeps its own units and unit map (spanUnitMapCtes), its facts and
 * groups, so each period's rows are exactly the ones `aggregate` gives for it alone.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { firstDay, lastDay } from '../../domain/periods.ts';
import { spanUnitMapCtes, type UnitMapSpec } from './unit-map.ts';
import * as columns from './aggregate-columns.ts';
import type { AggregateRow } from './aggregate-columns.ts';

/** A period's first and last month (YYYY-MM). */
export interface Span {
	start: string;
	end: string;
}

export interface PeriodFiguresSpec extends Omit<UnitMapSpec, 'startDay' | 'endDay'> {
	/** Plain (non-composite) indicators to compute, in every period. */
	indicators: Indicator[];
	spans: Span[];
}

/**
 * The aggregate of each span, in the order of `spec.spans`: for each, one row per target (targets
 * without data included), as `aggregate` gives it for that span alone (without `bucket`).
 */
export async function periodFigures(
	db: Executor,
	spec: PeriodFiguresSpec
): Promise<AggregateRow[][]> {
	if (spec.spans.length === 0) return [];
	const plain = columns.plainOf(spec.indicators);
	const spans = sql.join(
		spec.spans.map(
			(s, k) =>
				sql`(${k}::int, ${s.start + '-01'}::date, ${s.end + '-01'}::date, ${firstDay(s.start)}::date, ${lastDay(s.end)}::date)`
		),
		sql`, `
	);
	// Groups span several months (or, on lineage, several rows of one month), so always grouped;
	// a stock's last month is the greatest [month, value] pair (aggregate-columns.ts).
	const query = sql`with recursive spans(k, start_month, end_month, start_day, end_day) as (values ${spans}),
		${spanUnitMapCtes(spec)},
		ps as (
			select m.k, m.target_id, m.source_id, m.share, m.via_lineage,
				${columns.sourceColumns(plain, false, false)}
			from unit_map m
				join spans s on s.k = m.k
				join monthly_facts f on f.unit_id = m.source_id
					and f.month between s.start_month and s.end_month
			group by m.k, m.target_id, m.source_id, m.share, m.via_lineage
		),
		agg as (
			select ps.k, ps.target_id, bool_or(ps.via_lineage) as harmonised, ${columns.targetColumns(plain)}
			from ps group by ps.k, ps.target_id
		),
		expected as (select k, target_id, sum(expected)::int as expected from unit_map group by k, target_id)
		select t.k, t.id as target_id, t.code, t.name, t.short_name, t.valid_from, t.valid_to,
			null::text as bucket, coalesce(e.expected, 0) as expected,
			coalesce(agg.harmonised, false) as harmonised, ${columns.outputColumns(plain)}
		from targets t
			left join agg on agg.k = t.k and agg.target_id = t.id
			left join expected e on e.k = t.k and e.target_id = t.id
		order by t.k, t.code, t.valid_from`;
	const rows = await db.rows<Record<string, unknown>>(query);
	const out: AggregateRow[][] = spec.spans.map(() => []);
	for (const r of rows) out[Number(r.k)].push(columns.rowOf(plain, r, columns.unitOfRow(r)));
	return out;
}
