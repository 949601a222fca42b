/**
 * Infrastructure changes with their evidence (`infra_changes`): written by editors of the unit's
 * area, each audited; the history is read without the files, and a file is read by id only by
 * the authorised evidence route (which checks the user's scope against `unitId`).
 */
import { sql } from 'drizzle-orm';
import type { Store, Executor } from '../db/index.ts';
import type { EvidenceType, InfraChangeFacts } from '../../domain/evidence.ts';
import { logAudit } from './audit-log.ts';
import { bumpDataVersion } from './data-version.ts';

export interface InfraChangeInput extends InfraChangeFacts {
	unitId: number;
	evidence: Uint8Array;
	evidenceType: EvidenceType;
	evidenceName: string;
}

export interface InfraChange extends InfraChangeFacts {
	id: number;
	evidenceType: EvidenceType;
	evidenceSize: number;
}

/** Records one change with its evidence, audited, in one transaction; returns its id. */
export async function addInfraChange(
	store: Store,
	change: InfraChangeInput,
	who: { userId: number; actor: string }
): Promise<number> {
	return store.transaction(async (tx) => {
		const [row] = await tx.rows<{ id: number }>(sql`insert into infra_changes
				(unit_id, item, state, changed_on, confirmed_by, note, evidence, evidence_type,
					evidence_name, evidence_size, user_id, actor)
			values (${change.unitId}, ${change.item}, ${change.state}, ${change.changedOn}::date,
				${change.confirmedBy}, ${change.note}, ${Buffer.from(change.evidence)}::bytea,
				${change.evidenceType}, ${change.evidenceName}, ${change.evidence.byteLength},
				${who.userId}, ${who.actor})
			returning id`);
		const id = Number(row.id);
		await logAudit(tx, {
			userId: who.userId,
			actor: who.actor,
			action: 'infra_change_added',
			unitId: change.unitId,
			month: change.changedOn.slice(0, 7),
			detail: {
				id,
				item: change.item,
				state: change.state,
				changed_on: change.changedOn,
				confirmed_by: change.confirmedBy,
				evidence_type: change.evidenceType,
				evidence_size: change.evidence.byteLength
			}
		});
		// The commune page (cached for anonymous readers) lists the history.
		await bumpDataVersion(tx);
		return id;
	});
}

/** A unit's infrastructure changes, newest first, without the files. */
export async function infraHistory(db: Executor, unitId: number): Promise<InfraChange[]> {
	const rows = await db.rows<InfraChange>(sql`select id, item, state,
			changed_on::text as "changedOn", confirmed_by as "confirmedBy", note,
			evidence_type as "evidenceType", evidence_size as "evidenceSize"
		from infra_changes where unit_id = ${unitId} order by changed_on desc, id desc`);
	return rows.map((r) => ({ ...r, id: Number(r.id), evidenceSize: Number(r.evidenceSize) }));
}

/** One evidence file and the unit it belongs to (for the scope check), or null. */
export async function evidenceFile(
	db: Executor,
	id: number
): Promise<{
	unitId: number;
	unitCode: string;
	bytes: Uint8Array;
	type: EvidenceType;
	name: string;
} | null> {
	const [row] = await db.rows<{
		unit_id: number;
		code: string;
		evidence: Uint8Array | string;
		evidence_type: EvidenceType;
		evidence_name: string;
	}>(sql`select c.unit_id, u.code, c.evidence, c.evidence_type, c.evidence_name
		from infra_changes c join units u on u.id = c.unit_id where c.id = ${id}`);
	if (!row) return null;
	return {
		unitId: Number(row.unit_id),
		unitCode: row.code,
		bytes: asBytes(row.evidence),
		type: row.evidence_type,
		name: row.evidence_name
	};
}

/** bytea as both drivers give it: a Buffer/Uint8Array, or the `\x…` hex text. */
function asBytes(value: Uint8Array | string): Uint8Array {
	if (typeof value !== 'string') return new Uint8Array(value);
	return new Uint8Array(Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex'));
}
