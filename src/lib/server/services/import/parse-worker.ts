/**
 * The import's worker thread: reads one uploaded file (readOutcome) and posts the table back.
 * This module is both the worker's entry and, imported in the main thread, the place its URL is
 * taken from (`workerUrl`): it is only ever imported dynamically, so the bundler (Vite, then
 * adapter-node's rollup) keeps it a chunk of its own whose `import.meta.url` is a file the built
 * server can start a worker on. (Vite rewrites `new Worker(new URL('./x.ts', import.meta.url))`
 * for browser code only, not for the server.)
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readOutcome } from './read.ts';

/** workerData.role of this worker, so that loading the module elsewhere does nothing. */
export const WORKER_ROLE = 'xaso-import-read';

export const workerUrl = import.meta.url;

export interface ReadJob {
	role: typeof WORKER_ROLE;
	bytes: Uint8Array;
	maxRows: number;
}

if (!isMainThread && parentPort && (workerData as ReadJob | undefined)?.role === WORKER_ROLE) {
	const job = workerData as ReadJob;
	parentPort.postMessage(readOutcome(job.bytes, { maxRows: job.maxRows }));
}
