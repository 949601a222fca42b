import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, refuse, requireUser } from '$lib/server/auth/guard';
import { can, type Permission } from '$lib/server/auth/permissions';
import { reportUnit } from '$lib/server/services/workflow-unit';
import { draftWriters } from '$lib/server/queries/draft-writers';
import * as workflow from '$lib/server/services/workflow';
import { draftToken, draftValues, latestDraft } from '$lib/server/queries/drafts';
import { approvedValues, recentMedians } from '$lib/server/queries/approved-figures';
import { reportEvents } from '$lib/server/queries/audit';
import { MEASURES, MEASURE_CODES, type MeasureCode } from '$lib/domain/measures';
import { controlInForm } from '$lib/server/http/control-chars';
import { localeOf, t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const store = await ready();
	const { month } = event.params;
	const found = await reportUnit(store, event.params.unit, month);
	if (!found.ok) error(found.status, found.text(localeOf(event.url)));
	const unit = found.unit;
	const user = await authorize(event, 'read', { id: unit.id, code: unit.code, month });
	const [approved, latest, medians, events] = await Promise.all([
		approvedValues(store, unit.id, month),
		latestDraft(store, unit.id, month),
		recentMedians(store, unit.id, month),
		reportEvents(store, unit.id, month, 30)
	]);
	const open = latest && workflow.isOpen(latest) ? latest : null;
	const draft = open ? await draftValues(store, open.id) : null;
	const ownWork = open !== null && (await draftWriters(store, open)).some((w) => w.id === user.id);
	return {
		unit: { code: unit.code, name: unit.name },
		month,
		token: draftToken(latest),
		draft: open && {
			status: open.status,
			version: open.version,
			source: open.source,
			fileName: open.fileName,
			sha256: open.sha256,
			updatedBy: open.updatedByEmail,
			updatedAt: open.updatedAt,
			submittedBy: open.submittedByEmail,
			submittedAt: open.submittedAt,
			reviewedBy: open.reviewedByEmail,
			comment: open.comment
		},
		lastApproved:
			latest?.status === 'approved'
				? { by: latest.reviewedByEmail, at: latest.reviewedAt, batchId: latest.batchId }
				: null,
		measures: MEASURES.map((m) => ({
			code: m.code,
			name: m.name,
			kind: m.kind,
			partOf: m.partOf,
			max: m.max ?? null,
			approved: approved.get(m.code) ?? null,
			draft: draft ? (draft.get(m.code) ?? null) : null,
			median: medians.get(m.code) ?? null
		})),
		can: {
			edit: can(user.role, 'edit') && open?.status !== 'submitted',
			discard: can(user.role, 'edit') && (open?.status === 'draft' || open?.status === 'returned'),
			review: can(user.role, 'review') && open?.status === 'submitted',
			approve: can(user.role, 'review') && open?.status === 'submitted' && !ownWork
		},
		events
	};
};

/** Signed in, the unit-month real, the permission granted in scope: or 401/404/403. */
async function prepare(event: RequestEvent, permission: Permission) {
	const user = requireUser(event);
	const store = await ready();
	const month = event.params.month ?? '';
	const locale = localeOf(event.url);
	const found = await reportUnit(store, event.params.unit ?? '', month);
	if (!found.ok) error(found.status, found.text(locale));
	await authorize(event, permission, { id: found.unit.id, code: found.unit.code, month });
	const form = await event.request.formData();
	// Only the return comment is free text: it may keep its line breaks.
	const control = controlInForm(form, ['comment']);
	if (control) error(400, control);
	return {
		user,
		store,
		locale,
		unit: found.unit,
		month,
		form,
		token: String(form.get('token') ?? '')
	};
}

function rawValues(form: FormData): Partial<Record<MeasureCode, string>> {
	const raw: Partial<Record<MeasureCode, string>> = {};
	for (const code of MEASURE_CODES) {
		const value = form.get(code);
		if (typeof value === 'string') raw[code] = value.slice(0, 40);
	}
	return raw;
}

/**
 * A workflow refusal in the page's language: 403 logged (in English, as the audit log keeps it),
 * 409 shown with the person's entries kept.
 */
async function refusal(
	event: RequestEvent,
	caught: unknown,
	unit: { id: number },
	extra: Record<string, unknown> = {}
) {
	if (!(caught instanceof workflow.WorkflowError)) throw caught;
	const text = caught.text(localeOf(event.url));
	if (caught.status === 403)
		return refuse(
			event,
			caught.message,
			{},
			{ id: unit.id, month: event.params.month },
			false,
			text
		);
	return fail(caught.status, { message: text, ...extra });
}

async function save(event: RequestEvent, submit: boolean) {
	const c = await prepare(event, 'edit');
	const values = rawValues(c.form);
	const action = submit ? 'submit' : 'save';
	try {
		const outcome = await workflow.saveReport(c.store, c.user, {
			unit: c.unit,
			month: c.month,
			token: c.token,
			raw: values,
			confirmJumps: c.form.get('confirm_jumps') === 'on',
			submit,
			locale: c.locale
		});
		if (!outcome.ok)
			return fail(400, {
				action,
				message: outcome.message,
				values,
				errors: outcome.errors,
				warnings: outcome.warnings,
				general: outcome.general
			});
		return {
			action,
			message: t(c.locale, submit ? 'report.submitted' : 'report.saved', {
				version: outcome.version
			})
		};
	} catch (caught) {
		return refusal(event, caught, c.unit, { action, values, stale: true });
	}
}

export const actions: Actions = {
	save: (event) => save(event, false),
	submit: (event) => save(event, true),
	approve: async (event) => {
		const c = await prepare(event, 'review');
		try {
			const counts = await workflow.approveReport(c.store, c.user, {
				unit: c.unit,
				month: c.month,
				token: c.token
			});
			return {
				action: 'approve',
				message: t(c.locale, 'report.approved', {
					inserted: counts.inserted,
					updated: counts.updated,
					unchanged: counts.unchanged,
					batch: counts.batchId
				})
			};
		} catch (caught) {
			return refusal(event, caught, c.unit, { action: 'approve' });
		}
	},
	return: async (event) => {
		const c = await prepare(event, 'review');
		const comment = String(c.form.get('comment') ?? '');
		try {
			await workflow.returnReport(c.store, c.user, {
				unit: c.unit,
				month: c.month,
				token: c.token,
				comment
			});
			return { action: 'return', message: t(c.locale, 'report.returned') };
		} catch (caught) {
			return refusal(event, caught, c.unit, { action: 'return', comment });
		}
	},
	discard: async (event) => {
		const c = await prepare(event, 'edit');
		try {
			await workflow.discardReport(c.store, c.user, {
				unit: c.unit,
				month: c.month,
				token: c.token
			});
			return { action: 'discard', message: t(c.locale, 'report.discarded') };
		} catch (caught) {
			return refusal(event, caught, c.unit, { action: 'discard' });
		}
	}
};
