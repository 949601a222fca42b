import type { Store } from '../db/index.ts';
/** Placeholder while the generator is written. */
export async function generateDemo(store: Store): Promise<{ observations: number; seed: number; until: string }> {
	void store;
	return { observations: 0, seed: 0, until: '' };
}
