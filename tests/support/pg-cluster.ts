/**
 * Private PostgreSQL clusters for tests that must stop, restart or replicate a server (the shared
 * one on DATABASE_URL is never touched): a primary made with `initdb` (WAL level `replica`) and
 * hot standbys made from it with `pg_basebackup -R`, each in a temporary directory, on a port of
 * its own (`XASO_TEST_PG_PORT` and the next ones when set, else free ones).
 *
 * PostgreSQL refuses to run as root: as root (CI's .ci/run), the directory is given to the
 * `postgres` user and every PostgreSQL program runs through `runuser -u postgres --`.
 */
import { spawnSync } from 'node:child_process';
import {
	appendFileSync,
	chmodSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	rmSync
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** PostgreSQL's server programs: `XASO_PG_BIN`, else the newest Debian/Ubuntu installation. */
const BIN =
	process.env.XASO_PG_BIN ??
	(() => {
		const base = '/usr/lib/postgresql';
		const versions = existsSync(base)
			? readdirSync(base)
					.filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
					.sort((x, y) => Number(y) - Number(x))
			: [];
		return join(base, versions[0] ?? '15', 'bin');
	})();

/** True when the PostgreSQL server programs these tests need are installed. */
export const clustersAvailable = existsSync(join(BIN, 'initdb'));

const root = process.getuid?.() === 0;

/** Runs a PostgreSQL program (as `postgres` when we are root); throws with its output on failure. */
function pg(program: string, args: string[], timeoutMs = 60_000): string {
	const command = join(BIN, program);
	const result = root
		? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], {
				encoding: 'utf8',
				timeout: timeoutMs
			})
		: spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
	if (result.status !== 0)
		throw new Error(
			`${program} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error}):\n${result.stdout}\n${result.stderr}`
		);
	return result.stdout;
}

function ownedByPostgres(path: string) {
	if (!root) return;
	const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	chownSync(path, uid, gid);
}

let nextPort = Number(process.env.XASO_TEST_PG_PORT ?? 0);

function freePort(): Promise<number> {
	if (nextPort) return Promise.resolve(nextPort++);
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
		});
	});
}

export interface Cluster {
	port: number;
	dir: string;
	/** A connection URL to `database` on this cluster. */
	url(database?: string): string;
	start(): void;
	/** Stops the server (`fast` by default; `immediate` is a crash). */
	stop(mode?: 'fast' | 'immediate'): void;
	/** Stops the server if running and removes its directory. */
	remove(): void;
}

function cluster(parent: string, name: string, port: number): Cluster {
	const dir = join(parent, name);
	let running = false;
	return {
		port,
		dir,
		url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
		start() {
			pg('pg_ctl', ['-D', dir, '-l', join(parent, `${name}.log`), '-w', '-t', '60', 'start']);
			running = true;
		},
		stop(mode = 'fast') {
			if (!running) return;
			pg('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']);
			running = false;
		},
		remove() {
			try {
				this.stop('immediate');
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/** A temporary directory for clusters, writable by the user PostgreSQL runs as. */
export function clusterParent(): string {
	const parent = mkdtempSync('/tmp/xaso-pg-');
	chmodSync(parent, 0o755);
	ownedByPostgres(parent);
	return parent;
}

/** Settings of every test cluster: quick rather than durable, and able to stream WAL. */
function settings(port: number, socketDir: string): string {
	return [
		'',
		`port = ${port}`,
		`listen_addresses = '127.0.0.1'`,
		`unix_socket_directories = '${socketDir}'`,
		'wal_level = replica',
		'max_wal_senders = 5',
		'hot_standby = on',
		'fsync = off',
		'full_page_writes = off',
		'max_connections = 60',
		'shared_buffers = 32MB',
		// Replay is not held back by a long public read on the standby.
		'max_standby_streaming_delay = 1s',
		''
	].join('\n');
}

/** Creates and starts a primary cluster in `parent`. */
export async function startPrimary(parent: string): Promise<Cluster> {
	const port = await freePort();
	const c = cluster(parent, 'primary', port);
	pg('initdb', ['-D', c.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	// initdb's pg_hba.conf already lets local replication connections in (trust).
	appendFileSync(join(c.dir, 'postgresql.conf'), settings(port, parent));
	c.start();
	return c;
}

/** Makes a hot standby of `primary` with `pg_basebackup -R` and starts it. */
export async function startReplica(parent: string, primary: Cluster): Promise<Cluster> {
	const port = await freePort();
	const c = cluster(parent, 'replica', port);
	pg('pg_basebackup', [
		'-h',
		'127.0.0.1',
		'-p',
		String(primary.port),
		'-U',
		'postgres',
		'-D',
		c.dir,
		'-R',
		'-X',
		'stream',
		'--checkpoint=fast',
		'--no-sync'
	]);
	// The copied postgresql.conf names the primary's port: the last setting wins.
	appendFileSync(join(c.dir, 'postgresql.conf'), settings(port, parent));
	c.start();
	return c;
}
