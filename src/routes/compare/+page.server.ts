import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { localeOf } from '$lib/i18n';
import { CompareParamError, readCompare } from './read.server';

/**
 * The compare page: units side by side over time, or one indicator in two periods on today's
 * units (read.server.ts). Parameters it cannot answer are a 400 page saying why, in the page's
 * language.
 */
export const load: PageServerLoad = async ({ url }) => {
	try {
		return await readCompare(await ready(), url);
	} catch (e) {
		if (e instanceof CompareParamError) error(400, e.messageIn(localeOf(url)));
		throw e;
	}
};
