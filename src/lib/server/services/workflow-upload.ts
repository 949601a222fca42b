/**
 * Reading an uploaded report file from a multipart request (field `file`, optional `dry_run=1`,
 * `submit=1` and `confirm_jumps=1`), refusing anything over 5 MB with 413 before the body is read when the
 * Content-Length says so, and after it otherwise. (adapter-node's BODY_SIZE_LIMIT, default 512K,
 * must be above this: `BODY_SIZE_LIMIT=6M`.)
 */
import { MAX_UPLOAD_BYTES } from './workflow-import.ts';
import { refusal, type Refusal } from '../http/refusal.ts';

/** Room for the multipart envelope and the small fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export type Upload =
	| {
			ok: true;
			bytes: Uint8Array;
			fileName: string;
			dryRun: boolean;
			submit: boolean;
			confirmJumps: boolean;
	  }
	| Refusal<400 | 413 | 415>;

const tooLarge = () => refusal(413, 'upload.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });

/** The name without control characters (it is shown and logged). */
const printable = (name: string) => [...name].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');

const yes = (v: FormDataEntryValue | null) => v === '1' || v === 'true' || v === 'on';

/** The uploaded file and options, or why the request cannot be read. */
export async function readUpload(request: Request): Promise<Upload> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data'))
		return refusal(415, 'upload.notMultipart');
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (length > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) return tooLarge();
	let form: FormData;
	try {
		form = await request.formData();
	} catch (error) {
		// adapter-node's BODY_SIZE_LIMIT: a 413 error whether Content-Length said so or a chunked
		// body ran over ("request body size exceeded BODY_SIZE_LIMIT …").
		if (
			(error as { status?: number }).status === 413 ||
			/exceed|too large/i.test((error as Error).message)
		)
			return tooLarge();
		return refusal(400, 'upload.unreadable');
	}
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return refusal(400, 'upload.noFile');
	if (file.size > MAX_UPLOAD_BYTES) return tooLarge();
	return {
		ok: true,
		bytes: new Uint8Array(await file.arrayBuffer()),
		fileName: printable(file.name || 'upload').slice(0, 200),
		dryRun: yes(form.get('dry_run')),
		submit: yes(form.get('submit')),
		confirmJumps: yes(form.get('confirm_jumps'))
	};
}
