// The commands behind `npm run db:migrate | db:seed | db:export | db:import | user:create`.
// scripts/db.js loads this module through Vite, so it shares the app's code and configuration.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { databaseOptions } from '$lib/server/operations/config';
import { openConnection, type Connection } from '$lib/server/db/client';
import { useConnection } from '$lib/server/db';
import { migrate } from '$lib/server/db/migrate';
import { DatabaseNotEmptyError, seedDemo } from '$lib/server/seed';
import { ROLES, STAKEHOLDER_GROUPS, type Role, type StakeholderGroup } from '$lib/roles';
import { PASSWORD_MIN } from '$lib/schemas/account';
import * as users from '$lib/server/accounts/users';
import { exportData, importData } from '$lib/server/operations/portable';

let opened: Connection | undefined;

async function open(): Promise<Connection> {
	const connection = await openConnection(databaseOptions());
	opened = connection;
	useConnection(connection);
	const applied = await migrate(connection);
	if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
	return connection;
}

function promptHidden(question: string): Promise<string> {
	let muted = false;
	const output = new Writable({
		write(chunk, _encoding, done) {
			if (!muted) process.stdout.write(chunk);
			done();
		}
	});
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	return new Promise((resolve) => {
		rl.question(question, (answer) => {
			rl.close();
			process.stdout.write('\n');
			resolve(answer);
		});
		muted = true;
	});
}

async function createUser(argv: string[]) {
	const { values } = parseArgs({
		args: argv,
		options: {
			email: { type: 'string' },
			role: { type: 'string', multiple: true, default: [] },
			name: { type: 'string' },
			organisation: { type: 'string', default: '' },
			group: { type: 'string', default: 'government' }
		}
	});
	if (!values.email) throw new Error('usage: npm run user:create -- --email you@example.org --role admin [--name 이름]');
	const roles = values.role as string[];
	const unknown = roles.filter((role) => !ROLES.includes(role as Role));
	if (unknown.length) throw new Error(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
	if (!STAKEHOLDER_GROUPS.includes(values.group as StakeholderGroup)) {
		throw new Error(`unknown group ${values.group}; groups are ${STAKEHOLDER_GROUPS.join(', ')}`);
	}
	await open();
	const existing = await users.findByEmail(values.email);
	if (existing) {
		const merged = [...new Set([...existing.roles, ...(roles as Role[])])];
		await users.setRoles(existing.id, existing.id, merged);
		console.log(`${existing.email} exists; roles are now: ${merged.join(', ') || 'participant'}`);
		return;
	}
	const password = process.env.USER_PASSWORD ?? (await promptHidden(`password for ${values.email}: `));
	if (password.length < PASSWORD_MIN) throw new Error(`the password needs at least ${PASSWORD_MIN} characters`);
	const user = await users.create({
		email: values.email,
		password,
		displayName: values.name ?? values.email.split('@')[0],
		organisation: values.organisation ?? '',
		stakeholderGroup: values.group as StakeholderGroup,
		roles: roles as Role[]
	});
	console.log(`created ${user.email} with roles: ${user.roles.join(', ') || 'participant'}`);
}

/** `db:export` and `db:import`: the file is their one argument, the rows moved per table are reported. */
async function withFile(argv: string[], command: 'export' | 'import', move: (file: string) => Promise<Record<string, number>>, done: string) {
	const file = argv[0];
	if (!file) throw new Error(`usage: npm run db:${command} -- data.json`);
	await open();
	const counts = await move(file);
	console.log(`${done} ${file}: ${JSON.stringify(counts)}`);
}

export async function run(command: string, argv: string[]): Promise<number> {
	try {
		switch (command) {
			case 'migrate': {
				await open();
				console.log('migrations are current');
				break;
			}
			case 'seed': {
				await open();
				await seedDemo();
				console.log('seeded the demo plan, themes and accounts');
				break;
			}
			case 'export':
				await withFile(argv, 'export', exportData, 'exported to');
				break;
			case 'import':
				await withFile(argv, 'import', importData, 'imported from');
				break;
			case 'user:create':
				await createUser(argv);
				break;
			default:
				throw new Error(`unknown command ${command}`);
		}
		return 0;
	} catch (error) {
		if (error instanceof DatabaseNotEmptyError) console.error(error.message);
		else console.error(`error: ${(error as Error).message}`);
		return 1;
	} finally {
		useConnection(undefined);
		await opened?.close();
	}
}
