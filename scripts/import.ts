/**
 * npm run import -- FILE [--dry-run] [--max-rows N]
 * Imports a CSV or XLSX report (our format, Biểu số II.06a, or the portal's monthly statistics
 * as JSON or CSV) as the operator of the installation: accepted figures are approved
 * at once. Exit 0 with "inserted N, updated N, unchanged N"; exit 1 with every row error. A file
 * may have 20,000 data rows, as a web upload; `--max-rows` lets the operator load a larger one
 * (a national month in the long form, one figure per row, is about 205,000).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openStoreOrExit } from './lib/open-store.ts';
import { migrateStore } from '../src/lib/server/db/migrate.ts';
import { importFile } from '../src/lib/server/services/import/index.ts';
import { DEFAULT_MAX_ROWS } from '../src/lib/server/services/import/limits.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		'dry-run': { type: 'boolean', default: false },
		'max-rows': { type: 'string', default: String(DEFAULT_MAX_ROWS) }
	}
});
const file = positionals[0];
const maxRows = Number(values['max-rows']);
if (!file || !Number.isInteger(maxRows) || maxRows < 1) {
	console.error('usage: npm run import -- FILE [--dry-run] [--max-rows N]');
	process.exit(2);
}
let bytes: Uint8Array;
try {
	bytes = readFileSync(file);
} catch (error) {
	console.error(`Cannot read ${file}: ${(error as Error).message}`);
	process.exit(1);
}
const store = await openStoreOrExit();
try {
	await migrateStore(store);
	const result = await importFile(store, {
		bytes,
		fileName: basename(file),
		actor: `cli:${userInfo().username}`,
		userId: null,
		dryRun: values['dry-run'],
		maxRows
	});
	if (result.ok) {
		console.log(
			`${result.dryRun ? 'dry run: would have ' : ''}inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}` +
				(result.blank ? ` (${result.blank} blank cells: not reported)` : '')
		);
		if (result.official) console.log(result.official.note);
		for (const n of result.notices)
			console.log(`warning, line ${n.line}: [${n.code}] ${n.message}`);
	} else {
		console.error(`${file}: rejected, nothing written (${result.errors.length} errors)`);
		for (const e of result.errors)
			console.error(
				`line ${e.line}${e.column ? `, column ${e.column}` : ''}: [${e.code}] ${e.message}`
			);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(`import failed, nothing written: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
