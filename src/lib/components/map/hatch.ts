/**
 * Canvas fill patterns for the states a flat colour cannot show: "no data" is grey diagonal
 * hatching on a pale ground (a flat grey could be mistaken for a palette step), and a
 * low-confidence value keeps its class colour crossed by thin white stripes, so it reads as
 * "this colour, but take it with care". One pattern per colour, made once.
 */
const patterns = new Map<string, CanvasPattern>();

function pattern(
	key: string,
	ground: string,
	stripe: string,
	width: number,
	direction: 1 | -1
): CanvasPattern | string {
	const cached = patterns.get(key);
	if (cached) return cached;
	const size = 8;
	const tile = document.createElement('canvas');
	tile.width = tile.height = size;
	const ctx = tile.getContext('2d');
	if (!ctx) return ground;
	ctx.fillStyle = ground;
	ctx.fillRect(0, 0, size, size);
	ctx.strokeStyle = stripe;
	ctx.lineWidth = width;
	ctx.beginPath();
	// Three strokes so the lines join across tile edges.
	for (const k of [-size, 0, size]) {
		if (direction === 1) {
			ctx.moveTo(k, size);
			ctx.lineTo(k + size, 0);
		} else {
			ctx.moveTo(k, 0);
			ctx.lineTo(k + size, size);
		}
	}
	ctx.stroke();
	const made = ctx.createPattern(tile, 'repeat');
	if (!made) return ground;
	patterns.set(key, made);
	return made;
}

/** Grey diagonal hatching on a pale ground, for "no data" (browser only). */
export function hatchPattern(color: string): CanvasPattern | string {
	return pattern(`hatch:${color}`, '#f7f7f7', color, 1.6, 1);
}

/** The class colour crossed by white stripes, for a low-confidence value (browser only). */
export function stripePattern(color: string): CanvasPattern | string {
	return pattern(`stripe:${color}`, color, 'rgba(255,255,255,0.7)', 2, -1);
}
