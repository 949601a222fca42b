/**
 * The lineage of units: which units one was formed from (its predecessors) and which it went
 * into (its successors), each with the share of it that passed (1 for a whole-unit merge). One
 * query for any number of units, used by the unit page, the series, compare and search.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { intArray } from './arrays.ts';

export interface LinkedUnit {
	code: string;
	name: string;
	valid_from: string | null;
	valid_to: string | null;
	share: number;
}

export interface Lineage {
	predecessors: LinkedUnit[];
	successors: LinkedUnit[];
}

/**
 * The predecessors and successors of each of the units `ids`, ordered by code; a unit the
 * lineage does not name has none. A link of a unit to itself is never a predecessor or successor.
 */
export async function lineageOf(
	db: Executor,
	ids: readonly number[]
): Promise<Map<number, Lineage>> {
	const out = new Map<number, Lineage>();
	if (ids.length === 0) return out;
	const rows = await db.rows<LinkedUnit & { subject: number; side: 'from' | 'to' }>(sql`
		select l.to_unit_id as subject, 'from' as side, u.code, u.name,
			u.valid_from::text as valid_from, u.valid_to::text as valid_to, l.share::float8 as share
		from lineage l join units u on u.id = l.from_unit_id
		where l.to_unit_id = any(${intArray(ids)}) and l.from_unit_id <> l.to_unit_id
		union all
		select l.from_unit_id, 'to', u.code, u.name, u.valid_from::text, u.valid_to::text,
			l.share::float8
		from lineage l join units u on u.id = l.to_unit_id
		where l.from_unit_id = any(${intArray(ids)}) and l.from_unit_id <> l.to_unit_id
		order by code, valid_from nulls first`);
	for (const { subject, side, ...unit } of rows) {
		const id = Number(subject);
		const lineage = out.get(id) ?? { predecessors: [], successors: [] };
		(side === 'from' ? lineage.predecessors : lineage.successors).push(unit);
		out.set(id, lineage);
	}
	return out;
}

/** The predecessors and successors of one unit. */
export async function lineageOfUnit(db: Executor, id: number): Promise<Lineage> {
	return lineageIn(await lineageOf(db, [id]), id);
}

/** The lineage of `id` in an answer of {@link lineageOf}: empty lists when it has none. */
export function lineageIn(lineage: Map<number, Lineage>, id: number): Lineage {
	return lineage.get(id) ?? { predecessors: [], successors: [] };
}
