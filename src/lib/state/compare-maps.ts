/**
 * Derived state of the compare page's three maps (routes/compare): the two periods classed
 * together, so a colour means the same value on both, and the change on a diverging scale whose
 * blue side is "better" for the indicator (domain/compare.ts). Drawing is SvgMap's and
 * SvgLegend's; this module only decides.
 */
import { changeBreaks, changeColors } from '$lib/domain/compare';
import type { Indicator } from '$lib/domain/indicators';
import { choroplethOf, paint, type Choropleth } from './choropleth';

/** What the maps need of a unit's two figures. */
export interface TwoPeriodRow {
	unit_code: string;
	earlier: { value: number | null; low_confidence: boolean } | null;
	later: { value: number | null; low_confidence: boolean } | null;
	change: number | null;
}

type Side = 'earlier' | 'later';

/** One side's share of a choropleth classed over both periods (codes prefixed by side). */
function sideOf(shared: Choropleth, rows: readonly TwoPeriodRow[], side: Side): Choropleth {
	return paint(
		rows.map((r) => ({
			unit_code: r.unit_code,
			value: r[side]?.value ?? null,
			low_confidence: shared.lowConfidence.has(`${side}:${r.unit_code}`)
		})),
		shared.breaks,
		shared.classes.map((c) => c.color),
		(i) => shared.classes[i].band
	);
}

/** Colours and legends of the earlier period, the later one and the change between them. */
export function periodMaps(
	rows: readonly TwoPeriodRow[],
	indicator: Indicator
): { earlier: Choropleth; later: Choropleth; change: Choropleth } {
	const figures = (side: Side) =>
		rows.map((r) => ({
			unit_code: `${side}:${r.unit_code}`,
			value: r[side]?.value ?? null,
			low_confidence: r[side]?.low_confidence ?? false
		}));
	const shared = choroplethOf([...figures('earlier'), ...figures('later')], indicator);
	return {
		earlier: sideOf(shared, rows, 'earlier'),
		later: sideOf(shared, rows, 'later'),
		change: changeMap(rows, indicator)
	};
}

/** The change's five classes, its middle one "about unchanged"; low confidence if either is. */
function changeMap(rows: readonly TwoPeriodRow[], indicator: Indicator): Choropleth {
	const breaks = changeBreaks(rows.map((r) => r.change));
	const colors = changeColors(indicator.better);
	return paint(
		rows.map((r) => ({
			unit_code: r.unit_code,
			value: r.change,
			low_confidence: Boolean(r.earlier?.low_confidence || r.later?.low_confidence)
		})),
		breaks,
		colors
	);
}
