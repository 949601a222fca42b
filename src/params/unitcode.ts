import type { ParamMatcher } from '@sveltejs/kit';

/** A GSO administrative unit code: 2 (province), 3 (district) or 5 (commune) digits. */
export const match: ParamMatcher = (param) => /^\d{2,5}$/.test(param);
