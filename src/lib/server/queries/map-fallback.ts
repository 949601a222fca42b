/**
 * What the public map page adds for readers the interactive map does not reach: the area its
 * units lie in, for the sentence above the map. (Readers without JavaScript get the view's
 * framable map, `/embed/map`, in a frame: components/map/NoScriptMap.svelte.)
 * Per data version and date of the units, it is read once.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { dataVersion } from './data-version.ts';

export interface MapFallback {
	/** The province every unit lies in (its short name), when there is one. */
	place: string | null;
}

// Promises, so that the concurrent first requests of a view share one computation.
const memo = new Map<string, Promise<MapFallback>>();
let memoVersion: number | null = null;

/** The fallback of a map drawn on the units in force on `at` (mapFrame's `at`). */
export async function mapFallback(db: Executor, at: string): Promise<MapFallback> {
	const version = await dataVersion(db);
	if (version !== memoVersion) {
		memo.clear();
		memoVersion = version;
	}
	const known = memo.get(at);
	if (known) return known;
	const made = placeAt(db, at).then((place) => ({ place }));
	memo.set(at, made);
	// A failure is not kept: the next request tries again.
	made.catch(() => memo.get(at) === made && memo.delete(at));
	while (memo.size > 16) memo.delete(memo.keys().next().value!);
	return made;
}

/** The short name of the one province in force on `at`; null when there are several. */
async function placeAt(db: Executor, at: string): Promise<string | null> {
	const rows = await db.rows<{ name: string }>(sql`
		select coalesce(nullif(short_name, ''), name) as name from units
		where level = 'province'
			and coalesce(valid_from, '0001-01-01') <= ${at}::date
			and coalesce(valid_to, '9999-12-31') >= ${at}::date
		limit 2`);
	return rows.length === 1 ? rows[0].name : null;
}
