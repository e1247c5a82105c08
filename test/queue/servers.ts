/**
 * PostgreSQL and Redis for the queue-mode test: Debian's `postgresql` and `redis-server`
 * binaries (installed with apt-get when missing and this runs as root), each server started
 * on 127.0.0.1 on a free port with its data in a folder of the test, never the system
 * service. PostgreSQL refuses to run as root: as root it runs as the `postgres` user the
 * Debian package creates, from a data folder that user owns.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const APT_PACKAGES = ['postgresql', 'redis-server'];
const isRoot = process.getuid?.() === 0;

export interface Server {
	port: number;
	output(): string;
	stop(): Promise<void>;
}

export interface Postgres extends Server {
	user: string;
	password: string;
	/** Runs SQL with psql against `database`; resolves psql's unaligned output. */
	sql(database: string, statement: string): string;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb, or undefined. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The binaries of both servers; installs Debian's packages first when one is missing. */
export function ensureServers(log: (line: string) => void): { pgBin: string; redis: string } {
	let pgBin = postgresBin();
	let redis = redisBin();
	if (!pgBin || !redis) {
		const command = `apt-get install -y ${APT_PACKAGES.join(' ')}`;
		if (!isRoot)
			throw new Error(
				`PostgreSQL or Redis is missing (${!pgBin ? 'no /usr/lib/postgresql/*/bin/initdb' : 'no redis-server'}): run \`sudo ${command}\``,
			);
		log(`installing ${APT_PACKAGES.join(' and ')}: ${command}`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		let r = spawnSync('sh', ['-c', command], { encoding: 'utf8', env });
		if (r.status !== 0) {
			// a fresh machine may have no package lists yet
			spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
			r = spawnSync('sh', ['-c', command], { encoding: 'utf8', env });
		}
		pgBin = postgresBin();
		redis = redisBin();
		if (r.status !== 0 || !pgBin || !redis)
			throw new Error(`${command} failed (exit ${r.status}):\n${String(r.stderr).slice(-2000)}`);
	}
	return { pgBin, redis };
}

/** As root: the same command run as the `postgres` user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function portOpen(port: number): Promise<boolean> {
	return new Promise((ok) => {
		const s = connect(port, '127.0.0.1');
		s.once('connect', () => (s.destroy(), ok(true)));
		s.once('error', () => ok(false));
	});
}

/** A server process in its own process group: stop() signals that group only. */
async function startProcess(
	name: string,
	cmd: string,
	args: string[],
	port: number,
	stopSignal: NodeJS.Signals,
): Promise<Server & { child: ChildProcess }> {
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
	child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
	let exited = false;
	const exit = new Promise<void>((ok) => child.on('exit', () => ((exited = true), ok())));
	const kill = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	const onExit = () => kill('SIGKILL');
	process.on('exit', onExit);
	const stop = async () => {
		process.off('exit', onExit);
		if (exited) return;
		kill(stopSignal);
		const t = setTimeout(() => kill('SIGKILL'), 15_000);
		await exit;
		clearTimeout(t);
	};
	const deadline = Date.now() + 60_000;
	while (!(await portOpen(port))) {
		if (exited || Date.now() > deadline) {
			await stop();
			throw new Error(`${name} did not start on 127.0.0.1:${port}:\n${out}`);
		}
		await new Promise((ok) => setTimeout(ok, 200));
	}
	return { child, port, output: () => out, stop };
}

/**
 * A PostgreSQL cluster in `<dir>/pg` (initdb, password authentication) on 127.0.0.1:port,
 * with the databases `databases` created.
 */
export async function startPostgres(
	pgBin: string,
	dir: string,
	port: number,
	databases: string[],
): Promise<Postgres> {
	const data = join(dir, 'pg');
	mkdirSync(data, { recursive: true, mode: 0o700 });
	const user = 'postgres';
	const password = 'queue-test-password';
	const pwfile = join(dir, 'pg-password');
	writeFileSync(pwfile, password);
	if (isRoot) {
		const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chownSync(data, Number(id.stdout), Number(gid.stdout));
		chownSync(pwfile, Number(id.stdout), Number(gid.stdout));
	}
	const [initCmd, initArgs] = asPostgres(join(pgBin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'-A',
		'scram-sha-256',
		`--pwfile=${pwfile}`,
		'--no-sync',
		'-E',
		'UTF8',
		'--locale=C',
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const [cmd, args] = asPostgres(join(pgBin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${data}`,
		// a throwaway cluster: durability costs time and buys nothing here
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	// SIGINT is PostgreSQL's "fast" shutdown (SIGTERM waits for every client to leave)
	const server = await startProcess('postgres', cmd, args, port, 'SIGINT');
	const sql = (database: string, statement: string) => {
		const r = spawnSync(
			join(pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				statement,
			],
			{ encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } },
		);
		if (r.status !== 0) throw new Error(`psql: ${statement}\n${r.stderr}`);
		return r.stdout;
	};
	// the port answers a moment before the server accepts queries
	for (let i = 0; ; i++) {
		try {
			sql('postgres', 'select 1');
			break;
		} catch (e) {
			if (i > 50) throw e;
			await new Promise((ok) => setTimeout(ok, 200));
		}
	}
	for (const db of databases) sql('postgres', `CREATE DATABASE ${db}`);
	return { ...server, user, password, sql };
}

/** redis-server on 127.0.0.1:port, nothing saved to disk. */
export async function startRedis(redis: string, dir: string, port: number): Promise<Server> {
	return await startProcess(
		'redis-server',
		redis,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		port,
		'SIGTERM',
	);
}
