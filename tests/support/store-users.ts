/** Users added straight into a test store, returned as the session users the services take. */
import { expect } from 'vitest';
import type { Store } from '../../src/lib/server/db/index.ts';
import { addUser } from '../../src/lib/server/auth/user-admin.ts';
import { userByEmail } from '../../src/lib/server/queries/users.ts';
import type { SessionUser } from '../../src/lib/server/auth/types.ts';

/** Adds each [key, email, role, unit code] and returns the session users by key. */
export async function addStoreUsers<K extends string>(
	store: Store,
	people: readonly (readonly [K, string, SessionUser['role'], string])[]
): Promise<Record<K, SessionUser>> {
	const users = {} as Record<K, SessionUser>;
	for (const [key, email, role, unitCode] of people) {
		const r = await addUser(
			store,
			{ email, password: 'a long enough password', role, unitCode },
			{ userId: null, actor: 'test' }
		);
		expect(r.ok).toBe(true);
		const u = (await userByEmail(store, email))!;
		users[key] = { id: u.id, email: u.email, displayName: u.displayName, role: u.role, unitCode };
	}
	return users;
}
