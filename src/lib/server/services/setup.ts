/**
 * Brings a store to a usable state: migrations, then (when empty) the measure catalogue, units,
 * lineage and boundaries (real where the files exist, schematic otherwise), then optionally demo figures.
 */
import type { Store } from '../db/index.ts';
import { migrateStore } from '../db/migrate.ts';
import { seedMeasures, seedUnits } from './units-seed.ts';
import { attachSharedBoundaries, boundariesDir } from './boundaries.ts';
import { fillSchematicGeometry } from './schematic.ts';
import { generateDemo } from './demo.ts';
import { generateDemoOfficial } from './demo-official.ts';
import { bumpDataVersion } from '../queries/data-version.ts';
import { seedDefaultTargets } from '../queries/targets.ts';
import { hasFigures, hasUnits } from '../queries/settings.ts';
import { precomputeShapes } from './map-shapes.ts';
import { today } from '../../domain/clock.ts';

export interface SetupReport {
	seededUnits: boolean;
	boundaryFiles: string[];
	schematicUnits: number;
	demoObservations: number;
}

/** Eras whose units need geometry: the last day before and the first day after the 2025 merger. */
export const ERA_DATES = ['2025-06-30', '2025-07-01'];

/** Seeds units, lineage and geometry; safe to run again (it updates what exists). */
export async function seedStore(store: Store, options: { boundaries?: string | null } = {}) {
	const seeded = await store.transaction(async (tx) => {
		await seedMeasures(tx);
		await seedUnits(tx);
		const files =
			options.boundaries === null
				? []
				: await attachSharedBoundaries(tx, options.boundaries ?? boundariesDir);
		const schematic = await fillSchematicGeometry(tx, ERA_DATES);
		await seedDefaultTargets(tx);
		await bumpDataVersion(tx);
		return { files, schematic };
	});
	// The map's shapes, encoded once now rather than on requests.
	await precomputeShapes(store, [...ERA_DATES, today()]);
	return seeded;
}

/** Migrates, seeds an empty store, and fills demo figures when asked and none exist. */
export async function prepareStore(store: Store, options: { demo: boolean }): Promise<SetupReport> {
	await migrateStore(store);
	const report: SetupReport = {
		seededUnits: false,
		boundaryFiles: [],
		schematicUnits: 0,
		demoObservations: 0
	};
	if (!(await hasUnits(store))) {
		const seeded = await seedStore(store);
		report.seededUnits = true;
		report.boundaryFiles = seeded.files;
		report.schematicUnits = seeded.schematic;
	}
	await seedDefaultTargets(store);
	if (options.demo) {
		if (!(await hasFigures(store))) {
			report.demoObservations = (await generateDemo(store)).observations;
			await generateDemoOfficial(store);
		}
	}
	return report;
}
