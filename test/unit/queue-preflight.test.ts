/**
 * The queue-mode test's check before anything starts (test/queue/preflight.ts): every
 * instance has the package in its own nodes folder, in the same version, and the same
 * encryption key; what is missing is named per instance. Fake user folders, no n8n.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { preflightProblems, type InstancePlan } from '../queue/preflight';

const PKG = { name: 'n8n-nodes-aliexpress', version: '0.1.0' };
let root: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'ae-preflight-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A user folder; with the package installed in `version` unless that is undefined. */
function instance(
	name: string,
	version: string | undefined,
	key: string | undefined,
): InstancePlan {
	const userFolder = join(root, name);
	mkdirSync(join(userFolder, '.n8n'), { recursive: true });
	if (version !== undefined) {
		const dir = join(userFolder, '.n8n', 'nodes', 'node_modules', PKG.name);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: PKG.name, version }));
	}
	return { name, userFolder, env: { N8N_ENCRYPTION_KEY: key } };
}

it('passes when every instance has the package and main’s key', () => {
	const plans = ['main', 'worker-1', 'worker-2'].map((n) => instance(n, '0.1.0', 'k1'));
	expect(preflightProblems(plans, PKG)).toEqual([]);
});

it('names a worker without the package, with another version, or with another key', () => {
	const plans = [
		instance('main', '0.1.0', 'k1'),
		instance('worker-1', undefined, 'k1'),
		instance('worker-2', '0.0.9', 'k1'),
		instance('worker-3', '0.1.0', 'another-key'),
	];
	const problems = preflightProblems(plans, PKG);
	expect(problems).toHaveLength(3);
	expect(problems[0]).toMatch(
		/^worker-1: n8n-nodes-aliexpress is not installed in .*worker-1\/\.n8n\/nodes/,
	);
	expect(problems[0]).toContain('Unrecognized node type: n8n-nodes-aliexpress.aliExpress');
	expect(problems[1]).toMatch(/^worker-2: n8n-nodes-aliexpress 0\.0\.9 is installed .* 0\.1\.0/);
	expect(problems[2]).toMatch(/^worker-3: N8N_ENCRYPTION_KEY differs from main's/);
	expect(problems.join('\n')).not.toContain('another-key'); // keys are never printed
});

it('reads the key from the instance’s .n8n/config when N8N_ENCRYPTION_KEY is not set', () => {
	const worker = instance('worker-1', '0.1.0', undefined);
	expect(preflightProblems([instance('main', '0.1.0', 'k1'), worker], PKG)).toEqual([
		expect.stringMatching(/^worker-1: no encryption key/),
	]);
	writeFileSync(join(worker.userFolder, '.n8n', 'config'), JSON.stringify({ encryptionKey: 'k1' }));
	expect(preflightProblems([instance('main', '0.1.0', 'k1'), worker], PKG)).toEqual([]);
});
