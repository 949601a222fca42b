/** npm run boundaries:import -- FILE [--code-field NAME] [--at YYYY-MM-DD] [--level commune|district|province] */
import { parseArgs } from 'node:util';
import { openStoreOrExit } from './lib/open-store.ts';
import { migrateStore } from '../src/lib/server/db/migrate.ts';
import { importBoundaryFile } from '../src/lib/server/services/boundary-import.ts';
import { isIsoDate } from '../src/lib/domain/periods.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		'code-field': { type: 'string', default: 'code' },
		at: { type: 'string' },
		level: { type: 'string' }
	}
});

const file = positionals[0];
const level = values.level as 'province' | 'district' | 'commune' | undefined;
if (!file) {
	console.error(
		'usage: npm run boundaries:import -- FILE [--code-field NAME] [--at YYYY-MM-DD] [--level commune|district|province]'
	);
	process.exit(2);
}
if (values.at && !isIsoDate(values.at)) {
	console.error(`--at must be a date YYYY-MM-DD, got "${values.at}"`);
	process.exit(2);
}
if (level && !['province', 'district', 'commune'].includes(level)) {
	console.error(`--level must be province, district or commune, got "${level}"`);
	process.exit(2);
}
const store = await openStoreOrExit();
try {
	await migrateStore(store);
	const r = await importBoundaryFile(store, file, {
		codeField: values['code-field'],
		at: values.at,
		level
	});
	console.log(`attached ${r.matched} of ${r.features} features from ${file}`);
	if (r.unmatched.length)
		console.log(`no unit with these codes on that date: ${r.unmatched.join(', ')}`);
	if (r.matched === 0) process.exitCode = 1;
} catch (error) {
	console.error(`boundaries:import failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
