/**
 * Official Decision 766 scores into the store: from the portal's file (CSV/XLSX, see
 * import/official.ts) or one row typed by an approver (the same checks). Units are resolved by
 * code within each row's period; a unit outside the user's area refuses the whole file as a 404
 * (nothing is said about what lies outside); everything is written in one transaction, audited.
 */
import type { Store } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { communesByCode, saveOfficialScores, type SaveCounts } from '../queries/official-scores.ts';
import { outOfScope } from '../queries/scope.ts';
import { readTable } from './import/read.ts';
import { TableError, type Table } from './import/table.ts';
import { OFFICIAL_COLUMNS, parseOfficialTable, type OfficialFileError } from './import/official.ts';

/** A portal file has one row per commune and period: a province's year is well under this. */
export const OFFICIAL_MAX_ROWS = 20_000;
export const OFFICIAL_MAX_BYTES = 4 * 1024 * 1024;

export type OfficialOutcome =
	| { ok: true; counts: SaveCounts; rows: number }
	| { ok: false; status: 400 | 404 | 413; errors: OfficialFileError[] };

/** Checks a table of official scores and writes it when every row is right. */
export async function importOfficialTable(
	store: Store,
	table: Table,
	user: SessionUser,
	source: 'import' | 'form',
	file?: string
): Promise<OfficialOutcome> {
	const parsed = parseOfficialTable(table);
	if (parsed.errors.length) return { ok: false, status: 400, errors: parsed.errors };
	if (parsed.rows.length === 0)
		return {
			ok: false,
			status: 400,
			errors: [{ line: 1, column: null, message: 'The file has no rows' }]
		};
	const errors: OfficialFileError[] = [];
	const resolved: { unitId: number; line: number }[] = [];
	const periods = [...new Set(parsed.rows.map((r) => r.period))];
	const byPeriod = new Map(
		await Promise.all(
			periods.map(
				async (p) =>
					[
						p,
						await communesByCode(
							store,
							parsed.rows.filter((r) => r.period === p).map((r) => r.code),
							p
						)
					] as const
			)
		)
	);
	for (const r of parsed.rows) {
		const unit = byPeriod.get(r.period)!.get(r.code);
		if (!unit)
			errors.push({
				line: r.line,
				column: 'Madonvi',
				message: `No commune bore code ${r.code} during ${r.period}`
			});
		else resolved.push({ unitId: unit.id, line: r.line });
	}
	if (errors.length) return { ok: false, status: 400, errors };
	const outside = new Set(
		await outOfScope(
			store,
			user,
			resolved.map((r) => r.unitId)
		)
	);
	if (outside.size)
		return {
			ok: false,
			status: 404,
			errors: resolved
				.filter((r) => outside.has(r.unitId))
				.map((r) => ({
					line: r.line,
					column: 'Madonvi',
					message: 'This unit is outside your area'
				}))
		};
	const counts = await saveOfficialScores(
		store,
		parsed.rows.map((r, k) => ({
			unitId: resolved[k].unitId,
			period: r.period,
			groups: r.groups,
			total: r.total,
			publishedOn: r.publishedOn
		})),
		{ userId: user.id, actor: user.email, source, file }
	);
	return { ok: true, counts, rows: parsed.rows.length };
}

/** The portal's file: size-capped, read as CSV or XLSX, then as `importOfficialTable`. */
export async function importOfficialFile(
	store: Store,
	bytes: Uint8Array,
	user: SessionUser,
	fileName: string
): Promise<OfficialOutcome> {
	if (bytes.byteLength > OFFICIAL_MAX_BYTES)
		return {
			ok: false,
			status: 413,
			errors: [
				{ line: 0, column: null, message: `The file is over ${OFFICIAL_MAX_BYTES / 1048576} MB` }
			]
		};
	let table: Table;
	try {
		table = readTable(bytes, { maxRows: OFFICIAL_MAX_ROWS });
	} catch (e) {
		if (!(e instanceof TableError)) throw e;
		return { ok: false, status: 400, errors: [{ line: e.line, column: null, message: e.message }] };
	}
	return importOfficialTable(store, table, user, 'import', fileName);
}

/** One row typed in the approver's form, keyed by the file's column names. */
export function formTable(fields: Record<string, string>): Table {
	return {
		header: [...OFFICIAL_COLUMNS],
		delimiter: ',',
		records: [{ line: 1, cells: OFFICIAL_COLUMNS.map((c) => fields[c] ?? '') }]
	};
}
