/** Applies the committed `drizzle/` migrations to a store (both engines, same files). */
import { resolve } from 'node:path';
import type { Store } from './index.ts';

export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

/** Brings the store's schema up to date; safe to call on every start. */
export async function migrateStore(store: Store): Promise<void> {
	if (store.engine === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(store.db as never, { migrationsFolder });
	} else {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		await migrate(store.db as never, { migrationsFolder });
	}
}
