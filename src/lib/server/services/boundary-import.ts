/** The `boundaries:import` use case: one GeoJSON file attached by code, in one transaction. */
import type { Store } from '../db/index.ts';
import { attachBoundaries, readBoundaryFile, type AttachResult } from './boundaries.ts';
import { basename } from 'node:path';
import { fillSchematicGeometry } from './schematic.ts';
import { bumpDataVersion } from '../queries/data-version.ts';

export interface BoundaryImportOptions {
	codeField?: string;
	/** Date at which codes are resolved; default today. */
	at?: string;
	level?: 'province' | 'district' | 'commune';
}

/** Reads, checks and attaches a boundary file; schematic district shapes are rebuilt afterwards. */
export async function importBoundaryFile(
	store: Store,
	file: string,
	options: BoundaryImportOptions = {}
): Promise<AttachResult> {
	const features = readBoundaryFile(file, options.codeField ?? 'code');
	const at = options.at ?? new Date().toISOString().slice(0, 10);
	return store.transaction(async (tx) => {
		const result = await attachBoundaries(tx, features, {
			at,
			level: options.level,
			source: `import:${basename(file)}`
		});
		await fillSchematicGeometry(tx, [at]);
		await bumpDataVersion(tx);
		return result;
	});
}
