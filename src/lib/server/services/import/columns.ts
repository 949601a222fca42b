/**
 * Header → column roles. Canonical names of CONTRACT.md and the Vietnamese headers of the
 * downloadable template are both accepted, case and diacritics aside.
 */
import { MEASURES, type MeasureCode } from '../../../domain/measures.ts';
import { searchKey } from '../../../domain/text.ts';

export type Role =
	| { kind: 'unit_code' }
	| { kind: 'period' }
	| { kind: 'measure' }
	| { kind: 'value' }
	| { kind: 'ignored' }
	| { kind: 'figure'; measure: MeasureCode };

/** Vietnamese template headers for the key columns. */
export const TEMPLATE_HEADERS = {
	unit_code: 'Mã đơn vị',
	unit_name: 'Tên đơn vị',
	period: 'Kỳ báo cáo',
	measure: 'Chỉ tiêu',
	value: 'Giá trị'
} as const;

const aliases = new Map<string, Role>();
const add = (names: string[], role: Role) => names.forEach((n) => aliases.set(searchKey(n), role));
add(['unit_code', TEMPLATE_HEADERS.unit_code, 'ma dvhc', 'mã đvhc'], { kind: 'unit_code' });
add(['period', 'month', TEMPLATE_HEADERS.period, 'tháng'], { kind: 'period' });
add(['measure', TEMPLATE_HEADERS.measure, 'mã chỉ tiêu'], { kind: 'measure' });
add(['value', TEMPLATE_HEADERS.value, 'số liệu'], { kind: 'value' });
add(['unit_name', TEMPLATE_HEADERS.unit_name, 'note', 'ghi chú'], { kind: 'ignored' });
for (const m of MEASURES) add([m.code, m.name.vi, m.name.en], { kind: 'figure', measure: m.code });

/** The role of a header cell, or null when it is not a known column. */
export function roleOf(header: string): Role | null {
	return aliases.get(searchKey(header.replace(/^\uFEFF/, ''))) ?? null;
}

/** The measure code named by a long-form `measure` cell (code or Vietnamese/English name). */
export function measureNamed(cell: string): MeasureCode | null {
	const role = aliases.get(searchKey(cell));
	return role?.kind === 'figure' ? role.measure : null;
}
