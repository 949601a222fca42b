/**
 * The store's set-up: the embedded store refuses a second process on its directory, naming the
 * holder; units get real boundaries when the shared files are present and schematic cells (said
 * so in their geometry source) otherwise; boundaries:import attaches any GeoJSON by code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { openStore } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { importBoundaryFile } from '../../src/lib/server/services/boundary-import.ts';
import { createTestStore, type TestStore } from '../support/test-store.ts';

const sources = async (t: TestStore) =>
	t.store.rows<{ level: string; source: string; n: number }>(sql`
		select level, geometry_source as source, count(*)::int as n from units
		group by level, geometry_source order by level, geometry_source`);

describe.skipIf(Boolean(process.env.DATABASE_URL))('the embedded store’s lock', () => {
	it('refuses a second process on the same directory and names the holder', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xaso-lock-'));
		const store = await openStore({ dataDir: dir });
		try {
			const script = `import { openStore } from ${JSON.stringify(resolve('src/lib/server/db/index.ts'))};
				try { await openStore({ dataDir: ${JSON.stringify(dir)} }); console.log('opened'); }
				catch (e) { console.log('refused: ' + e.message); }`;
			const file = join(dir, 'second.mts');
			writeFileSync(file, script);
			const out = spawnSync(process.execPath, ['--import', 'tsx', file], {
				encoding: 'utf8',
				timeout: 60_000
			});
			expect(out.stdout).toContain(
				`refused: The embedded database in ${dir} is in use by process ${process.pid}`
			);
		} finally {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('user:add --help explains the roles and the embedded store, and exits 0', () => {
		const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', '--help'], {
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(out.status).toBe(0);
		expect(out.stderr).not.toContain('Unknown option');
		for (const word of ['approver', 'editor', 'viewer', '--unit', 'XASO_PASSWORD', '/signin'])
			expect(out.stdout).toContain(word);
		expect(out.stdout).toContain('stop `npm start` first');
	});

	it('makes a command say so in one line, with no stack trace (user:add beside a server)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xaso-lock-'));
		const store = await openStore({ dataDir: dir });
		try {
			const out = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/user-add.ts', '--email', 'a@b.vn', '--role', 'admin'],
				{
					encoding: 'utf8',
					timeout: 60_000,
					env: { ...process.env, DATA_DIR: dir, XASO_PASSWORD: 'a long enough password' }
				}
			);
			expect(out.status).toBe(1);
			expect(out.stderr).toContain(`The embedded database in ${dir} is in use by process`);
			expect(out.stderr).toContain('Stop that process first');
			expect(out.stderr).not.toMatch(/^\s+at /m);
		} finally {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('boundaries', () => {
	let real: TestStore;
	let schematic: TestStore;

	beforeAll(async () => {
		[real, schematic] = await Promise.all([createTestStore(), createTestStore()]);
		await migrateStore(real.store);
		await migrateStore(schematic.store);
		await seedStore(real.store);
		await seedStore(schematic.store, { boundaries: null });
	});

	afterAll(async () => {
		await real?.cleanup();
		await schematic?.cleanup();
	});

	it('are real where the shared files exist: GADM before the merger, gis.vn after', async () => {
		expect(await sources(real)).toEqual([
			{ level: 'commune', source: 'gadm', n: 106 },
			{ level: 'commune', source: 'gisvn', n: 38 },
			{ level: 'district', source: 'gadm', n: 8 },
			{ level: 'province', source: 'gisvn', n: 1 }
		]);
	});

	it('are schematic cells from centre points otherwise, every unit covered', async () => {
		expect(await sources(schematic)).toEqual([
			{ level: 'commune', source: 'schematic', n: 144 },
			{ level: 'district', source: 'schematic', n: 8 },
			{ level: 'province', source: 'schematic', n: 1 }
		]);
		const [cell] = await schematic.store.rows<{ type: string; ring: number }>(sql`
			select geometry->>'type' as type, jsonb_array_length(geometry->'coordinates'->0) as ring
			from units where code = '03595' and valid_from = '2025-07-01'`);
		expect(cell.type).toBe('Polygon');
		expect(cell.ring).toBeGreaterThanOrEqual(4);
	});

	it('can be imported from any GeoJSON by code, resolved at a date', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xaso-geo-'));
		const file = join(dir, 'one.geojson');
		const square = [
			[
				[103.8, 21.9],
				[103.9, 21.9],
				[103.9, 22.0],
				[103.8, 22.0],
				[103.8, 21.9]
			]
		];
		writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: { ma: '03595' },
						geometry: { type: 'Polygon', coordinates: square }
					},
					{
						type: 'Feature',
						properties: { ma: '99999' },
						geometry: { type: 'Polygon', coordinates: square }
					}
				]
			})
		);
		try {
			const r = await importBoundaryFile(schematic.store, file, {
				codeField: 'ma',
				at: '2025-08-01'
			});
			expect(r).toEqual({ features: 2, matched: 1, unmatched: ['99999'] });
			const [u] = await schematic.store.rows<{ source: string; name: string }>(sql`
				select geometry_source as source, name from units where code = '03595' and valid_from = '2025-07-01'`);
			expect(u).toEqual({ source: 'import:one.geojson', name: 'Xã Than Uyên' });
			await expect(
				importBoundaryFile(schematic.store, file, { codeField: 'code' })
			).rejects.toThrow(/feature 1 has no "code" property/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
