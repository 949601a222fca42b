/**
 * Composite scoring of CONTRACT.md (modelled on Decision 766/QĐ-TTg): each component earns
 * `min(1, rate ÷ threshold) × points`; a composite is rescaled over the components that have a
 * value, so a commune is neither punished nor rewarded for a figure it did not report.
 */
import { componentsOf, type CompositeCode, type IndicatorCode } from './indicators.ts';

export interface ComponentScore {
	code: IndicatorCode;
	/** The component's rate in the indicator's unit (percent, or a ratio); null when missing. */
	rate: number | null;
	threshold: number;
	points: number;
	/** Points earned, or null when the rate is missing. */
	earned: number | null;
}

export interface CompositeScore {
	/** 0–100, or null when no component has a value. */
	value: number | null;
	components: ComponentScore[];
}

export type Band = 'good' | 'fair' | 'average' | 'weak';

/** Lower bounds (inclusive) of the bands of a 0–100 composite, best first. */
export const BAND_FLOORS: readonly { band: Exclude<Band, 'weak'>; floor: number }[] = [
	{ band: 'good', floor: 80 },
	{ band: 'fair', floor: 65 },
	{ band: 'average', floor: 50 }
];

const usable = (x: number | null | undefined): x is number =>
	typeof x === 'number' && Number.isFinite(x);

/**
 * Points one component earns: `min(1, rate ÷ threshold) × points`, never below 0.
 * @returns null when the rate is missing or not a finite number.
 */
export function earnedPoints(
	rate: number | null,
	threshold: number,
	points: number
): number | null {
	if (!usable(rate)) return null;
	return Math.min(1, Math.max(0, rate / threshold)) * points;
}

/**
 * Scores a composite from its components' rates.
 * @param rates rate per component code, in the indicator's unit; absent, null or NaN = missing.
 * @returns the 0–100 value (Σ earned ÷ Σ points of components with a value × 100; null with
 *   none) and every component in catalogue order.
 */
export function scoreComposite(
	composite: CompositeCode,
	rates: ReadonlyMap<IndicatorCode, number | null>
): CompositeScore {
	let earnedSum = 0;
	let pointsSum = 0;
	const components = componentsOf(composite).map((indicator): ComponentScore => {
		// componentsOf only returns indicators that score in this composite.
		const { threshold, points } = indicator.scoring!;
		const raw = rates.get(indicator.code);
		const rate = usable(raw) ? raw : null;
		const earned = earnedPoints(rate, threshold, points);
		if (earned !== null) {
			earnedSum += earned;
			pointsSum += points;
		}
		return { code: indicator.code, rate, threshold, points, earned };
	});
	return { value: pointsSum > 0 ? (earnedSum / pointsSum) * 100 : null, components };
}

/** Points a component falls short of its maximum; null when it has no value. */
export function pointsLost(component: ComponentScore): number | null {
	return component.earned === null ? null : component.points - component.earned;
}

/** Band of a 0–100 composite: good ≥ 80, fair ≥ 65, average ≥ 50, else weak; null → null. */
export function band(value: number | null): Band | null {
	if (!usable(value)) return null;
	return BAND_FLOORS.find((b) => value >= b.floor)?.band ?? 'weak';
}
