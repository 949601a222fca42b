/**
 * Drafts: reports on their way to approval, one open (draft, submitted or returned) per
 * unit-month. The approved figures and recent medians the form shows beside them are read in
 * approved-figures.ts.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { isMeasureCode, type MeasureCode } from '../../domain/measures.ts';
import { scopeCondition, scopeJoins } from './scope.ts';
import { withNumbers } from './numbers.ts';
import type { SessionUser } from '../auth/types.ts';

export type DraftStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'discarded';

export interface DraftRow {
	id: number;
	unitId: number;
	/** YYYY-MM */
	month: string;
	status: DraftStatus;
	version: number;
	source: 'form' | 'import';
	fileName: string | null;
	sha256: string | null;
	createdBy: number;
	updatedBy: number;
	updatedByEmail: string;
	updatedAt: string;
	submittedBy: number | null;
	submittedByEmail: string | null;
	submittedAt: string | null;
	reviewedBy: number | null;
	reviewedByEmail: string | null;
	reviewedAt: string | null;
	comment: string | null;
	batchId: number | null;
}

export const OPEN_STATUSES: readonly DraftStatus[] = ['draft', 'submitted', 'returned'];

const draftColumns = sql`d.id, d.unit_id as "unitId", to_char(d.month, 'YYYY-MM') as month,
	d.status, d.version, d.source, d.file_name as "fileName", d.sha256,
	d.created_by as "createdBy", d.updated_by as "updatedBy", ue.email as "updatedByEmail",
	d.updated_at::text as "updatedAt", d.submitted_by as "submittedBy",
	se.email as "submittedByEmail", d.submitted_at::text as "submittedAt",
	d.reviewed_by as "reviewedBy", re.email as "reviewedByEmail", d.reviewed_at::text as "reviewedAt",
	d.comment, d.batch_id as "batchId"`;

const draftJoins = sql`join users ue on ue.id = d.updated_by
	left join users se on se.id = d.submitted_by
	left join users re on re.id = d.reviewed_by`;

const normalise = (row: DraftRow): DraftRow =>
	withNumbers(row, [
		'id',
		'unitId',
		'version',
		'createdBy',
		'updatedBy',
		'submittedBy',
		'reviewedBy',
		'batchId'
	]);

/**
 * The most recent draft of a unit-month (open or not), or null; `lock` takes a row lock until the
 * transaction ends, so two saves of the same report are serialised.
 */
export async function latestDraft(
	db: Executor,
	unitId: number,
	month: string,
	options: { lock?: boolean } = {}
): Promise<DraftRow | null> {
	const [row] = await db.rows<DraftRow>(sql`select ${draftColumns} from drafts d ${draftJoins}
		where d.unit_id = ${unitId} and d.month = ${`${month}-01`}::date
		order by d.id desc limit 1 ${options.lock ? sql`for update of d` : sql``}`);
	return row ? normalise(row) : null;
}

/** The optimistic-concurrency token of a report: the latest draft's id and version. */
export function draftToken(draft: Pick<DraftRow, 'id' | 'version'> | null): string {
	return draft ? `${draft.id}:${draft.version}` : '0:0';
}

/** The figures of a draft. */
export async function draftValues(
	db: Executor,
	draftId: number
): Promise<Map<MeasureCode, number>> {
	const rows = await db.rows<{ measure_code: string; value: number }>(
		sql`select measure_code, value::float8 as value from draft_figures where draft_id = ${draftId}`
	);
	return new Map(
		rows
			.filter((r) => isMeasureCode(r.measure_code))
			.map((r) => [r.measure_code as MeasureCode, Number(r.value)])
	);
}

/** Replaces the figures of a draft. */
export async function replaceDraftValues(
	db: Executor,
	draftId: number,
	values: ReadonlyMap<MeasureCode, number>
): Promise<void> {
	await db.run(sql`delete from draft_figures where draft_id = ${draftId}`);
	if (values.size === 0) return;
	const rows = [...values].map(([code, value]) => sql`(${draftId}, ${code}, ${value})`);
	await db.run(sql`insert into draft_figures (draft_id, measure_code, value)
		values ${sql.join(rows, sql`, `)}`);
}

export interface DraftListRow {
	id: number;
	unitCode: string;
	unitName: string;
	month: string;
	status: DraftStatus;
	version: number;
	source: 'form' | 'import';
	fileName: string | null;
	updatedByEmail: string;
	updatedAt: string;
	submittedByEmail: string | null;
	comment: string | null;
	figures: number;
}

/** Open drafts inside the user's scope, optionally of some statuses only, newest first. */
export async function listDrafts(
	db: Executor,
	user: SessionUser,
	options: { statuses?: DraftStatus[]; limit?: number } = {}
): Promise<DraftListRow[]> {
	const statuses = options.statuses ?? [...OPEN_STATUSES];
	const rows = await db.rows<DraftListRow>(sql`
		select d.id, u.code as "unitCode", u.name as "unitName", to_char(d.month, 'YYYY-MM') as month,
			d.status, d.version, d.source, d.file_name as "fileName", ue.email as "updatedByEmail",
			d.updated_at::text as "updatedAt", se.email as "submittedByEmail", d.comment,
			(select count(*)::int from draft_figures f where f.draft_id = d.id) as figures
		from drafts d join units u on u.id = d.unit_id ${scopeJoins} ${draftJoins}
		where d.status in (${sql.join(
			statuses.map((s) => sql`${s}`),
			sql`, `
		)}) and ${scopeCondition(user)}
		order by d.updated_at desc limit ${options.limit ?? 200}`);
	return rows.map((r) => ({ ...r, id: Number(r.id), version: Number(r.version) }));
}

export interface ScopeUnit {
	id: number;
	code: string;
	name: string;
	status: DraftStatus | null;
}

/** The communes in the user's scope valid in `month`, with the status of their latest draft. */
export async function communesInScope(
	db: Executor,
	user: SessionUser,
	month: string
): Promise<ScopeUnit[]> {
	const first = `${month}-01`;
	const rows = await db.rows<ScopeUnit>(sql`
		select u.id, u.code, u.name,
			(select d.status from drafts d where d.unit_id = u.id and d.month = ${first}::date
				order by d.id desc limit 1) as status
		from units u ${scopeJoins}
		where u.level = 'commune' and coalesce(u.valid_from, '0001-01-01') <= ${first}::date
			and coalesce(u.valid_to, '9999-12-31') >= ${first}::date and ${scopeCondition(user)}
		order by u.code`);
	return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
