/**
 * The SQL columns of an aggregate (aggregate.ts, period-figures.ts): per source commune, per
 * target, the value of a target from its sums, and a result row as {@link AggregateRow}.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Aggregation, Indicator } from '../../domain/indicators.ts';
import type { UnitName } from './units.ts';

export interface Aggregate {
	numerator: number | null;
	denominator: number | null;
	value: number | null;
	monthsReported: number;
}

export interface AggregateRow {
	targetId: number;
	code: string;
	name: string;
	shortName: string;
	/** The target's validity (YYYY-MM-DD, null open-ended): codes are reused across eras. */
	validFrom: string | null;
	validTo: string | null;
	/** Period code of the bucket, when grouped by period. */
	bucket: string | null;
	expected: number;
	harmonised: boolean;
	byIndicator: Map<string, Aggregate>;
}

const col = (measure: string) => sql.raw(`f."${measure}"`);

/**
 * Last reported value of an expression, over the rows where `cond` holds. Grouped by month, a
 * group holds one month of one commune — one fact row (the key is unit and month), at most
 * repeated by the unit map — so its last value is its only one, and `max` finds it. Over several
 * months, the greatest `[month, value]` pair holds the last month's value: one comparison per
 * row, where `array_agg … order by` sorts inside each group (a province's tiles: 550 groups × a
 * dozen measures, a third of the query's time). Months are distinct within a group, so the pair's
 * value is never compared.
 */
const lastOf =
	(monthly: boolean) =>
	(x: SQL, cond: SQL): SQL =>
		monthly
			? sql`max(${x}) filter (where ${cond})`
			: sql`(max(array[(f.month - date '2000-01-01')::bigint, ${x}]) filter (where ${cond}))[2]`;

/** Per-source numerator, denominator and months-reported expressions for one aggregation. */
export function perSource(
	a: Exclude<Aggregation, { type: 'composite' }>,
	monthly: boolean
): { n: SQL; d: SQL; r: SQL } {
	const last = lastOf(monthly);
	switch (a.type) {
		case 'flow_ratio': {
			const both = sql`${col(a.numerator)} is not null and ${col(a.denominator)} is not null`;
			return {
				n: sql`sum(${col(a.numerator)}) filter (where ${both})`,
				d: sql`sum(${col(a.denominator)}) filter (where ${both})`,
				r: sql`count(*) filter (where ${both})`
			};
		}
		case 'stock_ratio': {
			const both = sql`${col(a.numerator)} is not null and ${col(a.denominator)} is not null`;
			return {
				n: last(col(a.numerator), both),
				d: last(col(a.denominator), both),
				r: sql`count(*) filter (where ${both})`
			};
		}
		case 'per_capita': {
			const both = sql`${col(a.numerator)} is not null and ${col(a.denominator)} is not null`;
			return {
				n: sql`sum(${col(a.numerator)}) filter (where ${both})`,
				d: last(col(a.denominator), both),
				r: sql`count(*) filter (where ${both})`
			};
		}
		case 'flow_sum':
			return {
				n: sql`sum(${col(a.measure)})`,
				d: sql`null::bigint`,
				r: sql`count(${col(a.measure)})`
			};
		case 'stock_sum': {
			const has = sql`${col(a.measure)} is not null`;
			return {
				n: last(col(a.measure), has),
				d: sql`null::bigint`,
				r: sql`count(${col(a.measure)})`
			};
		}
		case 'unit_share': {
			const has = sql`${col(a.measure)} is not null`;
			return {
				n: last(col(a.measure), has),
				d: sql`case when count(${col(a.measure)}) > 0 then 1 end`,
				r: sql`count(${col(a.measure)})`
			};
		}
	}
}

/**
 * The per-source expressions of one fact row: what {@link perSource} gives over a group of one
 * row, where every (target, source, month) group is one fact row (see `rowwise` below).
 */
function perRow(a: Exclude<Aggregation, { type: 'composite' }>): { n: SQL; d: SQL; r: SQL } {
	const one = (cond: SQL) => sql`case when ${cond} then 1 else 0 end`;
	if (a.type === 'flow_ratio' || a.type === 'stock_ratio' || a.type === 'per_capita') {
		const both = sql`${col(a.numerator)} is not null and ${col(a.denominator)} is not null`;
		return {
			n: sql`case when ${both} then ${col(a.numerator)} end`,
			d: sql`case when ${both} then ${col(a.denominator)} end`,
			r: one(both)
		};
	}
	const has = sql`${col(a.measure)} is not null`;
	return {
		n: col(a.measure),
		d: a.type === 'unit_share' ? sql`case when ${has} then 1 end` : sql`null::bigint`,
		r: one(has)
	};
}

/** Target-level value from summed numerator `n` and denominator `d`. */
function valueOf(a: Exclude<Aggregation, { type: 'composite' }>, n: SQL, d: SQL): SQL {
	switch (a.type) {
		case 'flow_ratio':
		case 'stock_ratio':
		case 'per_capita':
		case 'unit_share':
			return sql`(${n} / nullif(${d}, 0) * ${a.scale})::float8`;
		case 'flow_sum':
		case 'stock_sum':
			return sql`${n}`;
	}
}

/** The plain indicators of a spec, each with its aggregation (`n0, d0, r0, v0` is the first). */
export type Plain = { code: string; a: Exclude<Aggregation, { type: 'composite' }> }[];

export function plainOf(indicators: Indicator[]): Plain {
	return indicators.map((i) => {
		if (i.aggregation.type === 'composite') throw new Error(`${i.code} is a composite`);
		return { code: i.code, a: i.aggregation };
	});
}

/** The per-source columns `n0, d0, r0, …` (grouped per source, or of one fact row: `rowwise`). */
export function sourceColumns(plain: Plain, rowwise: boolean, monthly: boolean): SQL {
	return sql.join(
		plain.map(({ a }, k) => {
			const e = rowwise ? perRow(a) : perSource(a, monthly);
			return sql`${e.n} as ${sql.raw(`n${k}`)}, ${e.d} as ${sql.raw(`d${k}`)}, ${e.r} as ${sql.raw(`r${k}`)}`;
		}),
		sql`, `
	);
}

/** The per-target columns `n0, d0, r0, v0, …`, summed over the sources `ps` (× share). */
export function targetColumns(plain: Plain): SQL {
	return sql.join(
		plain.map(({ a }, k) => {
			const n = sql.raw(`sum(ps.n${k} * ps.share)::float8`);
			const d = sql.raw(`sum(ps.d${k} * ps.share)::float8`);
			return sql`${n} as ${sql.raw(`n${k}`)}, ${d} as ${sql.raw(`d${k}`)},
			${sql.raw(`coalesce(sum(ps.r${k}), 0)::int as r${k}`)}, ${valueOf(a, n, d)} as ${sql.raw(`v${k}`)}`;
		}),
		sql`, `
	);
}

/**
 * The per-target columns `n0, d0, r0, v0, …` straight from the fact rows, where one grouping
 * gives what two give: a commune's own rows (it is its target's only source, share 1), or flows
 * without lineage into a larger unit (every source wholly its target's, and a flow's sums and
 * counts add up over sources as over months; see {@link allFlows}). `rowwise`: of one fact row,
 * a commune's month, with no grouping.
 */
export function directColumns(plain: Plain, rowwise = false): SQL {
	return sql.join(
		plain.map(({ a }, k) => {
			const e = rowwise ? perRow(a) : perSource(a, false);
			const n = sql`(${e.n})::float8`;
			const d = sql`(${e.d})::float8`;
			return sql`${n} as ${sql.raw(`n${k}`)}, ${d} as ${sql.raw(`d${k}`)},
			(${e.r})::int as ${sql.raw(`r${k}`)}, ${valueOf(a, n, d)} as ${sql.raw(`v${k}`)}`;
		}),
		sql`, `
	);
}

/** Whether every indicator of `plain` is a flow (summed over months), for {@link directColumns}. */
export const allFlows = (plain: Plain): boolean =>
	plain.every(({ a }) => a.type === 'flow_ratio' || a.type === 'flow_sum');

/** The output columns of `agg`, targets without data included. */
export const outputColumns = (plain: Plain): SQL =>
	sql.join(
		plain.map((_, k) =>
			sql.raw(`agg.n${k}, agg.d${k}, coalesce(agg.r${k}, 0) as r${k}, agg.v${k}`)
		),
		sql`, `
	);

const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));

/** The column names of the `k`-th indicator of a row, made once (a row is read 10,000 times). */
const KEYS: { n: string; d: string; v: string; r: string }[] = [];
const keysOf = (k: number) => (KEYS[k] ??= { n: `n${k}`, d: `d${k}`, v: `v${k}`, r: `r${k}` });

/** The unit of a result row that carries its names (see aggregate.ts). */
export const unitOfRow = (r: Record<string, unknown>): UnitName => ({
	code: String(r.code),
	name: String(r.name),
	shortName: String(r.short_name),
	validFrom: (r.valid_from as string | null) ?? null,
	validTo: (r.valid_to as string | null) ?? null
});

/** One result row as {@link AggregateRow}, of the unit `unit`. */
export function rowOf(plain: Plain, r: Record<string, unknown>, unit: UnitName): AggregateRow {
	const byIndicator: AggregateRow['byIndicator'] = new Map();
	for (let k = 0; k < plain.length; k++) {
		const key = keysOf(k);
		byIndicator.set(plain[k].code, {
			numerator: num(r[key.n]),
			denominator: num(r[key.d]),
			value: num(r[key.v]),
			monthsReported: Number(r[key.r] ?? 0)
		});
	}
	return {
		targetId: Number(r.target_id),
		code: unit.code,
		name: unit.name,
		shortName: unit.shortName,
		validFrom: unit.validFrom,
		validTo: unit.validTo,
		bucket: (r.bucket as string | null) ?? null,
		expected: Number(r.expected),
		harmonised: Boolean(r.harmonised),
		byIndicator
	};
}
