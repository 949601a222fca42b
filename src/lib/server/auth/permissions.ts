/**
 * What each role may do, anywhere inside its scope. Approvers also edit (a district officer fixing
 * a typo before approving must then let someone else approve); nobody approves a report they
 * wrote any figure of, at any step (services/workflow-writers.ts).
 */
import type { Role } from './types.ts';

export type Permission = 'read' | 'edit' | 'review' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
	admin: ['read', 'edit', 'review', 'admin'],
	approver: ['read', 'edit', 'review'],
	editor: ['read', 'edit'],
	viewer: ['read']
};

/** True when the role grants the permission. */
export function can(role: Role, permission: Permission): boolean {
	return GRANTS[role].includes(permission);
}
