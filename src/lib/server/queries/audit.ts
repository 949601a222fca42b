/**
 * The history of figures and batches, read from `observations`, `import_batches`, `drafts` and
 * the append-only `audit_log` (applyFigures logs every replaced value with the batch that replaced
 * it and, in `detail.replaced_batch_id`, the batch that had written it).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { scopeCondition, scopeJoins } from './scope.ts';
import { withNumbers } from './numbers.ts';
import type { SessionUser } from '../auth/types.ts';

export interface BatchInfo {
	id: number;
	source: string;
	fileName: string | null;
	sha256: string | null;
	actor: string;
	userEmail: string | null;
	createdAt: string;
	inserted: number;
	updated: number;
	unchanged: number;
	note: string | null;
	draftId: number | null;
	approvedBy: string | null;
	approvedAt: string | null;
}

const batchColumns = sql`b.id, b.source, b.file_name as "fileName", b.sha256, b.actor,
	bu.email as "userEmail", b.created_at::text as "createdAt", b.inserted, b.updated, b.unchanged,
	b.note, d.id as "draftId", ru.email as "approvedBy", d.reviewed_at::text as "approvedAt"`;
const batchJoins = sql`left join users bu on bu.id = b.user_id
	left join drafts d on d.batch_id = b.id
	left join users ru on ru.id = d.reviewed_by`;

const normaliseBatch = (b: BatchInfo): BatchInfo =>
	withNumbers(b, ['id', 'draftId', 'inserted', 'updated', 'unchanged']);

/** Batches by id. */
export async function batchesById(db: Executor, ids: number[]): Promise<Map<number, BatchInfo>> {
	const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
	if (unique.length === 0) return new Map();
	const rows =
		await db.rows<BatchInfo>(sql`select ${batchColumns} from import_batches b ${batchJoins}
		where b.id in (${sql.join(
			unique.map((id) => sql`${id}`),
			sql`, `
		)})`);
	return new Map(rows.map((r) => [Number(r.id), normaliseBatch(r)]));
}

export interface FigureVersion {
	/** The value this version set; null for the first one when it is unknown. */
	value: number;
	/** The value it replaced, null for the first one. */
	previous: number | null;
	at: string | null;
	batch: BatchInfo | null;
}

/** Every approved value a figure has had, oldest first (the last one is current). */
export async function figureHistory(
	db: Executor,
	unitId: number,
	month: string,
	measure: string
): Promise<FigureVersion[]> {
	const first = `${month}-01`;
	const updates = await db.rows<{
		at: string;
		old_value: number;
		new_value: number;
		batch_id: number;
		replaced_batch_id: string | null;
	}>(sql`select at::text as at, old_value::float8 as old_value, new_value::float8 as new_value, batch_id,
			detail->>'replaced_batch_id' as replaced_batch_id
		from audit_log where action = 'update' and unit_id = ${unitId} and month = ${first}::date
			and measure_code = ${measure}
		order by id`);
	const [current] = await db.rows<{ value: number; batch_id: number; updated_at: string }>(sql`
		select value::float8 as value, batch_id, updated_at::text as updated_at from observations
		where unit_id = ${unitId} and month = ${first}::date and measure_code = ${measure}`);
	const batchIds = [
		...updates.flatMap((u) => [Number(u.batch_id), Number(u.replaced_batch_id)]),
		...(current ? [Number(current.batch_id)] : [])
	];
	const batches = await batchesById(db, batchIds);
	const versions: FigureVersion[] = [];
	if (updates.length) {
		const origin = Number(updates[0].replaced_batch_id);
		versions.push({
			value: Number(updates[0].old_value),
			previous: null,
			at: batches.get(origin)?.createdAt ?? null,
			batch: batches.get(origin) ?? null
		});
		for (const u of updates)
			versions.push({
				value: Number(u.new_value),
				previous: Number(u.old_value),
				at: u.at,
				batch: batches.get(Number(u.batch_id)) ?? null
			});
	} else if (current) {
		const batch = batches.get(Number(current.batch_id)) ?? null;
		versions.push({
			value: Number(current.value),
			previous: null,
			at: batch?.createdAt ?? current.updated_at,
			batch
		});
	}
	return versions;
}

export interface DraftEvent {
	at: string;
	actor: string;
	action: string;
	detail: Record<string, unknown>;
}

/** Workflow events of a unit-month (saves, imports, submissions, reviews), newest first. */
export async function reportEvents(
	db: Executor,
	unitId: number,
	month: string,
	limit = 100
): Promise<DraftEvent[]> {
	return db.rows<DraftEvent>(sql`select at::text as at, actor, action, detail from audit_log
		where unit_id = ${unitId} and month = ${`${month}-01`}::date and action like 'draft_%'
		order by id desc limit ${limit}`);
}

export interface BatchFigure {
	unitCode: string;
	unitName: string;
	month: string;
	measure: string;
	value: number;
	previous: number | null;
	/** Still the approved value, or replaced since by a later batch. */
	current: boolean;
}

/** What a batch wrote inside the user's scope: the figures it changed (with the value replaced) or added. */
export async function batchFigures(
	db: Executor,
	batchId: number,
	user: SessionUser,
	limit = 1000
): Promise<BatchFigure[]> {
	const rows = await db.rows<BatchFigure>(sql`
		with written as (
			select a.unit_id, a.month, a.measure_code, a.new_value as value, a.old_value as previous
			from audit_log a where a.action = 'update' and a.batch_id = ${batchId}
			union all
			select o.unit_id, o.month, o.measure_code, o.value, null from observations o
			where o.batch_id = ${batchId} and not exists (select 1 from audit_log a where a.action = 'update'
				and a.batch_id = ${batchId} and a.unit_id = o.unit_id and a.month = o.month and a.measure_code = o.measure_code)
			union all
			select a.unit_id, a.month, a.measure_code, a.old_value, null from audit_log a
			where a.action = 'update' and a.detail->>'replaced_batch_id' = ${String(batchId)}
				and not exists (select 1 from audit_log b where b.action = 'update' and b.batch_id = ${batchId}
					and b.unit_id = a.unit_id and b.month = a.month and b.measure_code = a.measure_code)
		)
		select u.code as "unitCode", u.name as "unitName", to_char(w.month, 'YYYY-MM') as month,
			w.measure_code as measure, w.value::float8 as value, w.previous::float8 as previous,
			exists (select 1 from observations o where o.unit_id = w.unit_id and o.month = w.month
				and o.measure_code = w.measure_code and o.batch_id = ${batchId}) as current
		from written w join units u on u.id = w.unit_id ${scopeJoins}
		where ${scopeCondition(user)}
		order by u.code, w.month, w.measure_code limit ${limit}`);
	return rows.map((r) => ({
		...r,
		value: Number(r.value),
		previous: r.previous === null ? null : Number(r.previous)
	}));
}

/**
 * True when the batch approved a report of a unit in the user's scope — for a batch that changed
 * nothing, whose figures (`batchFigures`) are then empty.
 */
export async function batchReportInScope(
	db: Executor,
	batchId: number,
	user: Pick<SessionUser, 'role' | 'unitCode'>
): Promise<boolean> {
	const [row] = await db.rows<{ ok: boolean }>(sql`select exists (
		select 1 from drafts d join units u on u.id = d.unit_id ${scopeJoins}
		where d.batch_id = ${batchId} and ${scopeCondition(user)}) as ok`);
	return row.ok === true;
}

export interface AuditRow {
	id: number;
	at: string;
	actor: string;
	action: string;
	unitCode: string | null;
	month: string | null;
	measure: string | null;
	oldValue: number | null;
	newValue: number | null;
	batchId: number | null;
	detail: Record<string, unknown> | null;
}

/**
 * Only the entries about a unit in the user's scope; everything for an administrator of the
 * whole installation (entries about no unit — sign-ins, accounts — included).
 */
function auditScope(user: Pick<SessionUser, 'role' | 'unitCode'>) {
	if (user.role === 'admin' && user.unitCode === null) return sql``;
	return sql`and exists (select 1 from units u ${scopeJoins}
		where u.id = a.unit_id and ${scopeCondition(user)})`;
}

/** The latest audit entries the user may read, optionally of one action, newest first. */
export async function recentAudit(
	db: Executor,
	user: Pick<SessionUser, 'role' | 'unitCode'>,
	options: { action?: string | null; limit?: number; before?: number | null } = {}
): Promise<AuditRow[]> {
	const rows = await db.rows<AuditRow>(sql`select a.id, a.at::text as at, a.actor, a.action,
			(select u.code from units u where u.id = a.unit_id) as "unitCode",
			to_char(a.month, 'YYYY-MM') as month, a.measure_code as measure,
			a.old_value::float8 as "oldValue", a.new_value::float8 as "newValue", a.batch_id as "batchId", a.detail
		from audit_log a
		where true ${auditScope(user)}
			${options.action ? sql`and a.action = ${options.action}` : sql``}
			${options.before ? sql`and a.id < ${options.before}` : sql``}
		order by a.id desc limit ${options.limit ?? 200}`);
	return rows.map((r) => ({
		...r,
		id: Number(r.id),
		batchId: r.batchId === null ? null : Number(r.batchId)
	}));
}
