/**
 * The blank Biểu số II.06a for an editor's area: the form's title, the issuing province, the
 * reporting period (a calendar month) and its two header rows (group headings merged over their
 * parts, as the circular draws them), then one row per commune of the area with its name, the
 * figure cells empty. Filled in and uploaded as it is, it imports without edits (readers/ii06a.ts
 * reads it back).
 */
import { FIELD_HEADINGS, II06A_FIELDS } from '../../../domain/ii06a.ts';
import { formDate } from '../../../domain/report-period.ts';
import { lastDay } from '../../../domain/periods.ts';
import { writeWorkbook } from '../../http/xlsx-writer.ts';
import type { Executor } from '../../db/index.ts';
import { areaUnit, communesAt } from '../../queries/form-units.ts';

export interface BlankFormOptions {
	units: { name: string }[];
	/**
	 * The issuer after "UBND": the editor's commune with its province ("phường Đoàn Kết, tỉnh Lai
	 * Châu"), or the province ("tỉnh Lai Châu"); null when the area spans provinces.
	 */
	province: string | null;
	/** YYYY-MM */
	month: string;
}

/** The blank form's workbook. */
export function buildIi06aForm(options: BlankFormOptions): Uint8Array {
	const { month } = options;
	const width = 2 + II06A_FIELDS.length;
	const groups: string[] = ['STT', 'Tên đơn vị'];
	let previous = '';
	for (const f of II06A_FIELDS) {
		const group = FIELD_HEADINGS[f][0];
		groups.push(group === previous ? '' : group);
		previous = group;
	}
	const period = `Kỳ báo cáo: Tháng ${Number(month.slice(5))}/${month.slice(0, 4)} (Từ ngày ${formDate(`${month}-01`)} đến ngày ${formDate(lastDay(month))})`;
	const above = [
		['Biểu số II.06a/VPCP/KSTT'],
		['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC'],
		[options.province ? `Đơn vị báo cáo: UBND ${options.province}` : 'Đơn vị báo cáo:'],
		[period],
		groups
	];
	const last = String.fromCharCode(64 + width);
	return writeWorkbook({
		name: 'II.06a',
		above,
		header: ['', '', ...II06A_FIELDS.map((f) => FIELD_HEADINGS[f][1])],
		rows: options.units.map((u, i) => [i + 1, u.name]),
		columns: [{ width: 6 }, { width: 28, text: true }, ...II06A_FIELDS.map(() => ({ width: 14 }))],
		frozenColumns: 2,
		merges: [
			`A1:${last}1`,
			`A2:${last}2`,
			`A3:${last}3`,
			`A4:${last}4`,
			'A5:A6',
			'B5:B6',
			'C5:F5',
			'G5:J5',
			'K5:M5'
		]
	});
}

/** The blank form of the communes in `areaCode` (every commune when null) in force in `month`. */
export async function blankFormFor(
	db: Executor,
	areaCode: string | null,
	month: string
): Promise<Uint8Array> {
	const day = `${month}-01`;
	const all = await communesAt(db, day);
	const area = areaCode ? await areaUnit(db, areaCode, day) : null;
	const units = area
		? all.filter((c) => c.id === area.id || c.districtId === area.id || c.provinceId === area.id)
		: all;
	const provinces = new Set(units.map((u) => u.province));
	const province = provinces.size === 1 ? ([...provinces][0] ?? null) : null;
	// A commune's editor reports for the commune, not for the province; the province stays after
	// it, as the reader (readers/ii06a.ts) finds the province there. (Not a district's: "thành
	// phố Lai Châu" first would read as a province.)
	const below = area?.level === 'commune' ? lowerType(area.name) : null;
	const issuer = province ? lowerType(province) : null;
	return buildIi06aForm({
		units,
		province: below ? (issuer ? `${below}, ${issuer}` : below) : issuer,
		month
	});
}

/** "Tỉnh Lai Châu" → "tỉnh Lai Châu", "Phường Đoàn Kết" → "phường Đoàn Kết", as after "UBND". */
const lowerType = (name: string) =>
	name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Thị trấn)(?= )/u, (t) => t.toLowerCase());
