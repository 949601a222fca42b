import { describe, expect, it } from 'vitest';
import { can, type Permission } from './permissions.ts';
import { ROLES, type Role } from './types.ts';

const expected: Record<Role, Record<Permission, boolean>> = {
	admin: { read: true, edit: true, review: true, audit: true, admin: true },
	approver: { read: true, edit: true, review: true, audit: true, admin: false },
	editor: { read: true, edit: true, review: false, audit: false, admin: false },
	viewer: { read: true, edit: false, review: false, audit: false, admin: false }
};

describe('can', () => {
	for (const role of ROLES)
		for (const [permission, allowed] of Object.entries(expected[role]))
			it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
				expect(can(role, permission as Permission)).toBe(allowed);
			});
});
