/**
 * One web import, as both the /import page and POST /api/v1/imports run it: a slot (at most two
 * at a time, else `busy`), the multipart body, the file read in a worker thread under the row
 * cap, then the checks and drafts in this thread (they need the database).
 */
import type { Store } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { readUpload, type Upload } from './workflow-upload.ts';
import { uploadToDrafts, type UploadOutcome } from './workflow-import.ts';
import { readInWorker } from './import/parse-thread.ts';
import { uploadMaxRows } from './import/limits.ts';
import { takeImportSlot } from './import-slots.ts';

export type UploadRun =
	| { kind: 'busy' }
	| (Upload & { ok: false; kind: 'unread' })
	| { kind: 'done'; upload: Extract<Upload, { ok: true }>; outcome: UploadOutcome };

/** Runs an upload; `preview` makes it a dry run whatever the form says. */
export async function runUpload(
	request: Request,
	user: SessionUser,
	store: () => Promise<Store>,
	preview = false
): Promise<UploadRun> {
	const release = takeImportSlot();
	if (!release) {
		await discardBody(request);
		return { kind: 'busy' };
	}
	try {
		const upload = await readUpload(request);
		if (!upload.ok) return { ...upload, kind: 'unread' };
		const maxRows = uploadMaxRows();
		const read = await readInWorker(upload.bytes, maxRows);
		const input = { ...upload, dryRun: preview || upload.dryRun, maxRows };
		const outcome: UploadOutcome = read.ok
			? await uploadToDrafts(await store(), user, { ...input, table: read.table })
			: { ok: false, status: 422, errors: [read.error] };
		return { kind: 'done', upload: input, outcome };
	} finally {
		release();
	}
}

/**
 * Reads the body to its end, keeping nothing: answered before its upload was read, a client that
 * is still sending sees its connection reset, not the 429.
 */
async function discardBody(request: Request): Promise<void> {
	try {
		const reader = request.body?.getReader();
		while (reader && !(await reader.read()).done);
	} catch {
		// Over BODY_SIZE_LIMIT or cut off: nothing more to read.
	}
}
