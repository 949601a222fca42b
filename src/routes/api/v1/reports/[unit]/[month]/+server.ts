import { error, isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { authorize, logRefusal, requireUser } from '$lib/server/auth/guard';
import type { Permission } from '$lib/server/auth/permissions';
import { reportUnit } from '$lib/server/services/workflow-unit';
import * as workflow from '$lib/server/services/workflow';
import { draftToken, draftValues, latestDraft } from '$lib/server/queries/drafts';
import { approvedValues } from '$lib/server/queries/approved-figures';
import { MEASURE_CODES, type MeasureCode } from '$lib/domain/measures';
import { controlCharacter } from '$lib/server/http/control-chars';

/**
 * The monthly report of a commune as JSON, for scripts and the role tests.
 * GET → `{ unit_code, month, token, status, approved: {…}, draft: {…} | null }` (signed in, in scope).
 * POST `{ action: save|submit|approve|return|discard, token, values?: { measure: number|string|null },
 * confirm_jumps?, comment? }` → 200 `{ status, token }`, 400 `{ error, errors, warnings, general }`,
 * 401, 403 (the role; logged), 404 (a unit outside the area, as for any other missing thing;
 * logged), 409 `{ error }` (stale token or wrong status). Same rules as the form.
 */
async function resolve(event: RequestEvent, permission: Permission) {
	const user = requireUser(event);
	const store = await ready();
	const month = event.params.month ?? '';
	const found = await reportUnit(store, event.params.unit ?? '', month);
	if (!found.ok) error(found.status, found.message);
	await authorize(event, permission, { id: found.unit.id, code: found.unit.code, month });
	return { user, store, unit: found.unit, month };
}

async function answer(event: RequestEvent, body: () => Promise<Response>): Promise<Response> {
	try {
		return await body();
	} catch (caught) {
		if (caught instanceof workflow.WorkflowError) {
			if (caught.status === 403) await logRefusal(event, caught.message);
			return json({ error: caught.message }, { status: caught.status });
		}
		if (isHttpError(caught)) return json({ error: caught.body.message }, { status: caught.status });
		throw caught;
	}
}

export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const c = await resolve(event, 'read');
		const latest = await latestDraft(c.store, c.unit.id, c.month);
		const open = latest && workflow.isOpen(latest) ? latest : null;
		return json(
			{
				unit_code: c.unit.code,
				unit_name: c.unit.name,
				month: c.month,
				token: draftToken(latest),
				status: open?.status ?? latest?.status ?? null,
				approved: Object.fromEntries(await approvedValues(c.store, c.unit.id, c.month)),
				draft: open ? Object.fromEntries(await draftValues(c.store, open.id)) : null
			},
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});

const PERMISSION: Record<string, Permission> = {
	save: 'edit',
	submit: 'edit',
	discard: 'edit',
	approve: 'review',
	return: 'review'
};

export const POST: RequestHandler = (event) =>
	answer(event, async () => {
		requireUser(event);
		if (!(event.request.headers.get('content-type') ?? '').startsWith('application/json'))
			return json({ error: 'Send application/json' }, { status: 415 });
		let body: Record<string, unknown> | null = null;
		try {
			body = await event.request.json();
		} catch (error) {
			// Over BODY_SIZE_LIMIT (adapter-node), even when sent in chunks: a 413, not a bad body.
			if ((error as { status?: number }).status === 413)
				return json({ error: 'The request body is too large' }, { status: 413 });
		}
		const action = typeof body?.action === 'string' ? body.action : '';
		const permission = PERMISSION[action];
		if (!body || !permission)
			return json(
				{ error: 'action must be one of save, submit, approve, return, discard' },
				{ status: 400 }
			);
		const c = await resolve(event, permission);
		const token = typeof body.token === 'string' ? body.token : '';
		const input = { unit: c.unit, month: c.month, token };
		if (action === 'save' || action === 'submit') {
			const values = (body.values ?? {}) as Record<string, unknown>;
			const raw: Partial<Record<MeasureCode, string>> = {};
			for (const code of MEASURE_CODES)
				if (values[code] !== undefined && values[code] !== null)
					raw[code] = String(values[code]).slice(0, 40);
			const outcome = await workflow.saveReport(c.store, c.user, {
				...input,
				raw,
				confirmJumps: body.confirm_jumps === true,
				submit: action === 'submit'
			});
			if (!outcome.ok)
				return json(
					{
						error: outcome.message,
						errors: outcome.errors,
						warnings: outcome.warnings,
						general: outcome.general
					},
					{ status: 400 }
				);
			return json({ status: outcome.status, token: outcome.token });
		}
		if (action === 'approve') {
			const counts = await workflow.approveReport(c.store, c.user, input);
			return json({ status: 'approved', ...counts });
		}
		if (action === 'return') {
			const comment = String(body.comment ?? '');
			const control = controlCharacter(comment, true);
			if (control)
				return json(
					{ error: `"comment" contains a control character (${control}): remove it` },
					{ status: 400 }
				);
			await workflow.returnReport(c.store, c.user, { ...input, comment });
			return json({ status: 'returned' });
		}
		await workflow.discardReport(c.store, c.user, input);
		return json({ status: 'discarded' });
	});
