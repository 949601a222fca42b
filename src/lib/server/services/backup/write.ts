/**
 * `writeBackup`: every table of the store, its sequences and its schema level, read in one
 * consistent snapshot and written gzip'd to a temporary file that is synced and then renamed
 * over FILE, so FILE is either the previous backup or a complete new one.
 */
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { basename, dirname, join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Store } from '../../db/index.ts';
import { storeLevel } from '../../db/migrate.ts';
import { backupTables, beginSnapshot, sequenceValues, tableCounts } from '../../queries/backup.ts';
import { now } from '../../../domain/clock.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format.ts';

export interface BackupSummary {
	file: string;
	bytes: number;
	tables: { name: string; rows: number }[];
	migrations: BackupHeader['migrations'];
}

/** Writes a backup of `store` to `file` (atomically). */
export async function writeBackup(store: Store, file: string): Promise<BackupSummary> {
	const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
	const gzip = createGzip({ level: 6 });
	const out = createWriteStream(temporary, { flags: 'wx' });
	gzip.pipe(out);
	const write = async (data: string | Uint8Array) => {
		if (!gzip.write(data)) await once(gzip, 'drain');
	};
	try {
		const header = await store.transaction(async (tx) => {
			await beginSnapshot(tx);
			const migrations = await storeLevel(tx);
			if (migrations.count === 0) throw new Error('the store has no schema: nothing to back up');
			const tables = await backupTables(tx);
			const counts = await tableCounts(
				tx,
				tables.map((t) => t.name)
			);
			const header: BackupHeader = {
				format: BACKUP_FORMAT,
				version: BACKUP_VERSION,
				createdAt: new Date(now()).toISOString(),
				engine: store.engine,
				migrations,
				tables: tables.map((t) => ({ ...t, rows: counts.get(t.name) ?? 0 })),
				sequences: await sequenceValues(tx)
			};
			await write(JSON.stringify(header) + '\n');
			for (const t of header.tables) {
				await write(`T ${JSON.stringify(t)}\n`);
				for await (const chunk of tx.copyOut(t.name, t.columns)) {
					if (!chunk.length) continue;
					await write(`D ${chunk.length}\n`);
					await write(chunk);
				}
				await write('E\n');
			}
			await write('Z\n');
			return header;
		});
		gzip.end();
		await finished(out);
		const handle = await open(temporary, 'r+');
		let bytes: number;
		try {
			await handle.sync();
			bytes = (await handle.stat()).size;
		} finally {
			await handle.close();
		}
		await rename(temporary, file);
		await syncDirectory(dirname(file));
		return {
			file,
			bytes,
			tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
			migrations: header.migrations
		};
	} catch (error) {
		gzip.destroy();
		out.destroy();
		await rm(temporary, { force: true });
		throw error;
	}
}

/** Makes the rename itself durable (where the platform allows syncing a directory). */
async function syncDirectory(dir: string): Promise<void> {
	try {
		const handle = await open(dir, 'r');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		/* not supported here: the file itself is synced */
	}
}
