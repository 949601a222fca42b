/** npm run db:migrate — applies drizzle/ migrations to the configured store. */
import { openStoreOrExit } from './lib/open-store.ts';
import { migrateStore, migrationsFolder } from '../src/lib/server/db/migrate.ts';

const store = await openStoreOrExit();
try {
	await migrateStore(store);
	console.log(`migrated ${store.engine} store from ${migrationsFolder}`);
} finally {
	await store.close();
}
