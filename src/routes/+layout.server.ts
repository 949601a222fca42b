import type { LayoutServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { isDemo } from '$lib/server/queries/settings';

/** Whether the store holds generated figures: every page then says "demo data". */
export const load: LayoutServerLoad = async () => {
	const store = await ready();
	return { demo: await isDemo(store) };
};
