/**
 * Rows whose bigint and numeric columns the driver hands back as strings: the named columns as
 * numbers again (null stays null).
 */
export function withNumbers<T extends object>(row: T, columns: readonly (keyof T)[]): T {
	const out = { ...row };
	for (const c of columns) if (out[c] !== null) out[c] = Number(out[c]) as T[keyof T];
	return out;
}
