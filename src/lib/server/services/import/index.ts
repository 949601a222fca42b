/**
 * The import use case: a CSV or XLSX report file → validated figures → one transaction. Any
 * invalid row rejects the whole file with every error listed and nothing written.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../db/index.ts';
import type { Table } from './table.ts';
import { readOutcome } from './read.ts';
import { readLayout, visitCells, type Layout, type RowError } from './cells.ts';
import { CellChecker, type Figure, type UnitSpan } from './validate.ts';
import { lockFigures, writeFigures, type BatchInfo } from '../../queries/observations.ts';
import { storedFiguresIn, type StoredFigures } from '../../queries/approved-figures.ts';
import { importUnits } from '../../queries/import-units.ts';
import { countFigures } from './preview.ts';
import { thisMonth } from '../../../domain/clock.ts';
import { prepareForm, type FormSummary, type PreparedForm } from './form-units.ts';

export type { RowError } from './cells.ts';
export { readTable } from './read.ts';

export interface ImportRequest {
	bytes: Uint8Array;
	fileName: string;
	actor: string;
	userId: number | null;
	dryRun?: boolean;
	/** Today's month (YYYY-MM); later months are refused. Default: the current month. */
	currentMonth?: string;
	source?: BatchInfo['source'];
	/** Data rows the file may have (default 20,000): past them it is refused unread. */
	maxRows?: number;
	/** The file already read (in the upload's worker thread): `bytes` are then only hashed. */
	table?: Table;
	/** An official form's table already prepared (form-units.ts), whose table `table` is. */
	prepared?: PreparedForm;
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
			/** An official form (II.06a, the portal's record): what was read and how it was filed. */
			official: FormSummary | null;
			/** The form's warnings (rows that do not balance, carried over ≠ last month's pending). */
			notices: RowError[];
	  }
	| { ok: false; errors: RowError[] };

/** Rolls the transaction back when the file is refused once laid over the stored figures. */
class Refused extends Error {
	constructor(readonly errors: RowError[]) {
		super('refused');
	}
}

/** Validates and (unless a dry run) writes a report file in one transaction. */
export async function importFile(store: Store, request: ImportRequest): Promise<ImportResult> {
	// The units are read (or found unchanged) while the file is parsed.
	const unitsRead = importUnits(store);
	unitsRead.catch(() => {}); // awaited below unless the file is refused first
	const sha256 = createHash('sha256').update(request.bytes).digest('hex');
	const read = request.table
		? { ok: true as const, table: request.table }
		: readOutcome(request.bytes, { maxRows: request.maxRows });
	if (!read.ok) return { ok: false, errors: [read.error] };
	// An official form names its units and carries more than our figures: prepared first.
	const prepared =
		request.prepared ??
		(read.table.form ? await prepareForm(store, read.table, { unitCode: null }) : null);
	const table = prepared?.table ?? read.table;
	const formErrors = prepared?.errors ?? [];
	if (formErrors.length && table.records.length === 0)
		return { ok: false, errors: sortErrors(formErrors) };
	const official = prepared?.summary ?? null;
	const notices = sortErrors(prepared?.notices ?? []);
	// A header that leaves nothing to check ends here; other header problems are reported with
	// the rows'.
	const { layout, errors: headerErrors } = readLayout(table);
	if (!layout) return { ok: false, errors: sortErrors([...formErrors, ...headerErrors.list]) };
	const form = layout.form;
	const currentMonth = request.currentMonth ?? thisMonth();
	const { byCode: units, successors } = await unitsRead;
	const context = {
		unitsByCode: units,
		currentMonth,
		successorOf: (id: number) => successors.get(id) ?? null
	};
	// The file is validated while it is written: slices of rows are read and checked as the COPY
	// into observations asks for more, so PostgreSQL writes one slice while the next is read.
	// What a figure replaces is read first, under the figures lock (so it cannot change before the
	// commit), for every unit-month the file could touch. Any error rolls the whole file back,
	// and every error is still reported: reading goes on to the end.
	const rowErrors: RowError[] = [...headerErrors.list, ...formErrors];
	const checker = new CellChecker(context);
	let stored: StoredFigures = new Map();
	let partErrors: RowError[] = [];
	function* validated(): Generator<Figure[]> {
		for (let start = 0; start < table.records.length; start += SLICE_ROWS) {
			const end = Math.min(table.records.length, start + SLICE_ROWS);
			const figures: Figure[] = [];
			visitCells(table, layout!, start, end, rowErrors, checker.into(figures));
			// Once the file is refused, reading goes on (every error is reported) but writing
			// stops: the transaction will be rolled back.
			yield rowErrors.length || checker.errors.length ? [] : figures;
		}
		// While PostgreSQL writes the last slice: parts against wholes, over the whole file.
		partErrors = checker.partErrors((u, m) => stored.get(`${u}|${m}`));
	}
	const candidates = candidateKeys(table, layout, units);
	/** The answer of a file accepted: previewed (`dryRun`) or written. */
	const accepted = (
		dryRun: boolean,
		counts: Pick<ImportResult & { ok: true }, 'batchId' | 'inserted' | 'updated' | 'unchanged'>
	): ImportResult => ({
		ok: true,
		dryRun,
		...counts,
		blank: checker.blanks,
		form,
		sha256,
		official,
		notices
	});
	if (request.dryRun) {
		// A preview writes nothing, so it takes no lock and no transaction: what it compares with
		// is the stored figures as they are now (an approval committing meanwhile changes only the
		// counts it shows, and the real import reads them again under the lock).
		stored = await storedFiguresIn(store, candidates.unitIds, candidates.months);
		const counts = countFigures(validated(), stored);
		const errors = [...rowErrors, ...checker.errors, ...partErrors];
		if (errors.length) return { ok: false, errors: sortErrors(errors) };
		return accepted(true, { batchId: null, ...counts });
	}
	try {
		const counts = await store.transaction(async (tx) => {
			await lockFigures(tx);
			stored = await storedFiguresIn(tx, candidates.unitIds, candidates.months);
			const c = await writeFigures(
				tx,
				validated(),
				{
					source: request.source ?? 'import',
					fileName: request.fileName,
					sha256,
					userId: request.userId,
					actor: request.actor,
					note: official?.note ?? null
				},
				stored
			);
			const errors = [...rowErrors, ...checker.errors, ...partErrors];
			if (errors.length) throw new Refused(errors);
			return c;
		});
		return accepted(false, counts);
	} catch (error) {
		if (error instanceof Refused) return { ok: false, errors: sortErrors(error.errors) };
		throw error;
	}
}

/**
 * Rows per slice of a file validated while it is written (10,000 figures of a wide report): small
 * enough that PostgreSQL starts on the first slice after ~15 ms of reading, not ~60 ms (a national
 * import ran 4 % faster with 500 than with 2,000, same bench, same minutes).
 */
const SLICE_ROWS = 500;

/** Every unit (of any era) that bears a code of the file, and every month the file names. */
function candidateKeys(
	table: Table,
	layout: Layout,
	units: Map<string, UnitSpan[]>
): { unitIds: number[]; months: string[] } {
	const codes = new Set<string>();
	const months = new Set<string>();
	for (const { cells } of table.records) {
		codes.add((cells[layout.unitCol] ?? '').trim());
		const period = (cells[layout.periodCol] ?? '').trim();
		if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) months.add(period);
	}
	const unitIds = [...codes].flatMap((code) => (units.get(code) ?? []).map((u) => u.id));
	return { unitIds, months: [...months] };
}

/** Errors in file order: by line, then column. */
export function sortErrors(errors: RowError[]): RowError[] {
	return [...errors].sort(
		(a, b) => a.line - b.line || String(a.column).localeCompare(String(b.column))
	);
}
