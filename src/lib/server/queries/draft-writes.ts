/**
 * Writes of the drafts table (reports waiting for approval): every step bumps the version, so a
 * step based on a stale version is refused by the workflow (services/workflow.ts).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export interface Origin {
	source: 'form' | 'import';
	fileName?: string | null;
	sha256?: string | null;
}

/** Inserts an open draft; returns its id. */
export async function insertDraft(
	tx: Executor,
	unitId: number,
	month: string,
	userId: number,
	status: 'draft' | 'submitted',
	origin: Origin
): Promise<number> {
	const submitted = status === 'submitted';
	const [row] = await tx.rows<{ id: number }>(sql`insert into drafts
		(unit_id, month, status, version, source, file_name, sha256, created_by, updated_by, submitted_by, submitted_at)
		values (${unitId}, ${`${month}-01`}::date, ${status}, 1, ${origin.source}, ${origin.fileName ?? null},
			${origin.sha256 ?? null}, ${userId}, ${userId}, ${submitted ? userId : null},
			${submitted ? sql`now()` : sql`null`})
		returning id`);
	return Number(row.id);
}

/** Updates an open draft's status and author, bumping its version; returns its id. */
export async function updateDraft(
	tx: Executor,
	draftId: number,
	userId: number,
	status: 'draft' | 'submitted',
	origin: Origin
): Promise<number> {
	const submitted = status === 'submitted';
	await tx.run(sql`update drafts set status = ${status}, version = version + 1,
		source = ${origin.source}, file_name = ${origin.fileName ?? null}, sha256 = ${origin.sha256 ?? null},
		updated_by = ${userId}, updated_at = now(),
		submitted_by = ${submitted ? userId : null}, submitted_at = ${submitted ? sql`now()` : sql`null`}
		where id = ${draftId}`);
	return draftId;
}

/** The current version of a draft. */
export async function draftVersion(tx: Executor, draftId: number): Promise<number> {
	const [{ version }] = await tx.rows<{ version: number }>(
		sql`select version from drafts where id = ${draftId}`
	);
	return version;
}

export type Closing =
	| { status: 'approved'; batchId: number }
	| { status: 'returned'; comment: string }
	| { status: 'discarded' };

/** Closes a draft: approved (with the batch that wrote it), returned (with a comment) or discarded. */
export async function closeDraft(
	tx: Executor,
	draftId: number,
	userId: number,
	closing: Closing
): Promise<void> {
	switch (closing.status) {
		case 'approved':
			await tx.run(sql`update drafts set status = 'approved', version = version + 1,
				reviewed_by = ${userId}, reviewed_at = now(), batch_id = ${closing.batchId}
				where id = ${draftId}`);
			return;
		case 'returned':
			await tx.run(sql`update drafts set status = 'returned', version = version + 1,
				reviewed_by = ${userId}, reviewed_at = now(), comment = ${closing.comment}
				where id = ${draftId}`);
			return;
		case 'discarded':
			await tx.run(sql`update drafts set status = 'discarded', version = version + 1,
				updated_by = ${userId}, updated_at = now() where id = ${draftId}`);
			return;
	}
}
