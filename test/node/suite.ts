/**
 * The setup the suites under test/node share: one sandbox gateway per file, and
 * the operation under test run in n8n's engine from the workflow fixture beside
 * the file, with the sandbox's credential.
 */
import * as path from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	runNode,
	sandboxCredentials,
	workflowParameters,
	type NodeRun,
	type NodeRunOptions,
} from '../helpers/engine';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';

/**
 * Starts a sandbox before the file's tests and closes it after them; each test
 * starts with no calls recorded and no faults. The sandbox returned stands for
 * the one started (use it inside tests and hooks, not at the top of the file).
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
	let started: Sandbox | undefined;
	const current = (): Sandbox => {
		if (!started) throw new Error('the sandbox is not started (use it inside a test)');
		return started;
	};
	beforeAll(async () => {
		started = await startSandbox(options);
	});
	afterAll(async () => await started?.close());
	beforeEach(() => {
		current().resetCalls();
		current().setOptions({ faults: undefined });
	});
	return new Proxy({} as Sandbox, {
		get: (_, key) => Reflect.get(current(), key),
		set: (_, key, value) => Reflect.set(current(), key, value),
	});
}

export type RunOptions = Pick<NodeRunOptions, 'items' | 'continueOnFail' | 'timezone' | 'nodeType'>;

/** The error n8n recorded for the node (a plain object: n8n spreads the thrown error). */
export type NodeError = NonNullable<NodeRun['error']> & { errorResponse?: unknown };

/** The AliExpress node's parameters in `file` (beside the test, in `dir`), run against `sandbox`. */
export function operation(dir: string, file: string, sandbox: Sandbox) {
	const saved = workflowParameters(path.join(dir, file));

	/** The node's run with these parameters as they are (build them with `parameters`). */
	const run = (parameters: INodeParameters, options: RunOptions = {}): Promise<NodeRun> =>
		runNode({ parameters, credentials: sandboxCredentials(sandbox), ...options });

	return {
		/** The fixture's parameters (a fresh copy), with what a test changes. */
		parameters: (overrides: INodeParameters = {}): INodeParameters => ({
			...structuredClone(saved),
			...overrides,
		}),
		run,
		/** The node's output items; a node error fails the test with n8n's message. */
		async output(parameters: INodeParameters, options?: RunOptions): Promise<INodeExecutionData[]> {
			const { items, error } = await run(parameters, options);
			if (error) throw new Error(`the node failed: ${error.message}`);
			return items;
		},
		/** The error n8n recorded for the node; the test fails when the node did not fail. */
		async failure(parameters: INodeParameters, options?: RunOptions): Promise<NodeError> {
			const { error } = await run(parameters, options);
			if (!error) throw new Error('expected the operation to fail');
			return error;
		},
	};
}
