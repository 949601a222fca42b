/**
 * Fresh stores for the bench: a PostgreSQL database `xaso_bench_<pid>[_suffix]` created on the
 * server of `--pg-url` and dropped at the end, or a PGlite directory; both migrated with the
 * project's migrations and given the measure catalogue, and nothing else (no Lai Châu seed).
 */
import postgres from 'postgres';
import { openStore, type Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedMeasures } from '../../src/lib/server/services/units-seed.ts';

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
	const u = new URL(adminUrl);
	u.pathname = `/${name}`;
	return u.toString();
}

async function admin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		return await fn(sql);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

/** Creates an empty database (dropping a leftover of the same name). */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
	await admin(adminUrl, async (sql) => {
		await sql.unsafe(`drop database if exists "${name}" with (force)`);
		await sql.unsafe(`create database "${name}"`);
	});
	return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	await admin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** The server's version string ("PostgreSQL 15.x …"). */
export async function serverVersion(adminUrl: string): Promise<string> {
	return admin(adminUrl, async (sql) => {
		const [row] = await sql`select current_setting('server_version') as v`;
		return `PostgreSQL ${row.v}`;
	});
}

/** Opens a store, applies the migrations and writes the measure catalogue. */
export async function openFreshStore(options: {
	databaseUrl?: string;
	dataDir?: string;
}): Promise<Store> {
	const store = await openStore(options);
	await migrateStore(store);
	await store.transaction((tx) => seedMeasures(tx));
	return store;
}
