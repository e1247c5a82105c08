/**
 * What every instance of a queue-mode setup needs before it starts: the community package
 * in its own `<N8N_USER_FOLDER>/.n8n/nodes`, in the version of the others, and the same
 * encryption key. Without the package a worker fails each execution that reaches it with
 * n8n's "Unrecognized node type: n8n-nodes-aliexpress.aliExpress"; with another key, with
 * 'Credentials could not be decrypted. The likely reason is that a different
 * "encryptionKey" was used to encrypt the data.' This check names the instance and what is
 * missing before anything starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstancePlan {
	/** e.g. main, worker-1 */
	name: string;
	userFolder: string;
	/** The environment it will start with (only N8N_ENCRYPTION_KEY is read). */
	env: Record<string, string | undefined>;
}

function readJson(file: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** The key n8n will use: N8N_ENCRYPTION_KEY, else the one in `<userFolder>/.n8n/config`. */
export function encryptionKeyOf(plan: InstancePlan): string | undefined {
	if (plan.env.N8N_ENCRYPTION_KEY) return plan.env.N8N_ENCRYPTION_KEY;
	const key = readJson(join(plan.userFolder, '.n8n', 'config'))?.encryptionKey;
	return typeof key === 'string' && key ? key : undefined;
}

/** The version of `pkg` installed in the instance's nodes folder, or undefined. */
export function installedVersion(plan: InstancePlan, pkg: string): string | undefined {
	const file = join(plan.userFolder, '.n8n', 'nodes', 'node_modules', pkg, 'package.json');
	const version = existsSync(file) ? readJson(file)?.version : undefined;
	return typeof version === 'string' ? version : undefined;
}

/** One line per problem, naming the instance and the fix; empty when all is well. */
export function preflightProblems(
	plans: InstancePlan[],
	pkg: { name: string; version: string },
): string[] {
	const problems: string[] = [];
	const reference = plans[0];
	const referenceKey = reference ? encryptionKeyOf(reference) : undefined;
	for (const plan of plans) {
		const nodes = join(plan.userFolder, '.n8n', 'nodes');
		const version = installedVersion(plan, pkg.name);
		if (version === undefined)
			problems.push(
				`${plan.name}: ${pkg.name} is not installed in ${nodes} (run \`npm install <the package tarball>\` there); its executions would fail with "Unrecognized node type: ${pkg.name}.aliExpress"`,
			);
		else if (version !== pkg.version)
			problems.push(
				`${plan.name}: ${pkg.name} ${version} is installed in ${nodes}, the others need ${pkg.version}`,
			);
		const key = encryptionKeyOf(plan);
		if (!key)
			problems.push(
				`${plan.name}: no encryption key (set N8N_ENCRYPTION_KEY to the key of ${reference.name})`,
			);
		else if (plan !== reference && key !== referenceKey)
			problems.push(
				`${plan.name}: N8N_ENCRYPTION_KEY differs from ${reference.name}'s; its executions would fail with "Credentials could not be decrypted"`,
			);
	}
	return problems;
}
