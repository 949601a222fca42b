/**
 * Writes to the append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE): sign-ins,
 * failures, refused actions and workflow steps. Figure changes are logged by `applyFigures`.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export type AuditAction =
	| 'signin'
	| 'signin_failed'
	| 'signout'
	| 'forbidden'
	| 'draft_saved'
	| 'draft_submitted'
	| 'draft_approved'
	| 'draft_returned'
	| 'draft_discarded'
	| 'draft_imported'
	| 'user_created'
	| 'user_disabled'
	| 'user_enabled'
	| 'official_score_saved'
	| 'infra_change_added';

export interface AuditEntry {
	userId: number | null;
	/** Who, in words: an email, `cli:<name>`, or `anonymous`. */
	actor: string;
	action: AuditAction;
	unitId?: number | null;
	/** YYYY-MM */
	month?: string | null;
	detail?: Record<string, unknown>;
}

/** Appends one entry. */
export async function logAudit(db: Executor, entry: AuditEntry): Promise<void> {
	await db.run(sql`insert into audit_log (user_id, actor, action, unit_id, month, detail)
		values (${entry.userId}, ${entry.actor}, ${entry.action}, ${entry.unitId ?? null},
			${entry.month ? `${entry.month}-01` : null}::date, ${JSON.stringify(entry.detail ?? {})}::jsonb)`);
}
