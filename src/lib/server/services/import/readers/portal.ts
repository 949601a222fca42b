/**
 * The national public service portal's monthly statistics record (what a commune's one-stop
 * software syncs to the portal): JSON (an array of records, or `{ "data": [...] }`) or CSV with
 * the same field names, any case. One record per unit and month:
 *
 *   Thang, Nam             month and year
 *   Madonvi                our unit code: the 5-digit commune code of the General Statistics
 *                          Office (assumed; a number loses its leading zero and is padded back)
 *   SoNhanTrongKy          received in the month (without the stock carried over)
 *   SoTonKyTruoc           carried over from the previous month
 *   TongDaXuLy             resolved = TongXuLyDungHan (on time, early included) + TongXuLyTreHan
 *   TongChuaXuLy           pending  = TongChuaXuLyTrongHan + TongChuaXuLyTreHan (overdue)
 *
 * The record has no online/in-person split, so `dossiers_received_online` is not filled.
 * Lines of a JSON file are its records' ordinals (record 1 is "line 1").
 */
import type { MeasureCode } from '../../../../domain/measures.ts';
import { parseCount } from '../validate.ts';
import { FORM_KEY_COLUMNS, TableError, tooManyRows, type Table } from '../table.ts';
import type { RowError } from '../cells.ts';

const FIELDS = [
	'thang',
	'nam',
	'madonvi',
	'sonhantrongky',
	'sotonkytruoc',
	'tongdaxuly',
	'tongxulydunghan',
	'tongxulytrehan',
	'tongchuaxuly',
	'tongchuaxulytronghan',
	'tongchuaxulytrehan'
] as const;
type Field = (typeof FIELDS)[number];

/** The fields as the portal spells them, for messages. */
const SPELT = Object.fromEntries(
	[
		'Thang',
		'Nam',
		'Madonvi',
		'SoNhanTrongKy',
		'SoTonKyTruoc',
		'TongDaXuLy',
		'TongXuLyDungHan',
		'TongXuLyTreHan',
		'TongChuaXuLy',
		'TongChuaXuLyTrongHan',
		'TongChuaXuLyTreHan'
	].map((name) => [name.toLowerCase(), name])
) as Record<Field, string>;

const MEASURES: [MeasureCode, Field][] = [
	['dossiers_received', 'sonhantrongky'],
	['dossiers_resolved', 'tongdaxuly'],
	['dossiers_resolved_on_time', 'tongxulydunghan'],
	['dossiers_pending', 'tongchuaxuly'],
	['dossiers_pending_overdue', 'tongchuaxulytrehan']
];

/** True when a CSV header (or a JSON record's keys) is the portal's. */
export const isPortalHeader = (names: readonly string[]) => {
	const keys = new Set(names.map((n) => n.trim().toLowerCase()));
	return keys.has('madonvi') && keys.has('thang') && keys.has('nam');
};

type Record_ = { line: number; get: (f: Field) => string };

/** The portal's JSON text as a table; TableError when it is not the portal's records. */
export function readPortalJson(text: string, maxRows = Infinity): Table {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		throw new TableError(0, `The file is not valid JSON: ${(error as Error).message}`);
	}
	const data =
		parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? Object.entries(parsed).find(([k]) => k.toLowerCase() === 'data')?.[1]
			: parsed;
	if (!Array.isArray(data))
		throw new TableError(0, 'The JSON holds no records: expected an array, or {"data": [...]}');
	if (data.length > maxRows) throw tooManyRows(maxRows + 1, maxRows);
	const records: Record_[] = data.map((item, i) => {
		if (!item || typeof item !== 'object' || Array.isArray(item))
			throw new TableError(i + 1, `Record ${i + 1} is not an object`);
		const byKey = new Map(Object.entries(item).map(([k, v]) => [k.toLowerCase(), v]));
		return { line: i + 1, get: (f) => (byKey.get(f) == null ? '' : String(byKey.get(f))) };
	});
	if (records.length && !isPortalHeader([...FIELDS].filter((f) => records[0].get(f) !== '')))
		throw new TableError(1, 'The JSON records lack Madonvi, Thang or Nam');
	return portalTable(records);
}

/** A CSV table with the portal's columns as a table of ours. */
export function portalFromCsv(table: Table): Table {
	const index = new Map(table.header.map((h, i) => [h.trim().toLowerCase(), i]));
	return portalTable(
		table.records.map(({ line, cells }) => ({
			line,
			get: (f) => {
				const i = index.get(f);
				return i === undefined ? '' : (cells[i] ?? '');
			}
		}))
	);
}

function portalTable(records: Record_[]): Table {
	const errors: RowError[] = [];
	const warnings: RowError[] = [];
	const out: Table['records'] = [];
	for (const r of records) {
		const raw = (f: Field) => r.get(f).trim();
		const code = /^\d{1,5}$/.test(raw('madonvi'))
			? raw('madonvi').padStart(5, '0')
			: raw('madonvi');
		const month = /^\d{1,2}$/.test(raw('thang')) ? raw('thang').padStart(2, '0') : raw('thang');
		const n = (f: Field): number | null => {
			const parsed = parseCount(raw(f));
			return raw(f) === '' || 'error' in parsed ? null : parsed.value;
		};
		const check = (total: Field, a: Field, b: Field, group: string) => {
			const [t, x, y] = [n(total), n(a), n(b)];
			if (t !== null && x !== null && y !== null && t !== x + y)
				return [`${group}: ${SPELT[total]} ${t} ≠ ${SPELT[a]} ${x} + ${SPELT[b]} ${y} = ${x + y}`];
			return [];
		};
		const wrong = [
			...check('tongdaxuly', 'tongxulydunghan', 'tongxulytrehan', 'resolved'),
			...check('tongchuaxuly', 'tongchuaxulytronghan', 'tongchuaxulytrehan', 'pending')
		];
		if (wrong.length)
			errors.push({
				line: r.line,
				column: null,
				code: 'form_arithmetic',
				message: `${code} ${raw('nam')}-${month}: the record's totals do not add up (${wrong.join('; ')})`
			});
		const [got, carried, done, open] = [
			'sonhantrongky',
			'sotonkytruoc',
			'tongdaxuly',
			'tongchuaxuly'
		].map((f) => n(f as Field));
		if (
			got !== null &&
			carried !== null &&
			done !== null &&
			open !== null &&
			got + carried !== done + open
		)
			warnings.push({
				line: r.line,
				column: null,
				code: 'form_balance',
				message: `${code} ${raw('nam')}-${month}: received ${got} + carried over ${carried} ≠ resolved ${done} + pending ${open}`
			});
		out.push({
			line: r.line,
			cells: [
				code,
				`${raw('nam')}-${month}`,
				raw('sotonkytruoc'),
				...MEASURES.map(([, f]) => raw(f))
			]
		});
	}
	return {
		header: [...FORM_KEY_COLUMNS, ...MEASURES.map(([m]) => m)],
		records: out,
		delimiter: '',
		form: { kind: 'portal', layout: null, period: null, province: null, errors, warnings }
	};
}
