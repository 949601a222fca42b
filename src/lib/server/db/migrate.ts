/** Applies the committed `drizzle/` migrations to a store (both engines, same files). */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Executor, Store } from './index.ts';

export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

/** A schema level: how many migrations, and the last one's journal time and tag. */
export interface MigrationLevel {
	count: number;
	/** The journal's `when` of the last migration (what drizzle records as `created_at`). */
	last: number;
	tag: string | null;
}

interface JournalEntry {
	idx: number;
	when: number;
	tag: string;
}

function journal(folder = migrationsFolder): { entries: JournalEntry[] } {
	return JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'));
}

/** The level this code brings a store to. */
export function codeLevel(): MigrationLevel {
	const entries = journal().entries;
	const last = entries.at(-1);
	return { count: entries.length, last: last?.when ?? 0, tag: last?.tag ?? null };
}

/** The tag of the migration with this journal time, if this code knows it. */
export function tagOf(when: number): string | null {
	return journal().entries.find((e) => e.when === when)?.tag ?? null;
}

/** The level a store is at (0 when never migrated), read from drizzle's own table. */
export async function storeLevel(db: Executor): Promise<MigrationLevel> {
	const [{ present }] = await db.rows<{ present: boolean }>(
		`select to_regclass('drizzle.__drizzle_migrations') is not null as present`
	);
	if (!present) return { count: 0, last: 0, tag: null };
	const [row] = await db.rows<{ count: number; last: string | null }>(
		`select count(*)::int as count, max(created_at)::text as last from drizzle.__drizzle_migrations`
	);
	const last = Number(row.last ?? 0);
	return { count: row.count, last, tag: tagOf(last) };
}

/**
 * Brings the store's schema up to date; safe to call on every start. With `until` (a journal
 * time) only the migrations up to it are applied: a restore loads an older backup at its own
 * level before the rest run.
 */
export async function migrateStore(store: Store, options: { until?: number } = {}): Promise<void> {
	let folder = migrationsFolder;
	if (options.until !== undefined) {
		folder = mkdtempSync(join(tmpdir(), 'xaso-migrations-'));
		cpSync(migrationsFolder, folder, { recursive: true });
		const j = journal(folder);
		j.entries = j.entries.filter((e) => e.when <= options.until!);
		writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(j));
	}
	try {
		if (store.engine === 'pglite') {
			const { migrate } = await import('drizzle-orm/pglite/migrator');
			await migrate(store.db as never, { migrationsFolder: folder });
		} else {
			const { migrate } = await import('drizzle-orm/postgres-js/migrator');
			await migrate(store.db as never, { migrationsFolder: folder });
		}
	} finally {
		if (folder !== migrationsFolder) rmSync(folder, { recursive: true, force: true });
	}
}
