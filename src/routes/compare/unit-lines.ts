/** How each compared unit's line is drawn, by its place in the list (up to six units). */

/** Okabe–Ito: told apart by most colour-blind readers; the dashes tell them apart in grey. */
export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];
export const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];
