/**
 * The shapes of a map, encoded once (src/lib/geo/encode.ts) and stored (unit_shapes): made when
 * boundaries are seeded or imported (`precomputeShapes`), read by `GET /api/v1/geometry`
 * (`mapShapes`). A trigger empties the table whenever units change, so a stored form is always
 * of the units as they are; a view whose shapes are not stored (a past day, or a store migrated
 * before the table existed) is encoded on its first request and stored then. Gzip runs in the
 * libuv pool, never on the request thread.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Executor } from '../db/index.ts';
import { shapesAt, unitsChangedOn } from '../queries/map.ts';
import type { Level } from '../queries/units.ts';
import { saveShapes, storedShapes, type StoredShapes } from '../queries/geometry.ts';
import {
	CONTENT_TYPES,
	SHAPE_FORMATS,
	encodeMapShapes,
	type ShapeFormat
} from '../../geo/encode.ts';
import { today } from '../../domain/clock.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const LEVELS: Level[] = ['province', 'district', 'commune'];

/** Encodes the shapes of `level` on `at` in every format and stores them. */
async function encodeAndStore(
	db: Executor,
	level: Level,
	at: string
): Promise<Record<ShapeFormat, StoredShapes>> {
	const encoded = encodeMapShapes(await shapesAt(db, level, at), level, at);
	const out = {} as Record<ShapeFormat, StoredShapes>;
	for (const format of SHAPE_FORMATS) {
		const raw = encoded[format];
		const body = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw);
		const stored: StoredShapes = {
			contentType: CONTENT_TYPES[format],
			body,
			gzip: await gzipAsync(body, { level: 9 }),
			etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`
		};
		// Storing is an optimisation: a read-only copy (a replica serving public reads) refuses it.
		await saveShapes(db, { level, at, format }, stored).catch((error: Error) =>
			console.warn(`shapes of ${level} on ${at} not stored: ${error.message}`)
		);
		out[format] = stored;
	}
	return out;
}

/** The shapes of `level` on `at` in `format`: stored, or encoded (every format) and stored. */
export async function mapShapes(
	db: Executor,
	level: Level,
	at: string,
	format: ShapeFormat
): Promise<StoredShapes> {
	return (
		(await storedShapes(db, level, at, format)) ?? (await encodeAndStore(db, level, at))[format]
	);
}

/** Shapes as served: the stored forms and brotli (made here, in the libuv pool, not stored). */
export type ServedShapes = StoredShapes & { br: Buffer };

/**
 * `mapShapes` with a brotli form besides the stored gzip, for the one cache: the Lai Châu
 * communes' binary shapes are 13.2 KB gzipped, 12.7 KB brotli (quality 11, ~30 ms once per data
 * version); every first visit of the map downloads them (issue 15).
 */
export async function servedShapes(
	db: Executor,
	level: Level,
	at: string,
	format: ShapeFormat
): Promise<ServedShapes> {
	const stored = await mapShapes(db, level, at, format);
	const br = await brotliAsync(stored.body, {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: stored.body.length <= 512 * 1024 ? 11 : 6,
			[constants.BROTLI_PARAM_SIZE_HINT]: stored.body.length
		}
	});
	return { ...stored, br };
}

/**
 * Encodes and stores the shapes of the units of every level on each of `days` (by default
 * today: what the map opens on). Call after the transaction that seeded or imported boundaries
 * has committed.
 */
export async function precomputeShapes(db: Executor, days: string[] = [today()]): Promise<void> {
	for (const level of LEVELS)
		for (const at of new Set(await Promise.all(days.map((d) => unitsChangedOn(db, level, d)))))
			if (!(await storedShapes(db, level, at, 'binary'))) await encodeAndStore(db, level, at);
}
