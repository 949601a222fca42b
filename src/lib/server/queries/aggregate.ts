/**
 * Aggregates raw monthly counts into indicator numerators and denominators, in SQL, for the
 * targets of a unit map (see unit-map.ts). Two steps: per source commune over the months of the
 * period (flows summed, stocks taken at the last month reported, ratios over the unit-months
 * where both parts are reported), then summed over the sources of each target (× share).
 * Ratios of sums are computed here, in the database; never an average of rates.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { unitMapCtes, type UnitMapSpec } from './unit-map.ts';
import {
	allFlows,
	directColumns,
	outputColumns,
	plainOf,
	rowOf,
	sourceColumns,
	targetColumns,
	type AggregateRow,
	type Plain
} from './aggregate-columns.ts';

export type { Aggregate, AggregateRow } from './aggregate-columns.ts';

export type Bucket = 'month' | 'quarter' | 'year';

export interface AggregateSpec extends UnitMapSpec {
	/** Plain (non-composite) indicators to compute. */
	indicators: Indicator[];
	/** First and last month (YYYY-MM) of facts to read. */
	start: string;
	end: string;
	/** Group by period within the span (for series); one value per target otherwise. */
	bucket?: Bucket;
}

function bucketExpr(bucket: Bucket): SQL {
	switch (bucket) {
		case 'month':
			return sql`to_char(f.month, 'YYYY-MM')`;
		case 'quarter':
			return sql`to_char(f.month, 'YYYY') || '-Q' || extract(quarter from f.month)::int`;
		case 'year':
			return sql`to_char(f.month, 'YYYY')`;
	}
}

/** Runs the aggregate; one row per target (and bucket), targets without data included. */
export async function aggregate(db: Executor, spec: AggregateSpec): Promise<AggregateRow[]> {
	const plain = plainOf(spec.indicators);
	// One month per group (monthly buckets, or a one-month span) on the period's own units (no
	// lineage, so no source twice under a target): one fact row per group, so the rows are read
	// as they are, without grouping them (a national month: 9,746 groups of one row).
	const rowwise = !spec.asOf && (spec.bucket === 'month' || spec.start === spec.end);
	const b = spec.bucket ? bucketExpr(spec.bucket) : null;
	// Flows on the period's own units (no lineage, every share 1) are summed from the fact rows
	// into their targets at once: a national year by province groups 117,000 rows once, not into
	// 9,746 sources first.
	const agg =
		!rowwise && !spec.asOf && allFlows(plain)
			? directAgg(plain, spec, b)
			: twoStepAgg(plain, spec, b, rowwise);
	const query = sql`with recursive ${unitMapCtes(spec)},
		${agg},
		expected as (select target_id, sum(expected)::int as expected from unit_map group by target_id)
		select t.id as target_id, t.code, t.name, t.short_name, t.valid_from, t.valid_to, ${b ? sql`agg.bucket` : sql`null::text as bucket`},
			coalesce(e.expected, 0) as expected, coalesce(agg.harmonised, false) as harmonised,
			${outputColumns(plain)}
		from targets t
			left join agg on agg.target_id = t.id
			left join expected e on e.target_id = t.id
		-- a level's codes are digit strings of one length: byte order is their order
		order by t.code collate "C" ${b ? sql`, agg.bucket` : sql``}`;
	const rows = await db.rows<Record<string, unknown>>(query);
	return rows.map((r) => rowOf(plain, r));
}

/** The facts of the period's months, joined to the sources of the unit map. */
const factsOf = (spec: AggregateSpec) =>
	sql`unit_map m
				join monthly_facts f on f.unit_id = m.source_id
					and f.month between ${spec.start + '-01'}::date and ${spec.end + '-01'}::date`;

/** CTE `agg` of flows without lineage: one grouping, fact rows into targets (directColumns). */
function directAgg(plain: Plain, spec: AggregateSpec, b: SQL | null): SQL {
	return sql`agg as (
			select m.target_id ${b ? sql`, ${b} as bucket` : sql``}, false as harmonised,
				${directColumns(plain)}
			from ${factsOf(spec)}
			group by m.target_id ${b ? sql`, bucket` : sql``}
		)`;
}

/** CTEs `ps` (per source) and `agg` (per target, × share): the general case. */
function twoStepAgg(plain: Plain, spec: AggregateSpec, b: SQL | null, rowwise: boolean): SQL {
	return sql`ps as (
			select m.target_id, m.source_id, m.share, m.via_lineage ${b ? sql`, ${b} as bucket` : sql``},
				${sourceColumns(plain, rowwise, spec.bucket === 'month')}
			from ${factsOf(spec)}
			${rowwise ? sql`` : sql`group by m.target_id, m.source_id, m.share, m.via_lineage ${b ? sql`, bucket` : sql``}`}
		),
		agg as (
			select ps.target_id ${b ? sql`, ps.bucket` : sql``},
				bool_or(ps.via_lineage) as harmonised,
				${targetColumns(plain)}
			from ps group by ps.target_id ${b ? sql`, ps.bucket` : sql``}
		)`;
}
