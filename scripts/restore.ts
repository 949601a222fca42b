/**
 * npm run restore -- FILE [--force]
 * Loads a backup into the configured store (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL)
 * in one transaction, after bringing its schema to the backup's level. A store that holds data
 * is refused unless --force (which replaces all of it); a backup from a newer schema is refused.
 * Stop the servers on that store first.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openStoreOrExit } from './lib/open-store.ts';
import { restoreBackup } from '../src/lib/server/services/backup/restore.ts';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { force: { type: 'boolean', default: false } }
});
if (positionals.length !== 1) {
	console.error('usage: npm run restore -- FILE [--force]');
	process.exit(2);
}

const store = await openStoreOrExit();
try {
	const started = performance.now();
	const r = await restoreBackup(store, resolve(positionals[0]), { force: values.force });
	const rows = r.tables.reduce((n, t) => n + t.rows, 0);
	console.log(
		`restored ${r.tables.length} tables, ${rows} rows into the ${store.engine} store ` +
			`(schema ${r.migrations.tag}${r.upgradedTo ? `, then upgraded to ${r.upgradedTo}` : ''}) ` +
			`in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
} catch (error) {
	console.error(`restore failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
