/**
 * npm start — builds when `build/` is missing or older than its sources, then serves it with
 * `node build` on PORT (default 3000). The server migrates and, on the embedded store, seeds in
 * its `init` hook before it listens. Signals are forwarded; the server's exit code is ours.
 */
import { spawn } from 'node:child_process';
import { buildStaleReason, root, SERVER_NODE_FLAGS, viteBuild } from './build-state.js';

/**
 * adapter-node checks a form's Origin against ORIGIN, or, when ORIGIN is unset, against
 * `https://` + Host: a plain `npm start` opened on http://localhost refused every form (403).
 * Unless the operator says where the site lives (ORIGIN, or the reverse proxy's
 * PROTOCOL_HEADER / HOST_HEADER), it lives at http://localhost:PORT. XASO_LOCAL_ORIGIN tells the
 * server the origin was chosen here, so that it can send visitors of 127.0.0.1 there.
 * @param {NodeJS.ProcessEnv} given
 * @param {string} port
 * @returns {Record<string, string>}
 */
function originDefaults(given, port) {
	if (given.ORIGIN || given.PROTOCOL_HEADER || given.HOST_HEADER) return {};
	return { ORIGIN: `http://localhost:${port}`, XASO_LOCAL_ORIGIN: '1' };
}

const reason = buildStaleReason();
if (reason) {
	console.log(`Building (${reason})…`);
	const started = Date.now();
	const code = viteBuild();
	if (code !== 0) {
		console.error(`vite build failed (exit ${code}); not starting.`);
		process.exit(code);
	}
	console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const port = process.env.PORT || '3000';
const env = {
	...process.env,
	PORT: port,
	...originDefaults(process.env, port),
	// Report uploads may be 5 MB (multipart adds a little); adapter-node's default is 512K.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '6M'
};
console.log(
	`Starting on port ${env.PORT} (${env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `embedded store in ${env.DATA_DIR || './.data'}`})…`
);
console.log(
	env.ORIGIN
		? `Open ${env.ORIGIN}${process.env.ORIGIN ? '' : ' (set ORIGIN to serve it under another address)'}`
		: `Origin taken from the ${env.PROTOCOL_HEADER ?? 'https'} / ${env.HOST_HEADER ?? 'host'} headers`
);
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'build'], {
	cwd: root,
	env,
	stdio: 'inherit'
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => server.kill(signal));
}

server.on('error', (error) => {
	console.error(`could not start the server: ${error.message}`);
	process.exit(1);
});

server.on('exit', (code, signal) => {
	if (signal) {
		// Exit the way the server did, so a supervisor sees the same cause.
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
		return;
	}
	process.exit(code ?? 1);
});
