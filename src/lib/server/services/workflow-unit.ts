/** Resolving the unit-month of a report from a URL: a commune code valid in a real, past month. */
import type { Executor } from '../db/index.ts';
import type { UnitSpan } from './import/validate.ts';
import { unitsBearing } from '../queries/units.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';

export type ReportUnitResult =
	| { ok: true; unit: UnitSpan }
	| {
			ok: false;
			status: 400 | 404;
			/** In English (the API's); `text(locale)` says it for a page. */
			message: string;
			text: (locale: Locale) => string;
	  };

function why(
	status: 400 | 404,
	key: MessageKey,
	params: Record<string, string>
): Extract<ReportUnitResult, { ok: false }> {
	return { ok: false, status, message: t('en', key, params), text: (l) => t(l, key, params) };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The commune bearing `code` in `month` (YYYY-MM), or why there is none. */
export async function reportUnit(
	db: Executor,
	code: string,
	month: string
): Promise<ReportUnitResult> {
	if (!MONTH.test(month)) return why(400, 'unit.notMonth', { month });
	const first = `${month}-01`;
	const rows = await unitsBearing(db, code);
	if (rows.length === 0) return why(404, 'unit.unknown', { code });
	const unit = rows.find(
		(u) => (u.validFrom ?? '0001-01-01') <= first && (u.validTo ?? '9999-12-31') >= first
	);
	if (!unit)
		return why(404, 'unit.notBorne', {
			code,
			month,
			spans: rows.map((u) => `${u.name} ${u.validFrom ?? '…'} – ${u.validTo ?? 'now'}`).join('; ')
		});
	if (unit.level !== 'commune')
		return why(400, 'unit.notCommune', { code, name: unit.name, level: unit.level });
	return { ok: true, unit: { ...unit, id: Number(unit.id) } };
}
