/**
 * The normal demo store (Lai Châu units, real boundaries, seeded demo figures), made exactly as
 * `npm run db:seed -- --demo` makes it, in a database of its own, for the page-bytes figures.
 */
import { openFreshStore } from './database.ts';
import { seedStore } from '../../src/lib/server/services/setup.ts';
import { generateDemo } from '../../src/lib/server/services/demo.ts';

export async function seedLaiChau(databaseUrl: string): Promise<{ observations: number }> {
	const store = await openFreshStore({ databaseUrl });
	try {
		await seedStore(store);
		const demo = await generateDemo(store);
		return { observations: demo.observations };
	} finally {
		await store.close();
	}
}
