import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { evidenceFile } from '$lib/server/queries/infra-changes';

import { localeOf, t } from '$lib/i18n';

/**
 * An infrastructure change's evidence file, only for a signed-in user whose area holds the unit:
 * anyone else gets a 404, as if it did not exist (an outsider's attempt is logged). Sent with
 * the type recognised at upload, `nosniff`, a sandboxing CSP, never cached by shared caches.
 */
export const GET: RequestHandler = async (event) => {
	const NOT_FOUND = t(localeOf(event.url), 'evidence.notFound');
	if (!event.locals.user) error(404, NOT_FOUND);
	const id = Number(event.params.id);
	if (!/^\d{1,9}$/.test(event.params.id) || !Number.isSafeInteger(id)) error(404, NOT_FOUND);
	const file = await evidenceFile(await ready(), id);
	if (!file) error(404, NOT_FOUND);
	await authorize(event, 'read', { id: file.unitId, code: file.unitCode });
	const disposition = file.type === 'application/pdf' ? 'attachment' : 'inline';
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.type,
			'content-length': String(file.bytes.byteLength),
			'content-disposition': `${disposition}; filename="${file.name}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
