/**
 * The writing side of the soak: an editor uploads a small monthly report file through
 * `POST /api/v1/imports` (submitted at once), and an approver approves each of its reports
 * through `POST /api/v1/reports/UNIT/MONTH`, exactly as scripts and the pages do. Every approval
 * changes public figures, so the readers' cached answers are dropped and computed again while
 * the import runs. One cycle at a time, with a pause between cycles.
 */
import { request } from 'node:http';
import type { Store } from '../../src/lib/server/db/index.ts';
import { addUser } from '../../src/lib/server/auth/user-admin.ts';
import { draws, mix, mulberry32 } from './prng.ts';

const PASSWORD = 'soak bench passphrase 7413';
export const SOAK_EDITOR = 'soak-editor@bench.xaso';
export const SOAK_APPROVER = 'soak-approver@bench.xaso';
/** Months after the scenario's last (2025-12) and before today: each cycle writes one of them. */
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const PER_FILE = 5;

/** Adds the soak's editor and approver of one province before the server opens the store. */
export async function addSoakUsers(store: Store, unitCode: string): Promise<void> {
	for (const [email, role] of [
		[SOAK_EDITOR, 'editor'],
		[SOAK_APPROVER, 'approver']
	] as const) {
		const r = await addUser(
			store,
			{ email, password: PASSWORD, role, unitCode },
			{ userId: null, actor: 'bench' }
		);
		if (!r.ok) throw new Error(`soak user ${email}: ${JSON.stringify(r.errors)}`);
	}
}

interface Answer {
	status: number;
	text: string;
	cookies: string[];
}

function send(
	url: string,
	method: string,
	headers: Record<string, string>,
	body?: Buffer
): Promise<Answer> {
	return new Promise((done, fail) => {
		const req = request(
			url,
			{
				method,
				headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					done({
						status: res.statusCode ?? 0,
						text: Buffer.concat(chunks).toString('utf8'),
						cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])
					})
				);
				res.on('error', fail);
			}
		);
		req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${url}: no answer in 120 s`)));
		req.on('error', fail);
		req.end(body);
	});
}

export async function signIn(base: string, email: string): Promise<string> {
	const r = await send(
		`${base}/signin`,
		'POST',
		{
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: base
		},
		Buffer.from(new URLSearchParams({ email, password: PASSWORD }).toString())
	);
	const session = r.cookies.find((c) => c.startsWith('xaso_session='));
	if (r.status !== 303 || !session)
		throw new Error(`soak sign-in of ${email}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
	return session;
}

/**
 * The CSV of cycle `k`: PER_FILE communes, four measures, parts within their wholes. The figures
 * are drawn from the bench's seed and `k`: each cycle writes new figures (a file whose figures
 * equal the stored ones changes nothing, so no approval and no new data version), and the same
 * seed writes the same cycles.
 */
export function soakFile(
	k: number,
	communes: readonly string[],
	seed: number
): { month: string; codes: string[]; csv: string } {
	const month = MONTHS[k % MONTHS.length];
	const start = (k * PER_FILE) % Math.max(1, communes.length - PER_FILE);
	const codes = communes.slice(start, start + PER_FILE);
	const lines = codes.map((code, i) => {
		const d = draws(mulberry32(mix(seed, k, i)));
		const received = d.int(150, 400);
		const online = Math.floor(received * d.uniform(0.3, 0.9));
		const resolved = received - d.int(0, 40);
		const onTime = resolved - d.int(0, Math.floor(resolved / 5));
		return `${code},${month},${received},${online},${resolved},${onTime}`;
	});
	const header =
		'unit_code,period,dossiers_received,dossiers_received_online,dossiers_resolved,dossiers_resolved_on_time';
	return { month, codes, csv: [header, ...lines].join('\n') + '\n' };
}

export interface WriterStats {
	cycles: number;
	/** Files uploaded and every report of them approved. */
	ok: number;
	failures: string[];
	/** Wall time of each full cycle (upload + approvals), ms. */
	cycleMs: number[];
	uploadMs: number[];
}

/** The editor's and the approver's session cookies. */
export async function signInWriters(base: string): Promise<{ editor: string; approver: string }> {
	return { editor: await signIn(base, SOAK_EDITOR), approver: await signIn(base, SOAK_APPROVER) };
}

export const newWriterStats = (): WriterStats => ({
	cycles: 0,
	ok: 0,
	failures: [],
	cycleMs: [],
	uploadMs: []
});

/** Runs import cycles against `base` until `shouldStop()`, counting into `stats` as it goes. */
export async function runWriter(
	base: string,
	communes: readonly string[],
	options: {
		pauseMs: number;
		first: number;
		/** The bench's seed (--seed): the figures written. */
		seed: number;
		shouldStop: () => boolean;
		cookies: { editor: string; approver: string };
		stats: WriterStats;
	}
): Promise<WriterStats> {
	const { stats } = options;
	const { editor, approver } = options.cookies;
	const fail = (what: string, r: Answer) =>
		stats.failures.push(`${what}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
	for (let k = options.first; !options.shouldStop(); k++) {
		stats.cycles++;
		const t0 = performance.now();
		const { month, codes, csv } = soakFile(k, communes, options.seed);
		const form = new FormData();
		form.append('file', new File([csv], `soak-${k}.csv`, { type: 'text/csv' }));
		form.append('submit', '1');
		form.append('confirm_jumps', '1');
		const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
		const upload = await send(
			`${base}/api/v1/imports`,
			'POST',
			{
				'content-type': encoded.headers.get('content-type')!,
				accept: 'application/json',
				origin: base,
				cookie: editor
			},
			Buffer.from(await encoded.arrayBuffer())
		);
		stats.uploadMs.push(performance.now() - t0);
		let good = upload.status === 200;
		if (!good) fail(`upload ${k}`, upload);
		for (const code of good ? codes : []) {
			const path = `${base}/api/v1/reports/${code}/${month}`;
			const report = await send(path, 'GET', { accept: 'application/json', cookie: approver });
			if (report.status !== 200) {
				fail(`report ${code} ${month}`, report);
				good = false;
				continue;
			}
			const { token, status } = JSON.parse(report.text) as { token: string; status: string };
			if (status !== 'submitted') continue; // unchanged figures: nothing to approve
			const approve = await send(
				path,
				'POST',
				{ 'content-type': 'application/json', origin: base, cookie: approver },
				Buffer.from(JSON.stringify({ action: 'approve', token }))
			);
			if (approve.status !== 200) {
				fail(`approve ${code} ${month}`, approve);
				good = false;
			}
		}
		if (good) stats.ok++;
		stats.cycleMs.push(performance.now() - t0);
		await new Promise((done) => setTimeout(done, options.pauseMs));
	}
	return stats;
}
