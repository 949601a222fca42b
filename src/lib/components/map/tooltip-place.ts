/**
 * Where a tooltip box goes in its map frame: beside the point it describes, on the roomier side
 * (right of a point in the left half, above a point in the lower half), then moved back inside
 * the frame. On a 360 px phone a 288 px box beside a point near the middle would otherwise run
 * off the screen (the frame clips it).
 */

export interface Placement {
	/** The point, in frame pixels. */
	x: number;
	y: number;
	/** The box's measured size. */
	width: number;
	height: number;
	/** The frame's size. */
	frameWidth: number;
	frameHeight: number;
	/** Distance from the point to the box. */
	gap?: number;
	/** Least distance from the box to the frame's edges. */
	margin?: number;
}

/** The box's top-left corner in frame pixels. */
export function placeTooltip(p: Placement): { left: number; top: number } {
	const gap = p.gap ?? 14;
	const margin = p.margin ?? 4;
	return {
		left: along(p.x, p.width, p.frameWidth, gap, margin),
		top: along(p.y, p.height, p.frameHeight, gap, margin)
	};
}

/** One axis: after the point in the first half, before it in the second, clamped to the frame. */
function along(at: number, size: number, frame: number, gap: number, margin: number): number {
	const wanted = at > frame / 2 ? at - gap - size : at + gap;
	// A box larger than the frame starts at its edge (its end is then what is cut).
	return Math.max(margin, Math.min(wanted, frame - margin - size));
}
