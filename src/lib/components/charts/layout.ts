/**
 * Where a chart's labels go, as pure functions of the scales' output (pixels), so that they can
 * be tested without drawing: the years under the time axis, the latest value's label, the
 * target's label on the side of its rule with less in the way, the harmonised part's bracket and
 * the merger's label.
 */
import { clampCentre, textWidth, wrapText } from './labels';

/** A year under the time axis: its label's centre (`NaN` with no label) and its grid line. */
export interface YearMark {
	at: number;
	label: string;
	edge: number;
}

/**
 * Each year's label under the middle of its run of periods (codes that start with the year,
 * oldest first), where `x(i)` is the left edge of period `i`; a year too narrow to hold its label
 * with `slack` pixels to spare keeps its grid line only.
 */
export function yearMarks(
	periods: readonly string[],
	x: (i: number) => number,
	{ charWidth = 6.5, slack = 4 }: { charWidth?: number; slack?: number } = {}
): YearMark[] {
	const out: YearMark[] = [];
	periods.forEach((p, i) => {
		const year = p.slice(0, 4);
		if (i > 0 && periods[i - 1].slice(0, 4) === year) return;
		let end = i;
		while (end < periods.length && periods[end].slice(0, 4) === year) end++;
		const wide = x(end) - x(i) >= textWidth(year, charWidth) + slack;
		out.push({ at: wide ? x((i + end) / 2) : NaN, label: wide ? year : '', edge: x(i) });
	});
	return out;
}

/** A value's label: above its point at `y`, unless that leaves the plot (then below). */
export function valueLabelY(y: number): number {
	return y - 10 < 4 ? y + 20 : y - 10;
}

/**
 * The baseline of a target's label at the end of its rule at `ty`: above the rule or below it,
 * on the side with fewer of the `near` heights (points and other labels under the label) in the
 * 17 pixels it takes; never outside the plot (`top` is how far above 0 it may go, `bottom` the
 * plot's height).
 */
export function targetLabelY(ty: number, near: readonly number[], top: number, bottom: number) {
	const inBand = (lo: number, hi: number) => near.filter((v) => v >= lo && v <= hi).length;
	const above = ty - 17 < -top ? Infinity : inBand(ty - 17, ty);
	const below = ty + 17 > bottom ? Infinity : inBand(ty, ty + 17);
	return above <= below ? ty - 5 : ty + 14;
}

/** A point or label drawn in the plot, in pixels. */
export interface At {
	x: number;
	y: number;
}

/**
 * The bracket under the time axis over the harmonised part, which ends at `right`: its label
 * wrapped to `room` pixels and centred under it, between `min` and `max`.
 */
export function bracketLayout(
	label: string,
	right: number,
	room: number,
	min: number,
	max: number
) {
	const lines = wrapText(label, room);
	const w = Math.max(...lines.map((l) => textWidth(l)));
	return { right, lines, centre: clampCentre(right / 2, w, min, max) };
}

/** The latest value's label over its point `at`, its centre kept between `min` and `max`. */
export function lastValueLayout(text: string, at: At, min: number, max: number) {
	const w = textWidth(text, 8) + 4;
	return { text, x: clampCentre(at.x, w, min, max), y: valueLabelY(at.y) };
}

/**
 * The target's label, right-aligned at `right` on its rule at `ty`: above or below it, on the side
 * with fewer of the `points` and less of the latest value's label (`last`) in the way.
 */
export function targetLabelLayout(
	label: string,
	ty: number,
	right: number,
	points: readonly At[],
	last: At | null,
	top: number,
	bottom: number
) {
	const labelLeft = right - textWidth(label, 7.5);
	const left = labelLeft - 6;
	const near = points.filter((p) => p.x >= left).map((p) => p.y);
	if (last && last.x >= left) near.push(last.y - 4, last.y - 8);
	return { labelLeft, labelY: targetLabelY(ty, near, top, bottom) };
}

/**
 * The centre of the merger's label above the plot, on its rule at `mx`, between `min` and `max`;
 * moved left of the target's label when that is up there too.
 */
export function mergerLabelX(
	label: string,
	mx: number,
	min: number,
	max: number,
	target: { labelLeft: number; labelY: number } | null
): number {
	const right = target && target.labelY < 0 ? target.labelLeft - 8 : max;
	return clampCentre(mx, textWidth(label, 7.2), min, right);
}
