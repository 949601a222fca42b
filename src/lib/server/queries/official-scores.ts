/**
 * The official Decision 766 scores (`official_scores`): written by the portal-file import, the
 * approver's form and the demo, each change audited; read beside our own computation.
 */
import { sql } from 'drizzle-orm';
import type { Executor, Store } from '../db/index.ts';
import type { IndicatorCode } from '../../domain/indicators.ts';
import { OFFICIAL_GROUPS, type OfficialScore } from '../../domain/reconcile.ts';
import { firstDay, lastDay, parsePeriod } from '../../domain/periods.ts';
import { intArray } from './arrays.ts';
import { logAudit } from './audit-log.ts';
import { bumpDataVersion } from './data-version.ts';

export interface OfficialInput extends OfficialScore {
	unitId: number;
	/** `YYYY-MM` or `YYYY-Qn`. */
	period: string;
	publishedOn: string | null;
}

export interface StoredOfficial extends OfficialScore {
	publishedOn: string | null;
	source: 'import' | 'form' | 'demo';
}

export interface SaveCounts {
	inserted: number;
	updated: number;
	unchanged: number;
}

/** The group columns, named as the indicators (catalogue codes, never user input). */
const groupColumns = sql.raw(OFFICIAL_GROUPS.map((c) => `"${c}"`).join(', '));

interface Raw extends Record<IndicatorCode, number | null> {
	unit_id: number;
	period: string;
	total: number;
	published_on: string | null;
	source: StoredOfficial['source'];
}

function toStored(r: Raw): StoredOfficial {
	const groups: OfficialScore['groups'] = {};
	for (const code of OFFICIAL_GROUPS) groups[code] = r[code] === null ? null : Number(r[code]);
	return { groups, total: Number(r.total), publishedOn: r.published_on, source: r.source };
}

/** The official scores of units for one period, by unit id. */
export async function officialScoresFor(
	db: Executor,
	unitIds: readonly number[],
	period: string
): Promise<Map<number, StoredOfficial>> {
	if (unitIds.length === 0) return new Map();
	const rows = await db.rows<Raw>(sql`select unit_id, period, ${groupColumns}, total,
			published_on::text as published_on, source
		from official_scores where period = ${period} and unit_id = any(${intArray(unitIds)})`);
	return new Map(rows.map((r) => [Number(r.unit_id), toStored(r)]));
}

/** Periods with official scores for some of the units, latest first. */
export async function officialPeriods(db: Executor, unitIds: readonly number[]): Promise<string[]> {
	if (unitIds.length === 0) return [];
	const rows = await db.rows<{ period: string }>(sql`select distinct period from official_scores
		where unit_id = any(${intArray(unitIds)}) order by period desc`);
	return rows.map((r) => r.period);
}

const same = (a: StoredOfficial, b: OfficialInput) =>
	a.total === b.total &&
	a.publishedOn === b.publishedOn &&
	OFFICIAL_GROUPS.every((c) => (a.groups[c] ?? null) === (b.groups[c] ?? null));

/**
 * Writes official scores in one transaction (insert or replace per unit and period) and audits
 * every change with the old and new figures; identical rows are counted, not rewritten.
 */
export async function saveOfficialScores(
	store: Store,
	rows: readonly OfficialInput[],
	who: { userId: number | null; actor: string; source: StoredOfficial['source']; file?: string }
): Promise<SaveCounts> {
	return store.transaction(async (tx) => {
		const counts: SaveCounts = { inserted: 0, updated: 0, unchanged: 0 };
		const byPeriod = new Map<string, OfficialInput[]>();
		for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
		for (const [period, list] of byPeriod) {
			const old = await officialScoresFor(
				tx,
				list.map((r) => r.unitId),
				period
			);
			for (const r of list) {
				const before = old.get(r.unitId) ?? null;
				if (before && same(before, r)) {
					counts.unchanged++;
					continue;
				}
				const values = OFFICIAL_GROUPS.map((c) => sql`${r.groups[c] ?? null}::float8`);
				await tx.run(sql`insert into official_scores
						(unit_id, period, ${groupColumns}, total, published_on, source, user_id, actor)
					values (${r.unitId}, ${period}, ${sql.join(values, sql`, `)}, ${r.total}::float8,
						${r.publishedOn}::date, ${who.source}, ${who.userId}, ${who.actor})
					on conflict (unit_id, period) do update set
						${sql.raw(OFFICIAL_GROUPS.map((c) => `"${c}" = excluded."${c}"`).join(', '))},
						total = excluded.total, published_on = excluded.published_on,
						source = excluded.source, user_id = excluded.user_id, actor = excluded.actor,
						updated_at = now()`);
				counts[before ? 'updated' : 'inserted']++;
				await logAudit(tx, {
					userId: who.userId,
					actor: who.actor,
					action: 'official_score_saved',
					unitId: r.unitId,
					detail: {
						period,
						source: who.source,
						file: who.file,
						old: before && { groups: before.groups, total: before.total },
						new: { groups: r.groups, total: r.total, published_on: r.publishedOn }
					}
				});
			}
		}
		// Cached pages (the commune page) show these scores: a change makes them stale.
		if (counts.inserted + counts.updated > 0) await bumpDataVersion(tx);
		return counts;
	});
}

/** Communes bearing these codes during the period (the latest version of each), by code. */
export async function communesByCode(
	db: Executor,
	codes: readonly string[],
	period: string
): Promise<Map<string, { id: number; name: string }>> {
	const p = parsePeriod(period);
	// Unit codes are digits: nothing else can match, and the array literal needs no quoting.
	const valid = codes.filter((c) => /^\d{1,10}$/.test(c));
	if (!p || valid.length === 0) return new Map();
	const rows = await db.rows<{ id: number; code: string; name: string }>(sql`
		select id, code, name from units
		where level = 'commune' and code = any(${`{${valid.join(',')}}`}::text[])
			and coalesce(valid_from, '0001-01-01') <= ${lastDay(p.end)}::date
			and coalesce(valid_to, '9999-12-31') >= ${firstDay(p.start)}::date
		order by valid_from nulls first`);
	return new Map(rows.map((r) => [r.code, { id: Number(r.id), name: r.name }]));
}

/** Removes the demo scores (the demo writes them afresh; imported and typed ones stay). */
export async function deleteDemoOfficial(db: Executor): Promise<number> {
	return db.run(sql`delete from official_scores where source = 'demo'`);
}

/**
 * The official total of every unit with one for `period` (`YYYY-MM` or `YYYY-Qn`, as stored),
 * by unit code: what the map draws when asked for the portal's figures (`source=official`).
 */
export async function officialTotalsByCode(
	db: Executor,
	period: string
): Promise<Map<string, number>> {
	const rows = await db.rows<{ code: string; total: number }>(sql`select u.code, s.total
		from official_scores s join units u on u.id = s.unit_id where s.period = ${period}`);
	return new Map(rows.map((r) => [r.code, Number(r.total)]));
}
