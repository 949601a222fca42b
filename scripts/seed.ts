/**
 * npm run db:seed -- [--demo] [--boundaries FILE|DIR] [--no-boundaries]
 * Loads units, lineage and geometry; with --demo also the seeded demo figures (replacing any
 * earlier demo figures, never real ones).
 */
import { parseArgs } from 'node:util';
import { openStoreOrExit } from './lib/open-store.ts';
import { migrateStore } from '../src/lib/server/db/migrate.ts';
import { seedStore } from '../src/lib/server/services/setup.ts';
import { generateDemo } from '../src/lib/server/services/demo.ts';
import { generateDemoOfficial } from '../src/lib/server/services/demo-official.ts';
import { importBoundaryFile } from '../src/lib/server/services/boundary-import.ts';
import { statSync } from 'node:fs';

const { values } = parseArgs({
	options: {
		demo: { type: 'boolean', default: false },
		boundaries: { type: 'string' },
		'no-boundaries': { type: 'boolean', default: false },
		'code-field': { type: 'string', default: 'code' }
	}
});

const store = await openStoreOrExit();
try {
	await migrateStore(store);
	const file =
		values.boundaries && statSync(values.boundaries).isFile() ? values.boundaries : undefined;
	const seeded = await seedStore(store, {
		boundaries: values['no-boundaries'] || file ? null : values.boundaries
	});
	console.log(
		`units seeded; boundary files: ${seeded.files.join(', ') || 'none'}; schematic units: ${seeded.schematic}`
	);
	if (file) {
		const r = await importBoundaryFile(store, file, { codeField: values['code-field'] });
		console.log(`boundaries from ${file}: ${r.matched} of ${r.features} features matched`);
	}
	if (values.demo) {
		const demo = await generateDemo(store);
		console.log(
			`demo figures: ${demo.observations} observations (seed ${demo.seed}, until ${demo.until})`
		);
		const official = await generateDemoOfficial(store, demo.seed);
		console.log(
			`demo official Decision 766 scores: ${official.rows} rows (${official.periods.join(', ')})`
		);
	}
} catch (error) {
	console.error(`db:seed failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
