/**
 * A form's table (readers/ii06a.ts, readers/portal.ts) → the table every import checks
 * (unit_code, period, measures), in the main thread since it needs the database: II.06a rows
 * named by unit are matched to the communes of the province (the uploader's province, else the
 * one the form's header names, else the whole country) and an unknown or ambiguous name is an
 * error with the nearest names; the stock carried over is compared with the pending stock of the
 * month before (a warning with both numbers). Says what was read in a note kept with the import.
 */
import type { Executor } from '../../db/index.ts';
import { matcher } from '../../../domain/name-match.ts';
import { nameKeys } from '../../../domain/search.ts';
import { addMonths } from '../../../domain/periods.ts';
import { formDate, type ReportingPeriod } from '../../../domain/report-period.ts';
import { communesAt, provinceIdOf } from '../../queries/form-units.ts';
import { importUnits } from '../../queries/import-units.ts';
import { storedFiguresIn } from '../../queries/approved-figures.ts';
import type { FormInfo, Table } from './table.ts';
import type { RowError } from './cells.ts';

/** What the import says about a form it read: kind, layout, period and the rule that filed it. */
export interface FormSummary {
	kind: FormInfo['kind'];
	layout: FormInfo['layout'];
	period: ReportingPeriod | null;
	/** One sentence, kept as the import batch's note and in the drafts' audit detail. */
	note: string;
}

export interface PreparedForm {
	table: Table;
	errors: RowError[];
	/** Not errors: rows that do not balance, stock carried over unlike last month's pending. */
	notices: RowError[];
	summary: FormSummary;
}

/** Prepares a form's table; `unitCode` is the uploader's area (null: the CLI, the whole country). */
export async function prepareForm(
	db: Executor,
	table: Table,
	options: { unitCode: string | null }
): Promise<PreparedForm> {
	const form = table.form!;
	const errors = [...form.errors];
	const placed: {
		line: number;
		unitId: number;
		month: string;
		carried: string;
		cells: string[];
	}[] = [];
	if (form.kind === 'ii06a') {
		const month = form.period!.month;
		const find = await communeFinder(db, month, options.unitCode, form.province);
		for (const { line, cells } of table.records) {
			const found = find(cells[0]);
			if (found.kind === 'one')
				placed.push({
					line,
					unitId: found.unit.id,
					month,
					carried: cells[2],
					cells: [found.unit.code, ...cells.slice(1)]
				});
			else
				errors.push({
					line,
					column: 'unit',
					code: found.kind === 'none' ? 'unknown_unit_name' : 'ambiguous_unit_name',
					message:
						found.kind === 'none'
							? `No commune named "${cells[0]}"${where(form.province, options.unitCode)}; the nearest names: ${found.nearest.map(label).join(', ')}`
							: `"${cells[0]}" fits several communes: ${found.units.map(label).join(', ')}; write the name with its type (Xã, Phường, Thị trấn)`
				});
		}
	} else {
		const { byCode } = await importUnits(db);
		for (const { line, cells } of table.records) {
			const day = `${cells[1]}-01`;
			const unit = byCode
				.get(cells[0])
				?.find((u) => (u.validFrom ?? '0001-01-01') <= day && (u.validTo ?? '9999-12-31') >= day);
			// A record whose unit or month is wrong keeps its cells: the import's checks report it.
			placed.push({ line, unitId: unit?.id ?? -1, month: cells[1], carried: cells[2], cells });
		}
	}
	const notices = [...form.warnings, ...(await carriedOverNotices(db, placed))];
	if (placed.length === 0 && errors.length === 0)
		errors.push({
			line: table.headerLine ?? 1,
			column: null,
			code: 'no_rows',
			message: 'The form has no unit row with figures'
		});
	return {
		table: {
			header: ['unit_code', 'period', ...table.header.slice(3)],
			records: placed.map(({ line, cells }) => ({
				line,
				cells: [cells[0], cells[1], ...cells.slice(3)]
			})),
			delimiter: table.delimiter
		},
		errors,
		notices,
		summary: summaryOf(form, table.records.length)
	};
}

const label = (u: { name: string; district: string | null; code: string }) =>
	`${u.name}${u.district ? ` (${u.district})` : ''} ${u.code}`;

const where = (province: string | null, unitCode: string | null) =>
	unitCode ? ' in the province of your area' : province ? ` in ${province}` : '';

/** Finds a commune by name in force in `month`, within the province when one is known. */
async function communeFinder(
	db: Executor,
	month: string,
	unitCode: string | null,
	province: string | null
) {
	const day = `${month}-01`;
	const communes = await communesAt(db, day);
	let provinceId = unitCode ? await provinceIdOf(db, unitCode, day) : null;
	if (provinceId === null && province) {
		const key = nameKeys(province).core;
		provinceId =
			communes.find((c) => c.province && nameKeys(c.province).core === key)?.provinceId ?? null;
	}
	return matcher(
		provinceId === null ? communes : communes.filter((c) => c.provinceId === provinceId)
	);
}

/**
 * The stock carried over against the pending stock of the month before: the file's own when it
 * has that month, else the approved figure. A warning, with both numbers, where they differ.
 */
async function carriedOverNotices(
	db: Executor,
	rows: { line: number; unitId: number; month: string; carried: string; cells: string[] }[]
): Promise<RowError[]> {
	const checked = rows.filter(
		(r) => r.unitId > 0 && /^\d+$/.test(r.carried) && /^\d{4}-\d{2}$/.test(r.month)
	);
	if (checked.length === 0) return [];
	const inFile = new Map(checked.map((r) => [`${r.unitId}|${r.month}`, r]));
	const stored = await storedFiguresIn(
		db,
		checked.map((r) => r.unitId),
		checked.map((r) => addMonths(r.month, -1))
	);
	const notices: RowError[] = [];
	for (const r of checked) {
		const before = addMonths(r.month, -1);
		const own = inFile.get(`${r.unitId}|${before}`);
		// Both tables end with pending, overdue.
		const ownPending = own?.cells[own.cells.length - 2];
		const pending = ownPending
			? Number(ownPending)
			: stored.get(`${r.unitId}|${before}`)?.get('dossiers_pending');
		if (pending === undefined || Number.isNaN(pending) || pending === Number(r.carried)) continue;
		notices.push({
			line: r.line,
			column: 'carried_over',
			code: 'carried_over_differs',
			message: `${r.cells[0]} ${r.month}: carried over ${Number(r.carried)}, but ${before} ended with ${pending} pending (${own ? `line ${own.line}` : 'approved figure'})`
		});
	}
	return notices;
}

function summaryOf(form: FormInfo, rows: number): FormSummary {
	if (form.kind === 'portal')
		return {
			kind: 'portal',
			layout: null,
			period: null,
			note: `National public service portal monthly statistics (${rows} records)`
		};
	const p = form.period!;
	const dates = `${formDate(p.from)} – ${formDate(p.to)}`;
	return {
		kind: 'ii06a',
		layout: form.layout,
		period: p,
		note:
			`Biểu số II.06a/VPCP/KSTT (${form.layout === 'current' ? 'current layout, 13 columns' : 'old layout, 12 columns'}), ` +
			(p.calendar
				? `reporting period ${dates} (${p.month})`
				: `reporting period ${dates}, not a calendar month: filed under ${p.month}, the month of its end date`)
	};
}
