/**
 * The figures the map needs, packed for the page: a national view has ~10,000 units, and as an
 * array of row objects they would cost ~200 bytes each in the page's data. The map only needs
 * each unit's value and low-confidence flag, so they travel as three comma-separated strings
 * (codes, values, positions of the low-confidence units): ~25 bytes a unit, and one string each
 * to serialise and parse instead of thousands of array items. Numbers are written in their
 * shortest exact form, so they read back identical. Pure, used on both sides.
 */
import type { FigureLike } from './choropleth';

export interface MapFigures {
	/** Unit codes, comma-separated, in the order of the rows they were packed from. */
	codes: string;
	/** The value of each code, comma-separated; empty for no data. */
	values: string;
	/** Positions (in `codes`) of the units whose value is low-confidence, comma-separated. */
	low: string;
}

const split = (text: string) => (text === '' ? [] : text.split(','));

// The rows each packing was made from, on the side that packed them: the server renders the page
// from the very object its `load` returned, so unpacking there is a lookup, not 10,000 parses.
const packedFrom = new WeakMap<MapFigures, readonly FigureLike[]>();

/** Packs the figures of some rows (see {@link MapFigures}); codes must not contain commas. */
export function packFigures(rows: readonly FigureLike[]): MapFigures {
	const low: number[] = [];
	rows.forEach((r, i) => {
		if (r.unit_code.includes(',')) throw new Error(`Unit code with a comma: ${r.unit_code}`);
		if (r.low_confidence) low.push(i);
	});
	const packed = {
		codes: rows.map((r) => r.unit_code).join(','),
		values: rows.map((r) => (r.value === null ? '' : String(r.value))).join(','),
		low: low.join(',')
	};
	packedFrom.set(packed, rows);
	return packed;
}

/** The rows {@link packFigures} packed, as the choropleth reads them. */
export function unpackFigures(figures: MapFigures): readonly FigureLike[] {
	const known = packedFrom.get(figures);
	if (known) return known;
	const values = split(figures.values);
	const low = new Set(split(figures.low).map(Number));
	return split(figures.codes).map((unit_code, i) => ({
		unit_code,
		value: values[i] === '' || values[i] === undefined ? null : Number(values[i]),
		low_confidence: low.has(i)
	}));
}

/** How many units have a value (every one of them has a rank). */
export function countWithData(figures: readonly FigureLike[]): number {
	let n = 0;
	for (const f of figures) if (f.value !== null) n++;
	return n;
}
