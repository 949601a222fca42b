/**
 * The catalogue reads and bulk statements behind backup and restore (services/backup): which
 * tables and columns the store has, in an order that satisfies their foreign keys, row counts,
 * sequences, and the switches a restore needs (triggers off while loading, one TRUNCATE).
 */
import type { Executor } from '../db/index.ts';

export interface TableInfo {
	name: string;
	columns: string[];
}

export interface SequenceValue {
	name: string;
	/** The last value handed out, or null when none has been. */
	value: string | null;
}

const ident = (s: string) => '"' + s.replaceAll('"', '""') + '"';

/**
 * Every table of the public schema with its stored columns, parents before the tables that
 * reference them (so rows can be loaded in this order with every foreign key checked).
 */
export async function backupTables(db: Executor): Promise<TableInfo[]> {
	const columns = await db.rows<{ table: string; columns: string[] }>(`
		select c.relname as table, array_agg(a.attname::text order by a.attnum) as columns
		from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
				and a.attgenerated = ''
		where n.nspname = 'public' and c.relkind in ('r', 'p')
		group by c.relname order by c.relname`);
	const edges = await db.rows<{ child: string; parent: string }>(`
		select distinct c.relname as child, p.relname as parent
		from pg_constraint k
			join pg_class c on c.oid = k.conrelid
			join pg_class p on p.oid = k.confrelid
			join pg_namespace n on n.oid = c.relnamespace
		where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`);
	const parents = new Map<string, string[]>();
	for (const e of edges) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
	const ordered: TableInfo[] = [];
	const placed = new Set<string>();
	const byName = new Map(columns.map((t) => [t.table, t.columns]));
	const place = (name: string, path: string[]) => {
		if (placed.has(name) || !byName.has(name)) return;
		if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${path.join(' → ')}`);
		for (const p of parents.get(name) ?? []) place(p, [...path, name]);
		placed.add(name);
		ordered.push({ name, columns: byName.get(name)! });
	};
	for (const t of columns) place(t.table, []);
	return ordered;
}

/** Rows per table. */
export async function tableCounts(db: Executor, tables: string[]): Promise<Map<string, number>> {
	if (!tables.length) return new Map();
	const [row] = await db.rows<Record<string, number>>(
		`select ${tables.map((t, k) => `(select count(*)::int from ${ident(t)}) as c${k}`).join(', ')}`
	);
	return new Map(tables.map((t, k) => [t, Number(row[`c${k}`])]));
}

/** The public schema's sequences and their last values. */
export async function sequenceValues(db: Executor): Promise<SequenceValue[]> {
	return db.rows<SequenceValue>(`
		select sequencename::text as name, last_value::text as value from pg_sequences
		where schemaname = 'public' order by sequencename`);
}

/** Sets a sequence so that the next value follows `value` (or starts at its start when null). */
export async function setSequence(db: Executor, s: SequenceValue): Promise<void> {
	const name = `public.${ident(s.name)}`;
	if (s.value === null) await db.rows(`select setval($1::regclass, 1, false)`, [name]);
	else await db.rows(`select setval($1::regclass, $2::bigint, true)`, [name, s.value]);
}

/** Makes a transaction's dump one consistent snapshot, with stable text forms of dates and floats. */
export async function beginSnapshot(tx: Executor): Promise<void> {
	await tx.run(`set transaction isolation level repeatable read, read only`);
	await settleFormats(tx);
}

/** Text forms that read back as the same values on either engine. */
export async function settleFormats(tx: Executor): Promise<void> {
	await tx.run(`set local datestyle = 'ISO, YMD'`);
	await tx.run(`set local timezone = 'UTC'`);
	await tx.run(`set local extra_float_digits = 1`);
}

/** Turns the tables' own triggers (append-only audit, version counters) off or back on. */
export async function setUserTriggers(tx: Executor, tables: string[], on: boolean): Promise<void> {
	for (const t of tables)
		await tx.run(`alter table ${ident(t)} ${on ? 'enable' : 'disable'} trigger user`);
}

/** Empties the tables in one statement (their triggers must be off: the audit log refuses it). */
export async function truncateTables(tx: Executor, tables: string[]): Promise<void> {
	if (tables.length) await tx.run(`truncate ${tables.map(ident).join(', ')}`);
}

/** A counter kept in `settings` (data_version, units_version). */
export async function settingCounter(db: Executor, key: string): Promise<number> {
	const rows = await db.rows<{ v: string | null }>(
		`select value #>> '{}' as v from settings where key = $1`,
		[key]
	);
	return Number(rows[0]?.v ?? 0) || 0;
}

/** Sets a counter past both `floor` and its current value, so caches keyed on it let go. */
export async function bumpCounterPast(tx: Executor, key: string, floor: number): Promise<void> {
	await tx.run(
		`insert into settings (key, value) values ($1, to_jsonb($2::bigint + 1))
		on conflict (key) do update
			set value = to_jsonb(greatest((settings.value #>> '{}')::bigint, $2::bigint) + 1)`,
		[key, floor]
	);
}
