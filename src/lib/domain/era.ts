/**
 * Eras of the administrative units: codes were reused by the 2025-07-01 reorganisation (03618
 * was Xã Phúc Than until 2025-06-30 and is Xã Mường Than from 2025-07-01), so a row of figures
 * names the era of its unit beside the unit's validity, and a download reads without a legend.
 */

/** The first day of the units of the 2025 reorganisation (Resolution 1670/NQ-UBTVQH15). */
export const REORGANISATION_DAY = '2025-07-01';

/**
 * `pre-2025`: ended before the reorganisation (the 106 old communes, the districts);
 * `2025`: began with it or later (the 38 new communes); `both`: in force on either side (the
 * province).
 */
export type Era = 'pre-2025' | '2025' | 'both';

export const ERAS: readonly Era[] = ['pre-2025', '2025', 'both'];

/** The era of a unit from its validity (dates YYYY-MM-DD; null is open-ended). */
export function eraOf(unit: { valid_from: string | null; valid_to: string | null }): Era {
	if (unit.valid_to !== null && unit.valid_to < REORGANISATION_DAY) return 'pre-2025';
	if (unit.valid_from !== null && unit.valid_from >= REORGANISATION_DAY) return '2025';
	return 'both';
}
