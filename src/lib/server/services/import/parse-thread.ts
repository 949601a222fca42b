/**
 * Reading an upload off the main thread: a 5 MB XLSX can unpack to a 50 MB sheet, and parsing it
 * in place held every other request for seconds (issue 16: a public page took 5.7 s). One short-
 * lived worker per file (imports are few, at most two at a time: import-slots.ts), with a heap
 * limit of its own; validation against the database stays in the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { ReadOutcome } from './read.ts';
import type { ReadJob } from './parse-worker.ts';

/** The worker's heap: a table of 20,000 rows needs a few dozen MB; a file that needs more is refused. */
const HEAP_MB = 512;

/** Reads `bytes` in a worker thread: the table, or the error that refuses the file. */
export async function readInWorker(bytes: Uint8Array, maxRows: number): Promise<ReadOutcome> {
	const { workerUrl, WORKER_ROLE } = await import('./parse-worker.ts');
	const job: ReadJob = { role: WORKER_ROLE, bytes, maxRows };
	const worker = workerUrl.endsWith('.ts')
		? // Source, not a build (vite dev, vitest): the worker compiles it with tsx.
			new Worker(tsxLoader(workerUrl), { eval: true, workerData: job, resourceLimits: limits })
		: new Worker(new URL(workerUrl), { workerData: job, resourceLimits: limits });
	return new Promise<ReadOutcome>((resolve, reject) => {
		let answer: ReadOutcome | null = null;
		worker.once('message', (message: ReadOutcome) => (answer = message));
		worker.once('error', (error: Error & { code?: string }) => {
			if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
				resolve({
					ok: false,
					error: {
						line: 0,
						column: null,
						code: 'unreadable',
						message: 'The file needs too much memory to read: split it or save it again as CSV'
					}
				});
			else reject(error);
		});
		worker.once('exit', (code) => {
			if (answer) resolve(answer);
			else reject(new Error(`the import's worker stopped (exit ${code}) without an answer`));
		});
	});
}

const limits = { maxOldGenerationSizeMb: HEAP_MB };

/**
 * Worker code that registers tsx, then loads the TypeScript worker module. `tsx/esm/api` is found
 * from the working directory (the repository's root under vite dev and vitest): resolved from
 * here, Vite's runner would hand over its CommonJS build, which cannot register the ESM hooks.
 */
function tsxLoader(moduleUrl: string): string {
	return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
}
