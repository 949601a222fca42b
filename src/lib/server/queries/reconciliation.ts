/**
 * The official Decision 766 scores beside our service index, per commune: the reconciliation
 * table of an area (`/areas/CODE/reconciliation`) and the commune page's comparison. The causes
 * a difference may have are read from the store: months without figures (the values' own
 * months reported), a merger dated within the period (lineage), months whose figures were
 * written after the portal published its scores (observations' last write).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { ComponentScore } from '../../domain/scoring.ts';
import { firstDay, lastDay, type Period } from '../../domain/periods.ts';
import { causesOf, reconcile, type Cause, type Reconciliation } from '../../domain/reconcile.ts';
import { intArray } from './arrays.ts';
import { resolveArea } from './area.ts';
import { officialPeriods, officialScoresFor, type StoredOfficial } from './official-scores.ts';
import { requirePeriod, valuesFor } from './values.ts';

export interface CauseInput {
	id: number;
	reported: number;
	expected: number;
}

/** The known causes of each unit's difference for a period, by unit id. */
export async function knownCauses(
	db: Executor,
	units: readonly CauseInput[],
	period: Period
): Promise<Map<number, Cause[]>> {
	const ids = units.map((u) => u.id);
	const first = firstDay(period.start);
	const last = lastDay(period.end);
	const [merged, late] =
		ids.length === 0
			? [[], []]
			: await Promise.all([
					db.rows<{ unit_id: number; effective: string }>(sql`
						select unit_id, max(effective)::text as effective from (
							select to_unit_id as unit_id, effective from lineage
							union all select from_unit_id, effective from lineage) l
						where unit_id = any(${intArray(ids)})
							and effective between ${first}::date and ${last}::date
						group by unit_id`),
					db.rows<{ unit_id: number; month: string }>(sql`
						select o.unit_id, to_char(o.month, 'YYYY-MM') as month
						from observations o
							join official_scores s on s.unit_id = o.unit_id and s.period = ${period.code}
						where o.unit_id = any(${intArray(ids)})
							and o.month between ${first}::date and ${firstDay(period.end)}::date
							and s.published_on is not null
							and o.updated_at >= (s.published_on + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
						group by o.unit_id, o.month order by o.month`)
				]);
	const mergedOn = new Map(merged.map((r) => [Number(r.unit_id), r.effective]));
	const lateMonths = new Map<number, string[]>();
	for (const r of late)
		lateMonths.set(Number(r.unit_id), [...(lateMonths.get(Number(r.unit_id)) ?? []), r.month]);
	return new Map(
		units.map((u) => [
			u.id,
			causesOf({
				reported: u.reported,
				expected: u.expected,
				mergedOn: mergedOn.get(u.id) ?? null,
				lateMonths: lateMonths.get(u.id) ?? []
			})
		])
	);
}

export interface ReconciliationRow {
	unit_code: string;
	unit_name: string;
	official: StoredOfficial | null;
	reconciliation: Reconciliation;
}

export interface AreaReconciliation {
	area: { code: string; name: string; level: string };
	period: string;
	/** Periods with official scores in the area, latest first (for the period menu). */
	periods: string[];
	rows: ReconciliationRow[];
	/** Rows with official scores, rows flagged, rows whose official scores are demo data. */
	official: number;
	flagged: number;
	demo: number;
}

/** The reconciliation table of an area; 404 for an unknown area, 400 for a bad period. */
export async function areaReconciliation(
	db: Executor,
	request: { code: string; period: string }
): Promise<AreaReconciliation> {
	const period = requirePeriod(request.period);
	const area = await resolveArea(db, request.code, period);
	const values = await valuesFor(db, {
		indicator: 'service_index',
		period: period.code,
		level: 'commune',
		parent: area.code
	});
	const ids = values.unitIds;
	const [official, periods, causes] = await Promise.all([
		officialScoresFor(db, ids, period.code),
		officialPeriods(db, ids),
		knownCauses(
			db,
			values.rows.map((r, k) => ({
				id: ids[k],
				reported: r.months_reported,
				expected: r.months_expected
			})),
			period
		)
	]);
	const rows = values.rows.map((r, k): ReconciliationRow => {
		const o = official.get(ids[k]) ?? null;
		return {
			unit_code: r.unit_code,
			unit_name: r.unit_name,
			official: o,
			reconciliation: reconcile(
				o,
				{ value: r.value, components: r.components ?? [] },
				causes.get(ids[k]) ?? []
			)
		};
	});
	return {
		area: { code: area.code, name: area.name, level: area.level },
		period: period.code,
		periods,
		rows,
		official: rows.filter((r) => r.official).length,
		flagged: rows.filter((r) => r.reconciliation.flagged).length,
		demo: rows.filter((r) => r.official?.source === 'demo').length
	};
}

/** One unit's official scores beside its service index for the period, or null without any. */
export async function unitReconciliation(
	db: Executor,
	request: {
		unitId: number;
		period: Period;
		index: { value: number | null; components: ComponentScore[] } | null;
		reported: number;
		expected: number;
	}
): Promise<{ official: StoredOfficial; reconciliation: Reconciliation } | null> {
	const { unitId, period } = request;
	const official = (await officialScoresFor(db, [unitId], period.code)).get(unitId);
	if (!official) return null;
	const causes = await knownCauses(
		db,
		[{ id: unitId, reported: request.reported, expected: request.expected }],
		period
	);
	return {
		official,
		reconciliation: reconcile(official, request.index, causes.get(unitId) ?? [])
	};
}
