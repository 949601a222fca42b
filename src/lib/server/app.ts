/**
 * The server's store, opened, migrated and (on the embedded store, when empty) seeded with units
 * and demo figures once per process. `hooks.server.ts` calls `ready()` in its `init`, so the first
 * request does not pay PGlite's start-up.
 */
import { getStore, type Store } from './db/index.ts';
import { prepareStore } from './services/setup.ts';
import { watchDataVersion } from './queries/data-version.ts';

let preparing: Promise<Store> | undefined;

/** The migrated, seeded store of this process. */
export function ready(): Promise<Store> {
	preparing ??= (async () => {
		const store = await getStore();
		// A PostgreSQL store is never filled with demo figures unasked (CONTRACT.md).
		const report = await prepareStore(store, { demo: store.engine === 'pglite' });
		if (report.seededUnits || report.demoObservations)
			console.log(
				`store prepared (${store.engine}): units ${report.seededUnits ? 'seeded' : 'present'}, ` +
					`boundaries ${report.boundaryFiles.join(', ') || 'schematic'}, demo observations ${report.demoObservations}`
			);
		// Other servers' approvals invalidate this one's cached answers at once (PostgreSQL).
		await watchDataVersion(store);
		return store;
	})();
	// A database unreachable at that moment must not leave the process broken for good: the next
	// call tries again (db-unavailable.ts answers 503 meanwhile).
	preparing.catch(() => (preparing = undefined));
	return preparing;
}
