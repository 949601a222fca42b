/**
 * The part check: no part above its whole (women among people served, online among
 * applications…), over the file's figures laid on the stored ones, so a file cannot break it by
 * giving one side only.
 */
import { MEASURES, MEASURE_INDEX, type MeasureCode } from '../../../../domain/measures.ts';
import type { RowError } from '../cells.ts';
import type { Given } from '../validate.ts';

/** Each part with its whole, in MEASURES order, by position too. */
const PART_RULES = MEASURES.flatMap((m) =>
	m.partOf
		? [{ part: m.code, whole: m.partOf, p: MEASURE_INDEX[m.code], w: MEASURE_INDEX[m.partOf] }]
		: []
);

/** Parts never exceed wholes, with the figures given laid over the stored ones. */
export function partErrors(
	givens: Iterable<Given>,
	stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined
): RowError[] {
	const errors: RowError[] = [];
	for (const g of givens) {
		const old = stored(g.unitId, g.month);
		for (const rule of PART_RULES) {
			// Stored figures that disagree among themselves are not this file's doing.
			if (!g.lines[rule.p] && !g.lines[rule.w]) continue;
			const p = g.lines[rule.p] ? g.values[rule.p] : old?.get(rule.part);
			const w = g.lines[rule.w] ? g.values[rule.w] : old?.get(rule.whole);
			if (p === undefined || w === undefined || p <= w) continue;
			const blame = g.lines[rule.p] ? rule.p : rule.w;
			errors.push({
				line: g.lines[blame],
				column: g.columns[blame],
				code: 'part_exceeds_whole',
				message: `${rule.part} ${p} exceeds ${rule.whole} ${w}${g.lines[rule.w] ? '' : ' (stored figure)'} for ${g.month}`
			});
		}
	}
	return errors;
}
