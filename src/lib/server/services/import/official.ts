/**
 * The national portal's file of Decision 766 scores (CSV or XLSX), one row per unit and period:
 *
 * | column | meaning |
 * |---|---|
 * | Madonvi (or Ma) | the unit's code |
 * | Tendonvi | its name (optional, not read) |
 * | Ky | the period: `2025-Q3`, `Q3/2025`, `Quý 3/2025`, `2025-07`, `07/2025`, `Tháng 7/2025` |
 * | CungCapDVCTT, TienDoGiaiQuyet, SoHoa, ThanhToanTT, MucDoHaiLong, CongKhaiMinhBach | points of the six groups (blank: not scored) |
 * | Tong | the 0–100 total |
 * | NgayCongBo | the day the portal published (optional; `dd/mm/yyyy` or `yyyy-mm-dd`) |
 *
 * Headers are matched without case, diacritics or punctuation, in any order; decimals with a
 * point or a comma. Every error names its line and column.
 */
import type { IndicatorCode } from '../../../domain/indicators.ts';
import { findIndicator } from '../../../domain/indicators.ts';
import { isIsoDate, monthCode } from '../../../domain/periods.ts';
import { searchKey } from '../../../domain/text.ts';
import type { Table } from './table.ts';

export const OFFICIAL_GROUP_COLUMNS: readonly [string, IndicatorCode][] = [
	['CungCapDVCTT', 'online_uptake'],
	['TienDoGiaiQuyet', 'on_time_rate'],
	['SoHoa', 'digitization_rate'],
	['ThanhToanTT', 'online_payment_rate'],
	['MucDoHaiLong', 'satisfaction_rate'],
	['CongKhaiMinhBach', 'transparency_rate']
];

export const OFFICIAL_COLUMNS = [
	'Madonvi',
	'Tendonvi',
	'Ky',
	...OFFICIAL_GROUP_COLUMNS.map((c) => c[0]),
	'Tong',
	'NgayCongBo'
];

export interface OfficialFileRow {
	line: number;
	code: string;
	period: string;
	groups: Partial<Record<IndicatorCode, number | null>>;
	total: number;
	publishedOn: string | null;
}

export interface OfficialFileError {
	line: number;
	column: string | null;
	message: string;
}

const key = (s: string) => searchKey(s).replace(/[^a-z0-9]/g, '');

/** `YYYY-Qn` or `YYYY-MM` from the portal's ways of writing a month or a quarter; else null. */
export function officialPeriod(text: string): string | null {
	const t = key(text);
	const quarter =
		/^(\d{4})q([1-4])$/.exec(t)?.slice(1) ??
		/^(?:quy|q)([1-4])(\d{4})$/.exec(t)?.slice(1).reverse();
	if (quarter) return `${quarter[0]}-Q${quarter[1]}`;
	const month =
		/^(2\d{3})(\d{2})$/.exec(t)?.slice(1) ??
		/^(?:thang)?(\d{1,2})(\d{4})$/.exec(t)?.slice(1).reverse();
	if (!month) return null;
	const [year, mm] = month.map(Number);
	return mm >= 1 && mm <= 12 && year >= 2000 && year <= 2999 ? monthCode(year, mm) : null;
}

function number(text: string): number | null {
	const t = text.trim().replace(',', '.');
	if (t === '') return null;
	return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

function date(text: string): string | null | undefined {
	const t = text.trim();
	if (t === '') return null;
	const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
	const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : t;
	return isIsoDate(iso) ? iso : undefined;
}

/** The file's rows, or the errors that refuse it (all of them, each with line and column). */
export function parseOfficialTable(table: Table): {
	rows: OfficialFileRow[];
	errors: OfficialFileError[];
} {
	const index = new Map(table.header.map((h, i) => [key(h), i]));
	const col = (...names: string[]) =>
		names.map((n) => index.get(key(n))).find((i) => i !== undefined);
	const codeCol = col('Madonvi', 'Ma', 'MaDV');
	const periodCol = col('Ky', 'KyBaoCao');
	const totalCol = col('Tong', 'TongDiem');
	const groupCols = OFFICIAL_GROUP_COLUMNS.map(([name, code]) => [name, code, col(name)] as const);
	const dateCol = col('NgayCongBo');
	const missing = [
		codeCol === undefined && 'Madonvi',
		periodCol === undefined && 'Ky',
		totalCol === undefined && 'Tong',
		...groupCols.filter((g) => g[2] === undefined).map((g) => g[0])
	].filter((x): x is string => !!x);
	if (missing.length)
		return {
			rows: [],
			errors: [{ line: 1, column: null, message: `Missing columns: ${missing.join(', ')}` }]
		};
	const rows: OfficialFileRow[] = [];
	const errors: OfficialFileError[] = [];
	const seen = new Set<string>();
	for (const { line, cells } of table.records) {
		const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
		const err = (column: string, message: string) => errors.push({ line, column, message });
		const code = cell(codeCol);
		if (!/^\d{1,10}$/.test(code)) err('Madonvi', `"${code.slice(0, 20)}" is not a unit code`);
		const period = officialPeriod(cell(periodCol));
		if (!period) err('Ky', `"${cell(periodCol).slice(0, 20)}" is not a month or a quarter`);
		const groups: OfficialFileRow['groups'] = {};
		for (const [name, indicatorCode, i] of groupCols) {
			const v = number(cell(i));
			const max = findIndicator(indicatorCode)!.scoring!.points;
			if (v !== null && !(v >= 0 && v <= max))
				err(name, `"${cell(i).slice(0, 20)}" is not a score from 0 to ${max}`);
			else groups[indicatorCode] = v;
		}
		const total = number(cell(totalCol));
		if (total === null || !(total >= 0 && total <= 100))
			err('Tong', `"${cell(totalCol).slice(0, 20)}" is not a total from 0 to 100`);
		const publishedOn = date(cell(dateCol));
		if (publishedOn === undefined)
			err('NgayCongBo', `"${cell(dateCol).slice(0, 20)}" is not a date`);
		const k = `${code}|${period}`;
		if (period && seen.has(k)) err('Madonvi', `unit ${code} appears twice for ${period}`);
		seen.add(k);
		if (errors.at(-1)?.line === line) continue;
		rows.push({
			line,
			code,
			period: period!,
			groups,
			total: total!,
			publishedOn: publishedOn ?? null
		});
	}
	return { rows, errors };
}
