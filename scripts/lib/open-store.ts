/**
 * The store for a command-line script (`npm run user:add`, `import`, `db:seed`…), opened from
 * the environment. When it cannot be opened for a reason the operator can act on (the embedded
 * store is held by a running server), the script says so in one line and exits 1, with no stack
 * trace: the message names the process and what to do.
 */
import { openStore, type Store } from '../../src/lib/server/db/index.ts';
import { StoreLockedError } from '../../src/lib/server/db/lock.ts';

export async function openStoreOrExit(): Promise<Store> {
	try {
		return await openStore();
	} catch (error) {
		if (!(error instanceof StoreLockedError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}
