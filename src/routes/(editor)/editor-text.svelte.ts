/**
 * What every editor page reads from the address: the language, its messages, and the helpers
 * that turn a number, a source or a status into text and a path into a link that keeps the
 * language. One instance per page, made while the component starts (it reads `page.url`).
 */
import { page } from '$app/state';
import { formatNumber, monthInWords } from '$lib/domain/format';
import { localeOf, t, type MessageKey } from '$lib/i18n';
import { withLang } from '$lib/state/editor-links';

export class EditorText {
	readonly locale = $derived(localeOf(page.url));
	/** The page's messages; reads the locale at each call, so it can be destructured. */
	readonly m = (key: MessageKey, params?: Record<string, string | number>) =>
		t(this.locale, key, params);

	/** A figure in vi-VN style, a dash when there is none. */
	readonly fmt = (n: number | null) => (n === null ? '—' : formatNumber(n, this.locale));
	/** Where a batch came from (the form, a file, the demo…). */
	readonly source = (s: string) => this.m(`source.${s}` as MessageKey);
	/** A report's status (draft, submitted, returned…). */
	readonly status = (s: string) => this.m(`status.${s}` as MessageKey);
	/** A month (`YYYY-MM`) as people write it: `tháng 11/2026` / `November 2026`. */
	readonly month = (month: string) => monthInWords(month, this.locale);
	/** A resolved path that keeps `?lang=en`. */
	readonly link = (path: string) => withLang(path, this.locale);
}
