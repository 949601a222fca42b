import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { QueryError } from '$lib/server/queries/errors';
import { localeOf } from '$lib/i18n';
import { PrioritiesParamError, readPriorities } from './read.server';

/**
 * The planners' page: the communes of an area ranked by service-index points recoverable (see
 * read.server.ts). A parameter it cannot answer is a 400 or 404 page saying why, in the page's
 * language.
 */
export const load: PageServerLoad = async ({ url }) => {
	const locale = localeOf(url);
	try {
		return await readPriorities(await ready(), url, locale);
	} catch (e) {
		if (e instanceof PrioritiesParamError) error(e.status, e.messageIn(locale));
		if (e instanceof QueryError) error(e.status === 404 ? 404 : 400, e.message);
		throw e;
	}
};
