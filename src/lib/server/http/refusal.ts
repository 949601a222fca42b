/**
 * A request refused with a 4xx status: the message in English (for the API and the logs) and
 * its key and parameters, which say it in the page's language.
 */
import { t, type MessageKey } from '../../i18n/index.ts';

export interface Refusal<S extends number> {
	ok: false;
	status: S;
	/** In English; `key` and `params` say it in the page's language. */
	message: string;
	key: MessageKey;
	params: Record<string, number>;
}

export function refusal<S extends number>(
	status: S,
	key: MessageKey,
	params: Record<string, number> = {}
): Refusal<S> {
	return { ok: false, status, message: t('en', key, params), key, params };
}
