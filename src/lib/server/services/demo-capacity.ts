/**
 * How well a commune's one-stop shop works, 0 (struggling) … 1 (model), and how that changes over
 * time. Lai Châu is a mountainous province: communes far from the capital lag, a district's
 * leadership lifts or holds back all of its communes, and neighbours that were merged in 2025 had
 * much in common already. Capacity drives the ceilings of online filing, digitisation and online
 * payment, and lateness, satisfaction and published procedures (demo-model.ts), so the service
 * index spreads over every band and a planner has laggards to find.
 */
import { clamp, Rand } from './demo-random.ts';

export interface Capacity {
	/** Capacity up to `from` (fractional year). */
	level: number;
	/** Change a year after `from`. */
	drift: number;
	from: number;
}

/**
 * Two communes with a story, keyed by the post-2025 unit (code@valid_from) so that its harmonised
 * series tells it: Mù Cả, remote and last in 2021, catches up from 2022; Bản Bo, among the best,
 * declines from mid-2023 (staff who knew the one-stop system left).
 */
export const TRENDS: Record<string, Capacity> = {
	'03451@2025-07-01': { level: 0.04, drift: 0.2, from: 2022 },
	'03424@2025-07-01': { level: 0.9, drift: -0.24, from: 2023.5 }
};

/**
 * Evenly spaced shares in (0, 1), (k + ½) ÷ n, dealt to the keys in a seeded order: a seed
 * changes which district or commune group does well, never how many do, so every seed gives a
 * map with all bands.
 */
export function dealShares(seed: number, label: string, keys: string[]): Map<string, number> {
	const order = [...new Set(keys)]
		.map((key) => ({ key, u: new Rand(seed, `${label}|${key}`).u() }))
		.sort((a, b) => a.u - b.u || (a.key < b.key ? -1 : 1));
	return new Map(order.map(({ key }, k) => [key, (k + 0.5) / order.length]));
}

/**
 * The capacity of a commune that has no predecessor.
 * @param group key of the commune it was merged into in 2025 (its own key when none), and the
 *   group's dealt share (dealShares): where it stands among the groups
 * @param remote 0 (the capital) … 1 (far and large)
 * @param quality the district's, 0…1 (1: Than Uyên, first in 2021)
 */
export function capacityFor(
	seed: number,
	key: string,
	group: { key: string; share: number },
	remote: number,
	quality: number
): Capacity {
	const story = TRENDS[group.key];
	if (story) return story;
	// A logistic quantile of the share: about a standard normal.
	const shared = 0.55 * Math.log(group.share / (1 - group.share));
	const r = new Rand(seed, `${key}|capacity`);
	// Than Uyên (quality 1), first on the 2021 reform index, runs all of its communes well.
	const model = quality >= 1 ? 1 : 0;
	const z =
		-0.2 + 1.1 * shared + 1.5 * (quality - 0.5) + model - 1.9 * (remote - 0.45) + 0.35 * r.normal();
	// Most communes improve a little, some slip back.
	return { level: 1 / (1 + Math.exp(-z)), drift: 0.03 * r.normal(), from: 2021 };
}

/** Capacity at time `t` (fractional year). */
export function capacityAt(c: Capacity, t: number): number {
	return clamp(c.level + c.drift * Math.max(0, t - c.from), 0.02, 1);
}
