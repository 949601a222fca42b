/**
 * A unit's monthly facts month by month, for its page: which months it reported (the six groups
 * of the service index, Decision 766) and when each infrastructure stock last changed value.
 * Before a merged unit existed its predecessors stand in for it (through the lineage, as in
 * `seriesFor`), so a commune formed in 2025 shows the reports of the communes it was formed from.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { componentsOf, partsOf } from '../../domain/indicators.ts';
import type { MeasureCode } from '../../domain/measures.ts';
import { firstDay, lastDay } from '../../domain/periods.ts';
import { lastChange, latestChange, type StockChange } from '../../domain/stock-change.ts';
import { unitMapCtes } from './unit-map.ts';
import type { Level } from './units.ts';

export interface FactsUnit {
	id: number;
	level: Level;
	valid_from: string | null;
	valid_to: string | null;
}

export interface FactsRequest {
	unit: FactsUnit;
	/** First and last month (`YYYY-MM`) to read. */
	from: string;
	to: string;
}

export interface ReportingMonth {
	month: string;
	/** Communes whose reports make up the unit's that month (0: none was in force). */
	communes: number;
	/** (commune, group) pairs with both counts reported, of `communes × groups`. */
	reported: number;
	groups: number;
}

/** The six groups of the service index: each reported when both of its counts are. */
const GROUPS = componentsOf('service_index').map(partsOf);

/** The stocks behind the infrastructure index (computers, villages with 4G …). */
export const INVENTORY_MEASURES: readonly MeasureCode[] = [
	...new Set(
		componentsOf('infra_index').flatMap((i) => {
			const { numerator, denominator } = partsOf(i);
			return [numerator, denominator].filter((m): m is MeasureCode => m !== null);
		})
	)
];

const col = (measure: string) => sql.raw(`f."${measure}"`);

/** A day on which the unit was in force, within [from, to] where it can be: its sources' target. */
function inForce(unit: FactsUnit, to: string): string {
	const end = lastDay(to);
	if (unit.valid_to && unit.valid_to < end) return unit.valid_to;
	if (unit.valid_from && unit.valid_from > end) return unit.valid_from;
	return end;
}

/** The unit map of the unit over [from, to]: its own communes, and those it was formed from. */
const sources = (r: FactsRequest) =>
	unitMapCtes({
		level: r.unit.level,
		startDay: firstDay(r.from),
		endDay: lastDay(r.to),
		asOf: inForce(r.unit, r.to),
		targetIds: [r.unit.id]
	});

/** Month by month from `from` to `to`: how many of the service index's groups were reported. */
export async function reportingByMonth(
	db: Executor,
	request: FactsRequest
): Promise<ReportingMonth[]> {
	const reported = GROUPS.map(
		(g) => sql`(${col(g.numerator!)} is not null and ${col(g.denominator!)} is not null)::int`
	);
	// A commune counts in the months wholly within its validity, as `expected` does.
	const rows = await db.rows<{ month: string; communes: number; reported: number }>(sql`
		with recursive ${sources(request)},
		months as (
			select generate_series(${firstDay(request.from)}::date, ${firstDay(request.to)}::date,
				interval '1 month')::date as month
		),
		cells as (
			select distinct s.source_id, m.month from unit_map s
				join units u on u.id = s.source_id
				join months m on coalesce(u.valid_from, '0001-01-01') <= m.month
					and coalesce(u.valid_to, '9999-12-31') >= (m.month + interval '1 month - 1 day')::date
		)
		select to_char(m.month, 'YYYY-MM') as month, count(c.source_id)::int as communes,
			coalesce(sum(${sql.join(reported, sql` + `)}), 0)::int as reported
		from months m
			left join cells c on c.month = m.month
			left join monthly_facts f on f.unit_id = c.source_id and f.month = c.month
		group by m.month order by m.month`);
	return rows.map((r) => ({
		month: r.month,
		communes: Number(r.communes),
		reported: Number(r.reported),
		groups: GROUPS.length
	}));
}

/**
 * When each infrastructure stock last changed value up to `to` (the latest change among the
 * communes it is summed from); null for a stock never reported.
 */
export async function stockChanges(
	db: Executor,
	request: FactsRequest
): Promise<Record<string, StockChange | null>> {
	const rows = await db.rows<Record<string, string | number | null>>(sql`
		with recursive ${sources(request)}
		select f.unit_id, to_char(f.month, 'YYYY-MM') as month,
			${sql.join(
				INVENTORY_MEASURES.map((m) => sql`${col(m)} as ${sql.raw(`"${m}"`)}`),
				sql`, `
			)}
		from monthly_facts f
		where f.unit_id in (select source_id from unit_map)
			and f.month between ${firstDay(request.from)}::date and ${firstDay(request.to)}::date
		order by f.unit_id, f.month`);
	const bySource = new Map<number, typeof rows>();
	for (const r of rows) {
		const id = Number(r.unit_id);
		const history = bySource.get(id);
		if (history) history.push(r);
		else bySource.set(id, [r]);
	}
	const value = (x: string | number | null | undefined) =>
		x === null || x === undefined ? null : Number(x);
	return Object.fromEntries(
		INVENTORY_MEASURES.map((m) => [
			m,
			latestChange(
				[...bySource.values()].map((history) =>
					lastChange(history.map((r) => ({ month: String(r.month), value: value(r[m]) })))
				)
			)
		])
	);
}
