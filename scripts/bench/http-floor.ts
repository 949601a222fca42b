/**
 * What delivering an answer costs when nothing is computed: a bare node:http server, in a child
 * process, that returns the bytes our endpoint produced (compressed once, gzip and brotli, as our
 * answer cache keeps them), under the same clients. It bounds what caching the public GETs could
 * reach on this machine, load generator included.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './http-load.ts';

const SERVER = fileURLToPath(new URL('./cached-server.mjs', import.meta.url));

export async function cachedAnswerLoad(
	body: Buffer,
	options: { clients: number; amount: number; dir: string }
): Promise<LoadResult & { gzipBytes: number }> {
	const file = join(options.dir, 'cached-answer.json');
	writeFileSync(file, body);
	const child = spawn(process.execPath, [SERVER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
	try {
		const [port, gzipBytes] = await new Promise<number[]>((done, fail) => {
			child.stdout!.once('data', (chunk: Buffer) =>
				done(chunk.toString().trim().split(' ').map(Number))
			);
			child.once('exit', (code) => fail(new Error(`cached-answer server exited (${code})`)));
		});
		const result = await load(`http://127.0.0.1:${port}/`, options);
		return { ...result, gzipBytes };
	} finally {
		child.kill('SIGTERM');
	}
}
