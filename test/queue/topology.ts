/**
 * n8n in queue mode, as a store that outgrew one instance runs it: PostgreSQL for data,
 * Redis for the queue, one main instance (`n8n start`: editor, REST API, triggers) and
 * workers (`n8n worker`) that run the executions. Everything lives in one temp folder and
 * is stopped by stop(), also after a failure; only processes started here are signalled.
 */
import { chmodSync, cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { N8nRest } from '../../scripts/n8n-editor';
import { harness, packPackage, PACKAGE, type RunOptions } from '../e2e/harness';
import { preflightProblems, type InstancePlan } from './preflight';
import { ensureServers, startPostgres, startRedis, type Postgres, type Server } from './servers';

type N8nServer = Awaited<ReturnType<typeof harness.startN8nServer>>;

export interface Topology {
	dir: string;
	pg: Postgres;
	/** Databases on `pg`: n8n's own, and a store's own (for the Postgres example). */
	n8nDatabase: string;
	shopDatabase: string;
	main: N8nServer;
	rest: N8nRest;
	workers: Array<{ name: string; server: N8nServer }>;
	/** The name of the worker whose log says it started that execution, if any. */
	workerOf(executionId: string): string | undefined;
	/** Stops main (SIGTERM, n8n's shutdown), runs `whileDown`, starts it again and logs in. */
	restartMain(whileDown?: () => void): Promise<void>;
	/** SIGKILL to the worker's process group (n8n and its task runner), no shutdown. */
	killWorker(index: number): Promise<void>;
	startWorker(index: number): Promise<void>;
	stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');
const secs = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const free = () => (harness as unknown as { freePort(): Promise<number> }).freePort();

/** The settings every instance shares (mode, database, queue, key) plus the test's tempo. */
function queueEnv(pg: Postgres, redisPort: number, database: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_ENCRYPTION_KEY: harness.ENCRYPTION_KEY,
		// runs from the editor (and the REST API's /workflows/:id/run) go to the workers too
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Tempo, so that a killed worker's execution is found within ~25 s instead of minutes:
		// a worker's job lock lapses after 10 s (default 60), the surviving worker checks for
		// stalled jobs every 5 s (30), main looks for executions without a job every 9 s (3 min).
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.15',
		// nothing here needs the default 30 s to finish on a stop
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
	};
}

export async function startTopology(opts: {
	workers: number;
	/** The credentials to import, given the database server (for a store's own database). */
	credentials: (pg: Postgres, shopDatabase: string) => unknown[];
	workflows: unknown[];
	log?: (line: string) => void;
}): Promise<Topology> {
	const log = opts.log ?? ((line: string) => process.stderr.write(`[queue] ${line}\n`));
	const { pgBin, redis: redisBin } = ensureServers(log);
	harness.ensureN8n();
	const dir = mkdtempSync(join(tmpdir(), 'ae-queue-'));
	chmodSync(dir, 0o755); // the postgres user reaches its data folder through it
	const stops: Array<() => Promise<unknown>> = [];
	const stop = async () => {
		for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const n8nDatabase = 'n8n';
		const shopDatabase = 'shop';
		const pg = await startPostgres(pgBin, dir, await free(), [n8nDatabase, shopDatabase]);
		stops.push(pg.stop);
		const redis: Server = await startRedis(redisBin, dir, await free());
		stops.push(redis.stop);
		const env = queueEnv(pg, redis.port, n8nDatabase);
		log(`postgres on ${pg.port}, redis on ${redis.port}, data in ${dir}`);

		const names = ['main', ...Array.from({ length: opts.workers }, (_, i) => `worker-${i + 1}`)];
		const plans: InstancePlan[] = names.map((name) => ({
			name,
			userFolder: join(dir, name),
			env,
		}));
		// `npm pack`, installed into main's nodes folder the way n8n installs a community
		// package; each worker gets a copy of that folder (what a shared image does)
		let t = Date.now();
		for (const plan of plans) mkdirSync(plan.userFolder);
		harness.installPackage(plans[0].userFolder, packPackage());
		for (const plan of plans.slice(1))
			cpSync(join(plans[0].userFolder, '.n8n'), join(plan.userFolder, '.n8n'), { recursive: true });
		log(`package installed on ${plans.length} instances in ${secs(t)}`);
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			name: string;
			version: string;
		};
		const problems = preflightProblems(plans, pkg);
		if (problems.length) throw new Error(`not ready for queue mode:\n${problems.join('\n')}`);

		const mainFolder = plans[0].userFolder;
		t = Date.now();
		const cli: RunOptions = { env }; // the CLI against the same database
		await harness.importCredentials(mainFolder, opts.credentials(pg, shopDatabase), cli);
		log(`credentials imported (n8n's tables created) in ${secs(t)}`);

		// every n8n process started, by instance name (a restarted one keeps its earlier log)
		const started: Array<{ name: string; output(): string }> = [];
		const startMain = async () => {
			const server = await harness.startN8nServer(mainFolder, { env });
			stops.push(server.stop);
			started.push({ name: 'main', output: server.output });
			return server;
		};

		const workers: Topology['workers'] = [];
		const startWorker = async (i: number) => {
			const port = await free();
			const server = await harness.startN8nServer(plans[i + 1].userFolder, {
				args: ['worker', '--concurrency=1'],
				port,
				env: {
					...env,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
			});
			stops.push(server.stop);
			started.push({ name: names[i + 1], output: server.output });
			workers[i] = { name: names[i + 1], server };
		};
		t = Date.now();
		const [first] = await Promise.all([
			startMain(),
			...Array.from({ length: opts.workers }, (_, i) => startWorker(i)),
		]);
		let main = first;
		let rest = new N8nRest(main.url);
		await rest.setupOwner();
		log(`main on ${main.url} and ${opts.workers} workers ready in ${secs(t)}`);
		// the workflows as the editor's "Import from File" saves them (a CLI import would boot n8n once more)
		for (const wf of opts.workflows) await rest.data('POST', '/workflows', wf);

		return {
			dir,
			pg,
			n8nDatabase,
			shopDatabase,
			get main() {
				return main;
			},
			get rest() {
				return rest;
			},
			workers,
			workerOf(executionId) {
				const line = new RegExp(`Worker started execution ${executionId} \\(job`);
				return started.find((s) => s.name !== 'main' && line.test(s.output()))?.name;
			},
			async restartMain(whileDown) {
				let t = Date.now();
				await main.stop();
				log(`main stopped in ${secs(t)}`);
				whileDown?.();
				t = Date.now();
				main = await startMain();
				log(`main started again in ${secs(t)}`);
				rest = new N8nRest(main.url); // a new port, a new session
				await rest.login();
			},
			async killWorker(i) {
				const { pid } = workers[i].server.child;
				if (pid) process.kill(-pid, 'SIGKILL');
				await workers[i].server.stop(); // resolves once it has exited
			},
			startWorker,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}
