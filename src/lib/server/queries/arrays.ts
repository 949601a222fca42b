/**
 * Lists as one bound parameter (`= any(${ids(list)})`) rather than SQL text spliced in with
 * `sql.raw`: one statement shape whatever the length, nothing of the values in the SQL, and the
 * same on PostgreSQL and PGlite (an array literal cast to its type).
 */
import { sql, type SQL } from 'drizzle-orm';

/** Integer ids as one `int[]` parameter. */
export function intArray(values: readonly (number | string)[]): SQL {
	return sql`${`{${values.map((v) => Math.trunc(Number(v))).join(',')}}`}::int[]`;
}

/** Strings as one `text[]` parameter, each element quoted (commas, quotes and braces kept). */
export function textArray(values: readonly string[]): SQL {
	const quoted = values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
	return sql`${`{${quoted.join(',')}}`}::text[]`;
}
