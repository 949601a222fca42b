/**
 * npm run user:add -- --email EMAIL --role admin|approver|editor|viewer [--unit CODE] [--name NAME]
 * Creates a user, e.g. the first administrator. The password comes from the XASO_PASSWORD
 * environment variable or is asked for (twice, not echoed); it is never an argument, so it stays
 * out of the shell history and the process list. Migrates the store and loads the units first
 * when it is empty, so that --unit can be checked.
 */
import { parseArgs } from 'node:util';
import { openStoreOrExit } from './lib/open-store.ts';
import { prepareStore } from '../src/lib/server/services/setup.ts';
import { addUser } from '../src/lib/server/auth/user-admin.ts';
import { userInfo } from 'node:os';

const USAGE =
	'usage: npm run user:add -- --email EMAIL --role admin|approver|editor|viewer [--unit CODE] [--name NAME]\n' +
	'       password from XASO_PASSWORD, or typed when asked (npm run user:add -- --help says more)';

const HELP = `usage: npm run user:add -- --email EMAIL --role ROLE [--unit CODE] [--name NAME]

Creates an account that signs in at /signin (e.g. http://localhost:3000/signin).
  --email EMAIL  the address typed to sign in
  --role ROLE    admin     everything, and the accounts (/admin/users)
                 approver  types, imports and approves or returns the reports of its unit
                 editor    types and imports the reports of its unit (/reports, /import)
                 viewer    reads the editors' pages of its unit
  --unit CODE    the unit the account works on, with everything under it: a province
                 (12 is Lai Châu) or a commune (e.g. 03388); none: the whole installation
  --name NAME    the name shown in the editors' bar (default: the email)

The password (at least 10 characters, not a common one) comes from XASO_PASSWORD, else it is
asked for twice.
The account goes into the store the server uses: the same DATA_DIR (default ./.data) or
DATABASE_URL. The embedded store opens in one process at a time, so stop \`npm start\` first
(or create the accounts before starting it); with DATABASE_URL the server may keep running.
Example: XASO_PASSWORD='…' npm run user:add -- --email chi@laichau.gov.vn --role editor --unit 03388`;

/** Reads one line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
	const input = process.stdin;
	return new Promise((done, fail) => {
		process.stdout.write(question);
		let typed = '';
		const finish = (value: string | null) => {
			input.setRawMode(false);
			input.pause();
			input.off('data', onData);
			process.stdout.write('\n');
			if (value === null) fail(new Error('cancelled'));
			else done(value);
		};
		const onData = (chunk: Buffer) => {
			for (const ch of chunk.toString('utf8')) {
				if (ch === '\r' || ch === '\n') return finish(typed);
				if (ch === '\u0003' || ch === '\u0004') return finish(null);
				if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
				else typed += ch;
			}
		};
		input.setRawMode(true);
		input.resume();
		input.on('data', onData);
	});
}

/** The whole of stdin, first line only (for `echo secret | npm run user:add …`). */
async function readPiped(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function password(): Promise<string> {
	const fromEnv = process.env.XASO_PASSWORD;
	if (fromEnv) return fromEnv;
	if (!process.stdin.isTTY) return readPiped();
	const first = await askHidden('Password: ');
	const again = await askHidden('Again: ');
	if (first !== again) throw new Error('The two passwords differ');
	return first;
}

function options() {
	try {
		return parseArgs({
			options: {
				email: { type: 'string' },
				role: { type: 'string' },
				unit: { type: 'string' },
				name: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		}).values;
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
}

const values = options();
if (values.help) {
	console.log(HELP);
	process.exit(0);
}
const { email, role } = values;
if (!email || !role) {
	console.error(USAGE);
	process.exit(2);
}

let secret: string;
try {
	secret = await password();
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}

const store = await openStoreOrExit();
try {
	await prepareStore(store, { demo: false });
	const result = await addUser(
		store,
		{
			email,
			password: secret,
			role,
			unitCode: values.unit ?? null,
			displayName: values.name ?? null
		},
		{ userId: null, actor: `cli:${userInfo().username}` }
	);
	if (result.ok) {
		console.log(
			`user ${result.id} created: ${email.trim().toLowerCase()} (${role}${values.unit ? `, unit ${values.unit}` : ', whole installation'})`
		);
	} else {
		for (const [field, message] of Object.entries(result.errors))
			console.error(`${field}: ${message}`);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(`user:add failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await store.close();
}
