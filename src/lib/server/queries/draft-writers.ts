/**
 * Four eyes: whoever wrote any figure of a report, at any step (typed in the form, saved,
 * submitted, or uploaded in a file; before or after it was returned), may not approve it. The
 * draft row only remembers its creator and its last editor and submitter, so every writer is read
 * from the append-only audit log, where each of those steps is logged with the draft's id.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { DraftRow } from './drafts.ts';

/** Audit actions that write figures into a draft (services/workflow.ts, workflow-import.ts). */
const WRITES = ['draft_saved', 'draft_submitted', 'draft_imported'];

export interface Writer {
	id: number;
	email: string;
}

/** Everyone who wrote figures of the draft, first writer first. */
export async function draftWriters(
	db: Executor,
	draft: Pick<DraftRow, 'id' | 'unitId' | 'month' | 'createdBy' | 'updatedBy' | 'submittedBy'>
): Promise<Writer[]> {
	const rows = await db.rows<{ id: number; email: string }>(sql`
		select u.id, u.email from users u join (
			select user_id, min(at) as first from audit_log
			where unit_id = ${draft.unitId} and month = ${`${draft.month}-01`}::date
				and action in (${sql.join(
					WRITES.map((w) => sql`${w}`),
					sql`, `
				)})
				and detail->>'draft_id' = ${String(draft.id)}
			group by user_id
			union all
			select unnest(array[${draft.createdBy}, ${draft.updatedBy}, ${draft.submittedBy}]::int[]), null
		) w on w.user_id = u.id
		group by u.id, u.email
		order by min(w.first) nulls last, u.id`);
	return rows.map((r) => ({ id: Number(r.id), email: r.email }));
}
