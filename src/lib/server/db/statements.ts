/**
 * What both engines send: a Drizzle query or plain text compiled to text and parameters, and the
 * COPY statements of the bulk loads and backups.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';

const dialect = new PgDialect();

export function compile(
	query: SQL | string,
	params: unknown[] = []
): { text: string; params: unknown[] } {
	if (typeof query === 'string') return { text: query, params };
	const q = dialect.sqlToQuery(query);
	return { text: q.sql, params: q.params };
}

const ident = (s: string) => '"' + s.replaceAll('"', '""') + '"';

export function copyStatement(table: string, columns: string[]): string {
	return `copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`;
}

export function copyOutStatement(table: string, columns: string[]): string {
	return `copy ${ident(table)} (${columns.map(ident).join(', ')}) to stdout with (format csv)`;
}

/** The least characters sent to COPY in one write, when the rows come in smaller pieces. */
export const COPY_CHUNK = 64 * 1024;
