/**
 * npm run backup -- FILE
 * Writes every table of the configured store (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL)
 * with its schema level to FILE, gzip'd, in one consistent snapshot; FILE is replaced atomically.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openStoreOrExit } from './lib/open-store.ts';
import { writeBackup } from '../src/lib/server/services/backup/write.ts';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length !== 1) {
	console.error('usage: npm run backup -- FILE   (e.g. backups/xaso-2026-12-07.xaso.gz)');
	process.exit(2);
}

const store = await openStoreOrExit();
try {
	const started = performance.now();
	const r = await writeBackup(store, resolve(positionals[0]));
	const rows = r.tables.reduce((n, t) => n + t.rows, 0);
	console.log(
		`backup of the ${store.engine} store written to ${r.file}: ${r.tables.length} tables, ` +
			`${rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB, schema ${r.migrations.tag}, ` +
			`${((performance.now() - started) / 1000).toFixed(1)} s`
	);
} catch (error) {
	console.error(`backup failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
