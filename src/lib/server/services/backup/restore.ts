/**
 * `restoreBackup`: loads a backup into a store in one transaction. The store is first brought to
 * the backup's schema level (an older backup is loaded at its own level and the later migrations
 * then run over it, as they would have over the original); a backup from a newer schema is
 * refused. A store that already holds data is refused unless `force`, which replaces everything.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Store } from '../../db/index.ts';
import { codeLevel, migrateStore, storeLevel, tagOf } from '../../db/migrate.ts';
import {
	backupTables,
	bumpCounterPast,
	setSequence,
	setUserTriggers,
	settingCounter,
	settleFormats,
	tableCounts,
	truncateTables
} from '../../queries/backup.ts';
import {
	BackupFormatError,
	ByteReader,
	parseHeader,
	tableCsv,
	type BackupHeader
} from './format.ts';

/** A restore refused before anything was changed; the message says why and what to do. */
export class RestoreRefused extends Error {}

/** Tables the migrations themselves fill: their rows do not make a store "in use". */
const MIGRATION_TABLES = new Set(['roles']);
/** Counters that caches and imports key on: moved past both the old and the loaded value. */
const COUNTERS = ['data_version', 'units_version'];

export interface RestoreSummary {
	tables: { name: string; rows: number }[];
	migrations: BackupHeader['migrations'];
	upgradedTo: string | null;
}

function open(file: string): ByteReader {
	return new ByteReader(createReadStream(file).pipe(createGunzip()));
}

/** Reads only the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
	const reader = open(file);
	return parseHeader(await reader.line());
}

const describe = (level: { count: number; tag: string | null }) =>
	`${level.tag ?? 'unknown'} (${level.count} migrations)`;

/** Loads `file` into `store`. */
export async function restoreBackup(
	store: Store,
	file: string,
	options: { force?: boolean } = {}
): Promise<RestoreSummary> {
	const reader = open(file);
	const header = parseHeader(await reader.line());
	const code = codeLevel();
	const backupTag = header.migrations.tag ?? tagOf(header.migrations.last);
	if (header.migrations.last > code.last || !tagOf(header.migrations.last))
		throw new RestoreRefused(
			`This backup was made at a newer schema (${header.migrations.tag ?? '?'}, ${header.migrations.count} migrations) ` +
				`than this version of Xã Số knows (${describe(code)}). Upgrade Xã Số, then restore.`
		);
	const older = header.migrations.last < code.last;
	const before = await storeLevel(store);
	if (before.last > header.migrations.last)
		throw new RestoreRefused(
			`This backup is at an older schema (${backupTag}) than the store (${describe(before)}). ` +
				`Restore it into an empty database (or DATA_DIR): it is loaded at its own level and then upgraded.`
		);
	await migrateStore(store, older ? { until: header.migrations.last } : {});

	const tables = await backupTables(store);
	const names = tables.map((t) => t.name);
	const filed = new Set(header.tables.map((t) => t.name));
	const missing = names.filter((n) => !filed.has(n));
	const unknown = header.tables.filter((t) => !names.includes(t.name)).map((t) => t.name);
	if (missing.length || unknown.length)
		throw new RestoreRefused(
			`The backup's tables do not match the store at ${backupTag}: ` +
				`${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}` +
				`${unknown.length ? `unknown ${unknown.join(', ')}` : ''}.`
		);
	const counts = await tableCounts(store, names);
	const used = names.filter((n) => !MIGRATION_TABLES.has(n) && (counts.get(n) ?? 0) > 0);
	if (used.length && !options.force)
		throw new RestoreRefused(
			`The store is not empty (${used.map((n) => `${n}: ${counts.get(n)}`).join(', ')}). ` +
				`Restore into an empty store, or add --force to replace everything in it.`
		);

	await store.transaction(async (tx) => {
		await settleFormats(tx);
		const floors = new Map<string, number>();
		for (const key of COUNTERS) floors.set(key, await settingCounter(tx, key));
		await setUserTriggers(tx, names, false);
		await truncateTables(tx, names);
		for (const t of header.tables) {
			const line = await reader.line();
			if (line !== `T ${JSON.stringify(t)}`)
				throw new BackupFormatError(`expected table ${t.name}, found "${line.slice(0, 60)}"`);
			for await (const csv of tableCsv(reader)) await tx.copyIn(t.name, t.columns, csv);
		}
		if ((await reader.line()) !== 'Z')
			throw new BackupFormatError('the file does not end where its header says: is it cut?');
		const loaded = await tableCounts(tx, names);
		for (const t of header.tables)
			if (loaded.get(t.name) !== t.rows)
				throw new BackupFormatError(
					`table ${t.name}: ${loaded.get(t.name)} rows loaded, the header says ${t.rows}`
				);
		await setUserTriggers(tx, names, true);
		for (const s of header.sequences) await setSequence(tx, s);
		for (const key of COUNTERS)
			await bumpCounterPast(tx, key, Math.max(floors.get(key)!, await settingCounter(tx, key)));
	});
	if (older) await migrateStore(store);
	return {
		tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
		migrations: header.migrations,
		upgradedTo: older ? code.tag : null
	};
}
