import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { reportUnit } from '$lib/server/services/workflow-unit';
import { figureHistory } from '$lib/server/queries/audit';
import { draftValues, latestDraft } from '$lib/server/queries/drafts';
import { isOpen } from '$lib/server/services/workflow';
import { MEASURE_BY_CODE } from '$lib/domain/measures';
import { localeOf, t } from '$lib/i18n';

/** Every approved value of one figure, who set it, when and from what; and any pending draft. */
export const load: PageServerLoad = async (event) => {
	const store = await ready();
	const { month, measure } = event.params;
	const locale = localeOf(event.url);
	const m = MEASURE_BY_CODE.get(measure);
	if (!m) error(404, t(locale, 'history.unknownMeasure', { code: measure }));
	const found = await reportUnit(store, event.params.unit, month);
	if (!found.ok) error(found.status, found.text(locale));
	const unit = found.unit;
	await authorize(event, 'read', { id: unit.id, code: unit.code, month });
	const [versions, latest] = await Promise.all([
		figureHistory(store, unit.id, month, measure),
		latestDraft(store, unit.id, month)
	]);
	const pending =
		latest && isOpen(latest)
			? {
					status: latest.status,
					value: (await draftValues(store, latest.id)).get(m.code) ?? null,
					by: latest.updatedByEmail,
					at: latest.updatedAt
				}
			: null;
	return {
		unit: { code: unit.code, name: unit.name },
		month,
		measure: { code: m.code, name: m.name },
		versions: versions.reverse(),
		pending
	};
};
