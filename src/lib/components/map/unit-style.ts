/**
 * How the choropleth paints each unit (paint.ts's UnitStyle) and what all its units share (its
 * Look), from a unit's fill colour and flags. Missing values are hatched grey; low-confidence ones
 * keep their class colour crossed by white stripes (hatch.ts). Used by the Leaflet layer and by
 * the first paint alike, so the map looks the same before and after the page's scripts run.
 */
import { hatchPattern, stripePattern } from './hatch';
import type { MapShapes } from '$lib/geo/map-shapes';
import { groupUnits, type Group, type Look, type UnitStyle } from './paint';

const OUTLINE = '#ffffff';
const HIGHLIGHT = '#111827';
// A national map's units are a few pixels wide: a 1 px outline would wash their colour out, so
// many units get a hairline.
const MANY = 2000;

/** The style of a unit filled `fill` (the no-data colour when it has no value). */
export function unitStyle(fill: string, noDataColor: string, lowConfidence: boolean): UnitStyle {
	if (fill === noDataColor)
		return { key: 'none', fill: hatchPattern(noDataColor), edge: '#f7f7f7' };
	if (lowConfidence) return { key: `low ${fill}`, fill: stripePattern(fill), edge: fill };
	return { key: fill, fill, edge: fill };
}

/** What every unit of a map of `units` shares; without outlines (one merged area) no borders. */
export function choroplethLook(outlines: boolean, units: number): Look {
	return {
		fillOpacity: 0.92,
		// Without outlines, a stroke in the fill colour hides the seams.
		border: outlines ? OUTLINE : null,
		weight: units > MANY ? 0.5 : 1,
		highlight: { color: HIGHLIGHT, weight: 3 }
	};
}

/** What a map of `shapes` coloured by `fills` paints: groups of units, the look, and the fills it reports. */
export function paintingOf(
	shapes: MapShapes,
	fills: ReadonlyMap<string, string>,
	lowConfidence: ReadonlySet<string>,
	noData: string,
	outlines: boolean
): { groups: Group[]; look: Look; reported: Record<string, string> } {
	const reported: Record<string, string> = {};
	const groups = groupUnits(shapes.codes.length, (u) => {
		const code = shapes.codes[u];
		const fill = fills.get(code) ?? noData;
		reported[code] = fill;
		return unitStyle(fill, noData, lowConfidence.has(code));
	});
	return { groups, look: choroplethLook(outlines, shapes.codes.length), reported };
}
