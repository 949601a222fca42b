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
	unitOfRow,
	type AggregateRow,
	type Plain
} from './aggregate-columns.ts';
import { unitNames, type UnitName } from './units.ts';

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

/**
 * Runs the aggregate; one row per target (and bucket), in the order of their codes (bytewise),
 * targets without data included. With `names` (the units' names, read once per data version,
 * awaited beside the query), the query returns figures only.
 */
export async function aggregate(
	db: Executor,
	spec: AggregateSpec,
	names?: Promise<ReadonlyMap<number, UnitName>>
): Promise<AggregateRow[]> {
	const plain = plainOf(spec.indicators);
	// One month per group (monthly buckets, or a one-month span) on the period's own units (no
	// lineage, so no source twice under a target): one fact row per group, so the rows are read
	// as they are, without grouping them (a national month: 9,746 groups of one row).
	const rowwise = !spec.asOf && (spec.bucket === 'month' || spec.start === spec.end);
	const b = spec.bucket ? bucketExpr(spec.bucket) : null;
	// On the period's own units: one grouping, or none, where it gives what two give.
	const agg =
		(!spec.asOf && ownUnitsAgg(plain, spec, b, rowwise)) || twoStepAgg(plain, spec, b, rowwise);
	// A commune of its own units is its only source: its months are its own.
	const expected =
		spec.level === 'commune' && !spec.asOf
			? sql`expected as (select source_id as target_id, expected from unit_map)`
			: sql`expected as (select target_id, sum(expected)::int as expected from unit_map group by target_id)`;
	const named = names ? sql`` : sql`t.code, t.name, t.short_name, t.valid_from, t.valid_to,`;
	const query = sql`with recursive ${unitMapCtes(spec)},
		${agg},
		${expected}
		select t.id as target_id, ${named} ${b ? sql`agg.bucket,` : sql``}
			coalesce(e.expected, 0) as expected, coalesce(agg.harmonised, false) as harmonised,
			${outputColumns(plain)}
		from targets t
			left join agg on agg.target_id = t.id
			left join expected e on e.target_id = t.id
		-- a level's codes are digit strings of one length: byte order is their order
		order by t.code collate "C" ${b ? sql`, agg.bucket` : sql``}`;
	const [rows, known] = await Promise.all([db.rows<Record<string, unknown>>(query), names]);
	if (!known) return rows.map((r) => rowOf(plain, r, unitOfRow(r)));
	// A unit new since the names were read (a change committed meanwhile) is read now.
	const missing = rows.map((r) => Number(r.target_id)).filter((id) => !known.has(id));
	const late = missing.length ? await unitNames(db, missing) : null;
	// One gone again meanwhile: asked once more, with the names.
	if (late && late.size < missing.length) return aggregate(db, spec);
	return rows.map((r) => {
		const id = Number(r.target_id);
		return rowOf(plain, r, known.get(id) ?? late!.get(id)!);
	});
}

/** The facts of the period's months, joined to the sources of the unit map. */
const factsOf = (spec: AggregateSpec) =>
	sql`unit_map m
				join monthly_facts f on f.unit_id = m.source_id
					and f.month between ${spec.start + '-01'}::date and ${spec.end + '-01'}::date`;

/**
 * CTE `agg` on the period's own units (no lineage, every share 1): one grouping of the fact rows
 * where one gives what two give (directColumns), or none; null where it does not.
 * - Communes are their own sources: their fact rows are read as they are (a month, `rowwise`)
 *   or grouped by commune, and the targets pick theirs afterwards (a national commune year
 *   groups 117,000 rows without first joining each to its commune). Under a parent, only the
 *   targets' rows are read.
 * - Districts and provinces sum flows from the fact rows into their targets at once (a national
 *   year by province groups 117,000 rows once, not into 9,746 sources first), since a flow's
 *   sums add up over communes as over months. Stocks, and single months, keep the two steps.
 */
function ownUnitsAgg(
	plain: Plain,
	spec: AggregateSpec,
	b: SQL | null,
	rowwise: boolean
): SQL | null {
	const bucket = b ? sql`, ${b} as bucket` : sql``;
	const byBucket = b ? sql`, bucket` : sql``;
	if (spec.level === 'commune') {
		const some = spec.parentIds?.length || spec.targetIds?.length;
		return sql`agg as (
			select f.unit_id as target_id ${bucket}, false as harmonised, ${directColumns(plain, rowwise)}
			from monthly_facts f
			where f.month between ${spec.start + '-01'}::date and ${spec.end + '-01'}::date
				${some ? sql`and f.unit_id in (select id from targets)` : sql``}
			${rowwise ? sql`` : sql`group by f.unit_id ${byBucket}`}
		)`;
	}
	if (rowwise || !allFlows(plain)) return null;
	return sql`agg as (
			select m.target_id ${bucket}, false as harmonised, ${directColumns(plain)}
			from ${factsOf(spec)}
			group by m.target_id ${byBucket}
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
