/**
 * Checks a monthly report typed into the form, with the import's own rules (validate.ts): whole
 * non-negative numbers, flags 0 or 1, the month not in the future and in the unit's lifetime,
 * parts never above wholes (a blank field takes the approved figure). Also flags values more
 * than three times above or below the commune's median of the last 12 months: those need a
 * confirmation, not a correction.
 */
import { MEASURE_BY_CODE, MEASURES, type MeasureCode } from '../../domain/measures.ts';
import type { FigureCell } from './import/cells.ts';
import { validateCells, type UnitSpan } from './import/validate.ts';
import type { RecentMedian } from '../queries/approved-figures.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { formatNumber } from '../../domain/format.ts';

export type FieldMessages = Partial<Record<MeasureCode, string>>;

export interface FormCheck {
	figures: Map<MeasureCode, number>;
	errors: FieldMessages;
	/** Problems of the report as a whole (month, unit). */
	general: string[];
}

/** How far from the median a value may move before it must be confirmed. */
export const JUMP_FACTOR = 3;
/** Fewer approved months than this make no median worth warning about. */
export const JUMP_MIN_MONTHS = 3;

/**
 * A field message: in `locale` for a page, or (no locale) the API's English, which names a
 * measure in both languages. Numbers in the locale's style.
 */
function say(
	locale: Locale | undefined,
	key: MessageKey,
	params: Record<string, string | number> = {}
): string {
	if (!locale) return t('en', key, params);
	const shown = Object.fromEntries(
		Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v, locale) : v])
	);
	return t(locale, key, shown);
}

/** A measure's name as a field message quotes it. */
function nameOf(m: { name: { vi: string; en: string } }, locale: Locale | undefined): string {
	return locale ? `“${m.name[locale]}”` : `“${m.name.vi}” / ${m.name.en}`;
}

/**
 * Validates the raw form fields of one unit-month; `stored` holds the approved figures. Field
 * messages in `locale` (the editor page's), or the API's English when absent.
 */
export function checkForm(
	raw: Partial<Record<MeasureCode, string>>,
	unit: UnitSpan,
	month: string,
	stored: ReadonlyMap<MeasureCode, number>,
	currentMonth: string,
	locale?: Locale
): FormCheck {
	const cells: FigureCell[] = MEASURES.map((m) => ({
		line: 1,
		column: m.code,
		unitCode: unit.code,
		period: month,
		measure: m.code,
		raw: raw[m.code] ?? ''
	}));
	const result = validateCells(
		cells,
		{ unitsByCode: new Map([[unit.code, [unit]]]), currentMonth },
		() => new Map(stored)
	);
	const errors: FieldMessages = {};
	const general: string[] = [];
	const given = new Map(result.figures.map((f) => [f.measure, f.value]));
	for (const e of result.errors) {
		const measure = MEASURE_BY_CODE.get(e.column ?? '');
		if (!measure) {
			general.push(e.message);
			continue;
		}
		if (e.code === 'part_exceeds_whole' && measure.partOf) {
			const whole = MEASURE_BY_CODE.get(measure.partOf)!;
			const wholeValue = given.get(whole.code) ?? stored.get(whole.code);
			errors[measure.code] = say(
				locale,
				given.has(whole.code) ? 'field.exceeds' : 'field.exceedsApproved',
				{ name: nameOf(whole, locale), value: wholeValue ?? '?' }
			);
		} else if (e.code === 'part_exceeds_whole') {
			// Only the whole was typed: blame it, naming the approved part it falls below.
			const wholeValue = given.get(measure.code) ?? 0;
			const part = MEASURES.find(
				(p) =>
					p.partOf === measure.code && (given.get(p.code) ?? stored.get(p.code) ?? 0) > wholeValue
			);
			errors[measure.code] = part
				? say(locale, 'field.below', {
						name: nameOf(part, locale),
						value: given.get(part.code) ?? stored.get(part.code) ?? '?'
					})
				: e.message;
		} else {
			const key = FIELD_KEYS[e.code];
			errors[measure.code] = key ? say(locale, key) : e.message;
		}
	}
	return { figures: given, errors, general };
}

/** The field message of an import check's code (others keep the check's own message). */
const FIELD_KEYS: Record<string, MessageKey> = {
	negative: 'field.negative',
	not_integer: 'field.notInteger',
	not_a_number: 'field.notNumber',
	too_large: 'field.tooLarge',
	not_flag: 'field.notFlag'
};

/** A value far from the recent median: it needs a confirmation, not a correction. */
export type Jump = 'sharp_rise' | 'sharp_drop';

/**
 * The one rule for "check this figure": more than JUMP_FACTOR times the median of the last 12
 * approved months, or less than 1/JUMP_FACTOR of it — a rise and a drop alike. No median (or
 * one of too few months, or of zero) judges nothing.
 */
export function jumpOf(value: number, median: RecentMedian | undefined): Jump | null {
	if (!median || median.months < JUMP_MIN_MONTHS || median.median <= 0) return null;
	if (value > JUMP_FACTOR * median.median) return 'sharp_rise';
	if (value * JUMP_FACTOR < median.median) return 'sharp_drop';
	return null;
}

export interface JumpWarning {
	measure: MeasureCode;
	jump: Jump;
	message: string;
}

/**
 * The figures that changed from `current` and are a jump (`jumpOf`) from the median of the last
 * 12 months (flags aside), each with the message that asks to check it.
 */
export function findJumps(
	figures: ReadonlyMap<MeasureCode, number>,
	current: ReadonlyMap<MeasureCode, number>,
	medians: ReadonlyMap<MeasureCode, RecentMedian>,
	locale?: Locale
): JumpWarning[] {
	const found: JumpWarning[] = [];
	for (const [measure, value] of figures) {
		if (current.get(measure) === value || MEASURE_BY_CODE.get(measure)?.max !== undefined) continue;
		const m = medians.get(measure);
		const jump = jumpOf(value, m);
		if (!jump || !m) continue;
		const median = Math.round(m.median * 10) / 10;
		const message = say(locale, jump === 'sharp_rise' ? 'field.rise' : 'field.drop', {
			value,
			factor: JUMP_FACTOR,
			median
		});
		found.push({ measure, jump, message });
	}
	return found;
}

/** `findJumps` by field, for the report form. */
export function jumpWarnings(
	figures: ReadonlyMap<MeasureCode, number>,
	current: ReadonlyMap<MeasureCode, number>,
	medians: ReadonlyMap<MeasureCode, RecentMedian>,
	locale?: Locale
): FieldMessages {
	return Object.fromEntries(
		findJumps(figures, current, medians, locale).map((j) => [j.measure, j.message])
	);
}
