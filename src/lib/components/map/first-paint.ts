/**
 * The first paint of the map: the server writes on an empty canvas over the map what the
 * choropleth will look like (each unit's colour and flags, the outlines, the room to leave), and
 * a small script the head loads `async` (first-paint.script.ts) draws it from the shapes the
 * document preloads — while the page is still being parsed, before its scripts and Leaflet have
 * loaded. The interactive map then takes over on the same view ($lib/geo/map-view.ts `openingView`),
 * drawn by the same code (paint.ts, unit-style.ts), so nothing moves. This module is the plan
 * both ends read: pure, no DOM.
 */

/**
 * How the choropleth paints its units, as the page carries it (JSON in a data attribute). The
 * units are not named: their classes follow the order of their codes, which is the order of the
 * shapes, and a fingerprint of those codes says whether the shapes are the same units.
 */
export interface PaintPlan {
	/** The fill colours used, the no-data colour among them. */
	colours: string[];
	noData: string;
	/** Per unit in code order, its colour's index in `colours` (one base-36 digit). */
	classes: string;
	/** Positions (in code order) of low-confidence units, comma-separated. */
	low: string;
	/** FNV-1a hash of the codes in order, comma-joined. */
	fingerprint: number;
	outlines: boolean;
	/** Room to leave below the units when framing them (pixels). */
	bottomInset: number;
}

/** 32-bit FNV-1a of the codes joined by commas. */
export function fingerprintOf(sortedCodes: readonly string[]): number {
	let hash = 0x811c9dc5;
	const text = sortedCodes.join(',');
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** The plan of a choropleth: `fills` per unit code, those in `lowConfidence` striped. */
export function planOf(
	fills: ReadonlyMap<string, string>,
	lowConfidence: ReadonlySet<string>,
	noData: string,
	outlines: boolean,
	bottomInset: number
): PaintPlan {
	const colours = [noData];
	const index = new Map([[noData, 0]]);
	const codes = [...fills.keys()].sort();
	let classes = '';
	const low: number[] = [];
	codes.forEach((code, i) => {
		const fill = fills.get(code)!;
		let k = index.get(fill);
		if (k === undefined) {
			k = colours.push(fill) - 1;
			index.set(fill, k);
		}
		if (k >= 36) throw new Error('A first paint has room for 36 colours');
		if (lowConfidence.has(code)) low.push(i);
		classes += k.toString(36);
	});
	return {
		colours,
		noData,
		classes,
		low: low.join(','),
		fingerprint: fingerprintOf(codes),
		outlines,
		bottomInset
	};
}

/**
 * Each unit's fill (code → colour) and the low-confidence codes of a plan, for the units
 * `codes`; null when those are not the units the plan was made for.
 */
export function readPlan(
	plan: PaintPlan,
	codes: readonly string[]
): { fills: Map<string, string>; lowConfidence: Set<string> } | null {
	const sorted = [...codes].sort();
	if (sorted.length !== plan.classes.length || fingerprintOf(sorted) !== plan.fingerprint)
		return null;
	const fills = new Map<string, string>();
	sorted.forEach((code, i) => fills.set(code, plan.colours[parseInt(plan.classes[i], 36)]));
	const lowConfidence = new Set(
		plan.low === '' ? [] : plan.low.split(',').map((i) => sorted[Number(i)])
	);
	return { fills, lowConfidence };
}
