/**
 * Writes accepted figures in the caller's transaction: stage with COPY, count what is new,
 * changed and unchanged, keep every replaced value in the audit log (old, new, who, when, which
 * batch), upsert, and refresh the monthly facts of the touched unit-months. Writing the same
 * figures again changes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { refreshFacts } from '../facts.ts';

export interface BatchInfo {
	source: 'import' | 'form' | 'demo' | 'bench';
	fileName: string | null;
	sha256: string | null;
	userId: number | null;
	actor: string;
	note?: string | null;
}

export interface ApplyCounts {
	batchId: number;
	inserted: number;
	updated: number;
	unchanged: number;
}

export interface FigureValue {
	unitId: number;
	month: string;
	measure: string;
	value: number;
}

/** Stages, audits and upserts figures; returns the counts. Call inside a transaction. */
export async function applyFigures(
	tx: Executor,
	figures: FigureValue[],
	batch: BatchInfo
): Promise<ApplyCounts> {
	const [{ id: batchId }] = await tx.rows<{ id: number }>(sql`insert into import_batches
		(source, file_name, sha256, user_id, actor, note)
		values (${batch.source}, ${batch.fileName}, ${batch.sha256}, ${batch.userId}, ${batch.actor}, ${batch.note ?? null})
		returning id`);
	await tx.run(sql`create temp table import_staging (
		unit_id integer not null, month date not null, measure_code text not null, value bigint not null
	) on commit drop`);
	const csv = figures.map((f) => `${f.unitId},${f.month}-01,${f.measure},${f.value}\n`).join('');
	if (csv) await tx.copyIn('import_staging', ['unit_id', 'month', 'measure_code', 'value'], csv);
	// Without statistics the planner hashes all of observations for the joins below (15 s at
	// 12 million rows); with them it probes the primary key (npm run bench, docs/SCALING.md).
	await tx.run(sql`analyze import_staging`);
	const [counts] = await tx.rows<{ inserted: number; updated: number; unchanged: number }>(sql`
		select count(*) filter (where o.value is null)::int as inserted,
			count(*) filter (where o.value <> s.value)::int as updated,
			count(*) filter (where o.value = s.value)::int as unchanged
		from import_staging s
			left join observations o on o.unit_id = s.unit_id and o.month = s.month and o.measure_code = s.measure_code`);
	if (counts.updated > 0)
		await tx.run(sql`insert into audit_log (user_id, actor, action, unit_id, month, measure_code, old_value, new_value, batch_id, detail)
			select ${batch.userId}, ${batch.actor}, 'update', s.unit_id, s.month, s.measure_code, o.value, s.value, ${batchId},
				jsonb_build_object('replaced_batch_id', o.batch_id, 'replaced_at', o.updated_at)
			from import_staging s
				join observations o on o.unit_id = s.unit_id and o.month = s.month and o.measure_code = s.measure_code
			where o.value <> s.value`);
	if (counts.inserted + counts.updated > 0) {
		// New figures are audited per batch (who, when, file, SHA-256 are on the batch; each
		// observation keeps its batch_id), replaced ones per figure above.
		await tx.run(sql`insert into audit_log (user_id, actor, action, batch_id, detail)
			values (${batch.userId}, ${batch.actor}, ${batch.source}, ${batchId},
				${JSON.stringify({ file: batch.fileName, sha256: batch.sha256, ...counts })}::jsonb)`);
		await tx.run(sql`insert into observations (unit_id, month, measure_code, value, batch_id, updated_at)
			select unit_id, month, measure_code, value, ${batchId}, now() from import_staging
			on conflict (unit_id, month, measure_code) do update
				set value = excluded.value, batch_id = excluded.batch_id, updated_at = excluded.updated_at
				where observations.value <> excluded.value`);
		await refreshFacts(tx, sql`select distinct unit_id, month from import_staging`);
	}
	await tx.run(sql`update import_batches set inserted = ${counts.inserted}, updated = ${counts.updated},
		unchanged = ${counts.unchanged} where id = ${batchId}`);
	return { batchId, ...counts };
}
