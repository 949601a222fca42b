/**
 * `areaOverview`: what a leader of a province or (before 2025-07) a district sees of their area
 * in a period: KPI tiles of the main indicators (area-tiles.ts), the communes under it for one
 * indicator, the alerts they raise (area-alerts.ts), the districts under a province while
 * districts existed, and the communes drawn as SVG paths for a small map.
 */
import type { Executor } from '../db/index.ts';
import { firstDay, lastDay, type Period } from '../../domain/periods.ts';
import { previousPeriod } from '../../domain/period-shift.ts';
import type { Alert } from '../../domain/alerts.ts';
import { QueryError, notFound } from './errors.ts';
import { resolveUnit, unitsInSpan, type UnitRow } from './units.ts';
import { requireIndicator, requirePeriod, valuesFor, type ValueRow } from './values.ts';
import { shapesOf } from './geometry.ts';
import { svgMap, type ShapeInput, type SvgMap } from '../../geo/svg-map.ts';
import { tilesOf, type KpiTile } from './area-tiles.ts';
import { alertsOf, minDate } from './area-alerts.ts';

export type { KpiTile } from './area-tiles.ts';

export interface AreaUnit {
	code: string;
	name: string;
	level: 'province' | 'district';
	validFrom: string | null;
	validTo: string | null;
	parentCode: string | null;
	parentName: string | null;
}

export interface AreaOverview {
	area: AreaUnit;
	period: string;
	indicator: string;
	tiles: KpiTile[];
	communes: ValueRow[];
	/** Districts under the province while they existed (empty otherwise). */
	districts: ValueRow[];
	alerts: Alert[];
	/** The communes' figures in the previous period, on this period's units, by code. */
	previous: { period: string; values: Record<string, number | null> };
	/** The communes drawn as SVG paths for the small map (360 × 300). */
	map: SvgMap;
}

export interface AreaRequest {
	code: string;
	period: string;
	indicator?: string | null;
}

/** The province or district bearing `code` during the period; 404 for anything else. */
export async function resolveArea(db: Executor, code: string, period: Period): Promise<UnitRow> {
	const found = await unitsInSpan(db, code, firstDay(period.start), lastDay(period.end));
	const area = found.filter((u) => u.level !== 'commune').at(-1);
	if (!area)
		notFound(
			found.length
				? `"${code}" is a commune: its page is /units/${code}`
				: `No province or district bore code "${code}" during ${period.code}`
		);
	return area;
}

/** Everything the area page shows; 404 for an unknown area, 400 for a bad period or indicator. */
export async function areaOverview(db: Executor, request: AreaRequest): Promise<AreaOverview> {
	const period = requirePeriod(request.period);
	const indicator = requireIndicator(request.indicator || 'service_index');
	const area = await resolveArea(db, request.code, period);
	const districtsExisted = area.level === 'province' && firstDay(period.start) < '2025-07-01';
	const lastDayShown = minDate(lastDay(period.end), area.valid_to);
	// Everything below needs only the area: asked at once, not one after another (the alerts and
	// the map wait for the communes' figures themselves, the rest does not).
	const communes = valuesFor(db, {
		indicator: indicator.code,
		period: period.code,
		level: 'commune',
		parent: area.code
	});
	// The alerts await the rows only after their own query: a failure is answered through
	// `communes`, so this copy must not count as unhandled meanwhile.
	const communeRows = communes.then((v) => v.rows);
	communeRows.catch(() => {});
	const [values, parent, tiles, { alerts, previous }, districts, shapes] = await Promise.all([
		communes,
		area.parent_code ? resolveUnit(db, area.parent_code, lastDayShown) : null,
		tilesOf(db, area, period),
		alertsOf(db, area, indicator, period, communeRows),
		districtsExisted
			? valuesFor(db, {
					indicator: indicator.code,
					period: period.code,
					level: 'district',
					parent: area.code
				})
					.then((r) => r.rows)
					.catch((e) => (e instanceof QueryError ? [] : Promise.reject(e)))
			: Promise.resolve([] as ValueRow[]),
		communes.then((v) => shapesOf(db, v.unitIds))
	]);
	return {
		area: {
			code: area.code,
			name: area.name,
			level: area.level as 'province' | 'district',
			validFrom: area.valid_from,
			validTo: area.valid_to,
			parentCode: area.parent_code,
			parentName: parent?.name ?? null
		},
		period: period.code,
		indicator: indicator.code,
		tiles,
		communes: values.rows.map(({ components: _components, ...row }) => row),
		districts,
		alerts,
		previous: { period: previousPeriod(period), values: previous },
		map: svgMap(
			values.unitIds.map((id, k) => ({
				code: values.rows[k].unit_code,
				geometry: (shapes.get(id)?.geometry ?? null) as ShapeInput['geometry']
			})),
			360,
			300,
			{ minStep: 1 }
		)
	};
}
