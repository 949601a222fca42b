/**
 * At most two imports (web uploads and POST /api/v1/imports) at a time in this process: each
 * holds a file of up to 5 MB, its table and a validating transaction, so a burst of uploads
 * could otherwise take the memory and the database from everyone else (issue 16: four at once
 * added 918 MB). A third one is answered 429 with Retry-After at once, never queued.
 */
export const IMPORT_SLOTS = 2;

/** Seconds a refused import is told to wait: a maximal file takes a few seconds. */
export const IMPORT_RETRY_AFTER_S = 5;

let busy = 0;

/** A slot's release function (idempotent), or null when both slots are taken. */
export function takeImportSlot(): (() => void) | null {
	if (busy >= IMPORT_SLOTS) return null;
	busy++;
	let held = true;
	return () => {
		if (!held) return;
		held = false;
		busy--;
	};
}
