/**
 * `unitProfile`: what the page of one unit shows for a period: the unit (resolved at the
 * period, or today), its parent, its lineage, and every indicator with its counts, months
 * reported and rank among the units of the same level under the same parent. One aggregate
 * over all plain indicators for the unit and its siblings; composites are scored from it.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { INDICATORS, type IndicatorCode } from '../../domain/indicators.ts';
import { firstDay, lastDay, type Period } from '../../domain/periods.ts';
import { rankValues } from '../../domain/rank.ts';
import { band } from '../../domain/scoring.ts';
import { aggregate } from './aggregate.ts';
import { notFound } from './errors.ts';
import { lineageOfUnit, type LinkedUnit } from './lineage.ts';
import { mapFrame } from './map.ts';
import { evaluate, type Figure } from './values.ts';
import { resolveUnit, type Level } from './units.ts';

export interface ProfileUnit {
	id: number;
	code: string;
	name: string;
	type: string;
	level: Level;
	valid_from: string | null;
	valid_to: string | null;
	/** `type` as the store names it (`Tỉnh`, `Huyện` …): says where a rank is counted. */
	parent: { code: string; name: string; id: number; type: string } | null;
}

export interface ProfileFigure extends Figure {
	indicator: IndicatorCode;
}

export interface UnitProfile {
	unit: ProfileUnit;
	predecessors: LinkedUnit[];
	successors: LinkedUnit[];
	period: string;
	/** Figures are on the units in force on this date (the unit did not exist all period). */
	asOf: string | null;
	harmonised: boolean;
	/** Units ranked against (same level, same parent). */
	siblings: number;
	figures: ProfileFigure[];
}

const unitColumns = sql`u.id, u.code, u.name, u.type, u.level, u.valid_from::text as valid_from,
	u.valid_to::text as valid_to, p.id as parent_id, p.code as parent_code, p.name as parent_name, p.type as parent_type`;

type UnitRecord = Omit<ProfileUnit, 'parent'> & {
	parent_id: number | null;
	parent_code: string | null;
	parent_name: string | null;
	parent_type: string | null;
};

const toUnit = (r: UnitRecord): ProfileUnit => ({
	id: Number(r.id),
	code: r.code,
	name: r.name,
	type: r.type,
	level: r.level,
	valid_from: r.valid_from,
	valid_to: r.valid_to,
	parent:
		r.parent_id === null
			? null
			: {
					id: Number(r.parent_id),
					code: r.parent_code ?? '',
					name: r.parent_name ?? '',
					type: r.parent_type ?? ''
				}
});

const inForceOn = (u: UnitRecord, day: string) =>
	(u.valid_from ?? '0001-01-01') <= day && (u.valid_to ?? '9999-12-31') >= day;

/**
 * The unit bearing `code` on `at` when given (a link naming the version of a reused code; 404
 * naming the code's spans when none did); else during the period (the latest, when a code was
 * reused within it), or else on `today`; 404 when no unit ever bore it.
 */
async function resolveProfileUnit(
	db: Executor,
	code: string,
	period: Period,
	today: string,
	at: string | null
): Promise<{ unit: ProfileUnit; inPeriod: boolean }> {
	const rows = await db.rows<UnitRecord>(sql`select ${unitColumns}
		from units u left join units p on p.id = u.parent_id
		where u.code = ${code} order by u.valid_from desc nulls last`);
	if (rows.length === 0) notFound(`Unknown unit code "${code}"`);
	const start = firstDay(period.start);
	const end = lastDay(period.end);
	if (at) {
		// resolveUnit answers 404 naming the code's spans when no unit bore it on `at`.
		const { id } = await resolveUnit(db, code, at);
		const version = rows.find((u) => Number(u.id) === Number(id))!;
		const inPeriod =
			(version.valid_from ?? '0001-01-01') <= end && (version.valid_to ?? '9999-12-31') >= start;
		return { unit: toUnit(version), inPeriod };
	}
	const during = rows.find(
		(u) => (u.valid_from ?? '0001-01-01') <= end && (u.valid_to ?? '9999-12-31') >= start
	);
	if (during) return { unit: toUnit(during), inPeriod: true };
	const now = rows.find((u) => inForceOn(u, today));
	return { unit: toUnit(now ?? rows[0]), inPeriod: false };
}

/** Every indicator of one unit for one period, with ranks among its siblings. */
export async function unitProfile(
	db: Executor,
	request: { code: string; period: Period; today: string; at?: string | null }
): Promise<UnitProfile> {
	const { period, today } = request;
	const { unit, inPeriod } = await resolveProfileUnit(
		db,
		request.code,
		period,
		today,
		request.at ?? null
	);
	const startDay = firstDay(period.start);
	const endDay = lastDay(period.end);
	// Before the unit existed, or across a reorganisation, its figures are summed from the units
	// it replaced: report on the units in force on a date it existed. After it ended it has none.
	let asOf: string | null = null;
	if (!inPeriod) {
		if (unit.valid_from && unit.valid_from > endDay) asOf = unit.valid_from;
	} else {
		const frame = await mapFrame(db, { level: unit.level, startDay, endDay, asOf: null });
		if (frame.asOf && (unit.valid_to ?? '9999-12-31') >= frame.asOf) asOf = frame.asOf;
	}
	const plain = INDICATORS.filter((i) => i.aggregation.type !== 'composite');
	const rows = await aggregate(db, {
		indicators: plain,
		level: unit.level,
		start: period.start,
		end: period.end,
		startDay,
		endDay,
		asOf: asOf ?? undefined,
		parentIds: unit.parent ? [unit.parent.id] : undefined
	});
	const mine = rows.findIndex((r) => r.targetId === unit.id);
	const figures = INDICATORS.map((indicator): ProfileFigure => {
		const evaluated = rows.map((r) => evaluate(indicator, r));
		const ranks = rankValues(
			evaluated.map((e) => e.value),
			indicator.better
		);
		const e = mine >= 0 ? evaluated[mine] : null;
		return {
			indicator: indicator.code,
			value: e?.value ?? null,
			numerator: e?.numerator ?? null,
			denominator: e?.denominator ?? null,
			months_reported: e?.months_reported ?? 0,
			months_expected: mine >= 0 ? rows[mine].expected : 0,
			low_confidence: e?.low_confidence ?? false,
			rank: mine >= 0 ? ranks[mine] : null,
			band: indicator.kind === 'composite' ? band(e?.value ?? null) : null
		};
	});
	const { predecessors, successors } = await lineageOfUnit(db, unit.id);
	return {
		unit,
		predecessors,
		successors,
		period: period.code,
		asOf,
		harmonised: mine >= 0 && rows[mine].harmonised,
		siblings: rows.length,
		figures
	};
}
