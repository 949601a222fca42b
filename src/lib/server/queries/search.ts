/**
 * `searchUnits`: units of every era found by old or new name (or code), today's first, each
 * with the units it was formed from and the units it went into, so a result can say "now part
 * of Xã Than Uyên" or "formed from Xã Phúc Than". Matching and order are the domain's
 * (`domain/search.ts`); SQL only narrows the candidates to names holding every query word.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { rankMatches, type ValidQuery } from '../../domain/search.ts';
import { lineageIn, lineageOf, type LinkedUnit } from './lineage.ts';
import { resolveUnit, type Level } from './units.ts';

export interface UnitMatch {
	id: number;
	code: string;
	name: string;
	type: string;
	level: Level;
	parent_code: string | null;
	parent_name: string | null;
	valid_from: string | null;
	valid_to: string | null;
	/** In force on the date asked (today by default). */
	current: boolean;
	predecessors: LinkedUnit[];
	successors: LinkedUnit[];
}

export interface SearchOptions {
	/** The date that decides which units are current: today unless asked. */
	at: string;
	level?: Level;
	/** Only units under this unit (any depth), resolved at `at`. */
	parentCode?: string;
	limit?: number;
}

export const SEARCH_LIMIT = 30;

const like = (word: string) => `%${word.replace(/[%_\\]/g, (c) => '\\' + c)}%`;

/** Units matching `query`, best first (see `rankMatches`), with their lineage. */
export async function searchUnits(
	db: Executor,
	query: ValidQuery,
	options: SearchOptions
): Promise<UnitMatch[]> {
	const { at } = options;
	const parentId = options.parentCode ? (await resolveUnit(db, options.parentCode, at)).id : null;
	// `search_name` is the name's key with its prefix: every word of the query's core is in it.
	const words = sql.join(
		query.words.map((w) => sql`u.search_name like ${like(w)}`),
		sql` and `
	);
	const candidates = await db.rows<Omit<UnitMatch, 'predecessors' | 'successors'>>(sql`
		select u.id, u.code, u.name, u.type, u.level, p.code as parent_code, p.name as parent_name,
			u.valid_from::text as valid_from, u.valid_to::text as valid_to,
			coalesce(u.valid_from, '0001-01-01') <= ${at}::date
				and coalesce(u.valid_to, '9999-12-31') >= ${at}::date as current
		from units u left join units p on p.id = u.parent_id
		where ((${words}) or u.code = ${query.text})
			${options.level ? sql`and u.level = ${options.level}` : sql``}
			${parentId !== null ? sql`and (u.parent_id = ${parentId} or u.district_id = ${parentId} or u.province_id = ${parentId}) and u.id <> ${parentId}` : sql``}`);
	const ranked = rankMatches(query, candidates, options.limit ?? SEARCH_LIMIT);
	const lineage = await lineageOf(
		db,
		ranked.map((u) => Number(u.id))
	);
	return ranked.map((u) => ({
		...u,
		id: Number(u.id),
		...lineageIn(lineage, Number(u.id))
	}));
}
