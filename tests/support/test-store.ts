/**
 * A fresh, empty store for one test file: embedded PGlite in a temporary directory when
 * DATABASE_URL is unset; otherwise a new database on that server (dropped again by `cleanup`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openStore, type Store } from '../../src/lib/server/db/index.ts';

export interface TestStore {
	store: Store;
	/** Closes the store and removes its directory or database. */
	cleanup(): Promise<void>;
}

/** Opens a store on a fresh PGlite directory or a fresh PostgreSQL database. */
export async function createTestStore(): Promise<TestStore> {
	const url = process.env.DATABASE_URL;
	if (!url) {
		const dataDir = mkdtempSync(join(tmpdir(), 'xaso-test-'));
		const store = await openStore({ dataDir });
		return {
			store,
			async cleanup() {
				await store.close();
				rmSync(dataDir, { recursive: true, force: true });
			}
		};
	}
	const name = `xaso_t_${randomBytes(6).toString('hex')}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		await admin.end({ timeout: 5 });
		throw error;
	}
	const target = new URL(url);
	target.pathname = `/${name}`;
	const store = await openStore({ databaseUrl: target.toString() });
	return {
		store,
		async cleanup() {
			try {
				await store.close();
				await admin.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await admin.end({ timeout: 5 });
			}
		}
	};
}
