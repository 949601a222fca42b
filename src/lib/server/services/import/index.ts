/**
 * The import use case: a CSV or XLSX report file → validated figures → one transaction. Any
 * invalid row rejects the whole file with every error listed and nothing written.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor, Store } from '../../db/index.ts';
import type { MeasureCode } from '../../../domain/measures.ts';
import { decodeText } from './decode.ts';
import { parseCsv, TableError, type Table } from './table.ts';
import { readCells, type RowError } from './cells.ts';
import { checkParts, validateCells, type UnitSpan } from './validate.ts';
import { applyFigures, type BatchInfo } from './apply.ts';
import { readXlsx, isZip } from './xlsx.ts';

export type { RowError } from './cells.ts';

export interface ImportRequest {
	bytes: Uint8Array;
	fileName: string;
	actor: string;
	userId: number | null;
	dryRun?: boolean;
	/** Today's month (YYYY-MM); later months are refused. Default: the current month. */
	currentMonth?: string;
	source?: BatchInfo['source'];
}

export type ImportResult =
	| {
			ok: true;
			dryRun: boolean;
			batchId: number | null;
			inserted: number;
			updated: number;
			unchanged: number;
			blank: number;
			form: 'wide' | 'long';
			sha256: string;
	  }
	| { ok: false; errors: RowError[] };

class DryRunRollback extends Error {}

async function unitSpans(db: Executor): Promise<Map<string, UnitSpan[]>> {
	const rows = await db.rows<{
		id: number;
		code: string;
		name: string;
		level: string;
		valid_from: string | null;
		valid_to: string | null;
	}>(
		sql`select id, code, name, level, valid_from::text as valid_from, valid_to::text as valid_to from units order by valid_from nulls first`
	);
	const map = new Map<string, UnitSpan[]>();
	for (const r of rows) {
		const list = map.get(r.code) ?? [];
		list.push({
			id: Number(r.id),
			code: r.code,
			name: r.name,
			level: r.level,
			validFrom: r.valid_from,
			validTo: r.valid_to
		});
		map.set(r.code, list);
	}
	return map;
}

async function successors(db: Executor): Promise<Map<number, string>> {
	const rows = await db.rows<{ from_id: number; name: string; code: string }>(
		sql`select l.from_unit_id as from_id, u.name, u.code from lineage l join units u on u.id = l.to_unit_id`
	);
	return new Map(rows.map((r) => [Number(r.from_id), `${r.code} (${r.name})`]));
}

/** Stored values of the unit-months a file touches, for the part ≤ whole check. */
async function storedValues(db: Executor, keys: { unitId: number; month: string }[]) {
	const out = new Map<string, Map<MeasureCode, number>>();
	if (keys.length === 0) return out;
	const months = keys.map((k) => k.month).sort();
	const ids = [...new Set(keys.map((k) => k.unitId))];
	const rows = await db.rows<{
		unit_id: number;
		month: string;
		measure_code: MeasureCode;
		value: number;
	}>(
		sql`select unit_id, to_char(month, 'YYYY-MM') as month, measure_code, value::float8 as value from observations
			where month between ${months[0] + '-01'}::date and ${months[months.length - 1] + '-01'}::date
				and unit_id in (${sql.raw(ids.map(Number).join(','))})`
	);
	for (const r of rows) {
		const key = `${r.unit_id}|${r.month}`;
		const m = out.get(key) ?? new Map();
		m.set(r.measure_code, Number(r.value));
		out.set(key, m);
	}
	return out;
}

/** Reads a CSV/XLSX file's bytes into a table. */
export function readTable(bytes: Uint8Array): Table {
	if (isZip(bytes)) return readXlsx(bytes);
	return parseCsv(decodeText(bytes).text);
}

/** Validates and (unless a dry run) writes a report file in one transaction. */
export async function importFile(store: Store, request: ImportRequest): Promise<ImportResult> {
	const sha256 = createHash('sha256').update(request.bytes).digest('hex');
	let table: Table;
	try {
		table = readTable(request.bytes);
	} catch (error) {
		if (error instanceof TableError)
			return {
				ok: false,
				errors: [{ line: error.line, column: null, code: 'unreadable', message: error.message }]
			};
		throw error;
	}
	const { form, cells, errors: structural } = readCells(table);
	// Header problems leave nothing to check; row problems are reported with the rest.
	if (structural.length && cells.length === 0) return { ok: false, errors: sortErrors(structural) };
	const currentMonth = request.currentMonth ?? new Date().toISOString().slice(0, 7);
	const [units, next] = await Promise.all([unitSpans(store), successors(store)]);
	const context = {
		unitsByCode: units,
		currentMonth,
		successorOf: (id: number) => next.get(id) ?? null
	};
	// Resolve units and months once, then check parts against the file laid over the stored figures.
	const first = validateCells(cells, context, undefined, false);
	const keys = [
		...new Map(
			first.figures.map((f) => [`${f.unitId}|${f.month}`, { unitId: f.unitId, month: f.month }])
		).values()
	];
	const stored = await storedValues(store, keys);
	const checked = {
		...first,
		errors: [...first.errors, ...checkParts(first.figures, (u, m) => stored.get(`${u}|${m}`))]
	};
	if (checked.errors.length || structural.length)
		return { ok: false, errors: sortErrors([...structural, ...checked.errors]) };
	try {
		const counts = await store.transaction(async (tx) => {
			const c = await applyFigures(tx, checked.figures, {
				source: request.source ?? 'import',
				fileName: request.fileName,
				sha256,
				userId: request.userId,
				actor: request.actor
			});
			if (request.dryRun) throw Object.assign(new DryRunRollback(), { counts: c });
			return c;
		});
		return { ok: true, dryRun: false, ...counts, blank: checked.blanks, form, sha256 };
	} catch (error) {
		if (error instanceof DryRunRollback) {
			const c = (
				error as DryRunRollback & {
					counts: { inserted: number; updated: number; unchanged: number };
				}
			).counts;
			return {
				ok: true,
				dryRun: true,
				batchId: null,
				inserted: c.inserted,
				updated: c.updated,
				unchanged: c.unchanged,
				blank: checked.blanks,
				form,
				sha256
			};
		}
		throw error;
	}
}

function sortErrors(errors: RowError[]): RowError[] {
	return [...errors].sort(
		(a, b) => a.line - b.line || String(a.column).localeCompare(String(b.column))
	);
}
