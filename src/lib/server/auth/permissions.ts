/**
 * What each role may do, anywhere inside its scope. Approvers also edit (a district officer fixing
 * a typo before approving must then let someone else approve); nobody approves a report they
 * wrote any figure of, at any step (queries/draft-writers.ts). Approvers read the audit log of
 * their area (the entries about its units, queries/audit.ts), as they answer for what is approved
 * there.
 */
import type { Role } from './types.ts';

export type Permission = 'read' | 'edit' | 'review' | 'audit' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
	admin: ['read', 'edit', 'review', 'audit', 'admin'],
	approver: ['read', 'edit', 'review', 'audit'],
	editor: ['read', 'edit'],
	viewer: ['read']
};

/** True when the role grants the permission. */
export function can(role: Role, permission: Permission): boolean {
	return GRANTS[role].includes(permission);
}
