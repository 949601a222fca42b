/**
 * The problems of an uploaded file as the import page lists them. The import checks write
 * detailed English (the API's words, CONTRACT.md); a Vietnamese page says each problem by its
 * code instead, the line and column showing where. Unknown codes keep the English.
 */
import { isMessageKey, t, type Locale } from './index';

export interface FileProblem {
	line: number;
	column: string | null;
	code?: string;
	message: string;
}

/** `problems` with their messages in `locale` (English keeps the checks' own detail). */
export function fileProblemsIn<P extends FileProblem>(problems: P[], locale: Locale): P[] {
	if (locale === 'en') return problems;
	return problems.map((p) => {
		const key = `importError.${p.code}`;
		return p.code && isMessageKey(key) ? { ...p, message: t(locale, key) } : p;
	});
}
