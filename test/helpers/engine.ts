/**
 * n8n's own engine inside jest (n8n-core, no n8n install): the built package is
 * loaded from package.json's `n8n` block by n8n-core's PackageDirectoryLoader,
 * as n8n loads a community package, and
 * - `runNode` runs a workflow with `WorkflowExecute`: the AliExpress node gets
 *   the input items, its parameters are resolved by n8n (defaults,
 *   `displayOptions`, real `={{ … }}` expressions), Continue On Fail, pairing,
 *   error wrapping and the HTTP stack (`httpRequestWithAuthentication`: the
 *   credential type's own `authenticate`, then axios over real HTTP) are n8n's;
 * - `pollTrigger` runs the trigger's `poll` in a `PollContext` of one workflow
 *   kept between polls, so its static data lives where n8n keeps it;
 * - `listSearch` runs a list search in a `LoadOptionsContext`.
 * The credentials helper is the only piece written here: it hands out the
 * credential data of the run and calls the credential type's `authenticate`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

export { sandboxCredentials } from './sandbox-credentials';

const ROOT = path.resolve(__dirname, '../..');

// n8n-core writes <N8N_USER_FOLDER>/.n8n/config on first use: never into the developer's home.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-n8n-core-'));
}

// n8n's logger prints to the console by default; tests read it through captureLogs() instead.
process.env.N8N_LOG_LEVEL ??= 'silent';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const core = require('n8n-core') as typeof import('n8n-core');
// n8n-core's own copies (it may bring versions of its own): the logger a node's `this.logger` is.
const fromCore = (name: string): unknown =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

/**
 * Everything written to n8n's logger (the one `this.logger` is in a node) from
 * now until `stop()`: the level, the message and its metadata as JSON.
 */
export function captureLogs(): { lines: string[]; stop: () => void } {
	const logger = Container.get(Logger) as unknown as Record<string, (...args: unknown[]) => void>;
	const lines: string[] = [];
	const originals: Array<[string, (...args: unknown[]) => void]> = [];
	for (const level of ['error', 'warn', 'info', 'debug']) {
		const original = logger[level];
		originals.push([level, original]);
		logger[level] = function (this: unknown, message: unknown, meta?: unknown) {
			lines.push(
				`${level} ${String(message)}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`,
			);
			return original.call(this, message, meta);
		};
	}
	return {
		lines,
		stop: () => {
			for (const [level, original] of originals) logger[level] = original;
		},
	};
}

export const NODE_TYPE = 'n8n-nodes-aliexpress.aliExpress';
export const TRIGGER_TYPE = 'n8n-nodes-aliexpress.aliExpressTrigger';
export const CREDENTIAL_TYPE = 'aliExpressApi';

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	/** A node type by its full name (`n8n-nodes-aliexpress.aliExpress`). */
	nodeType(name: string): INodeType;
}

let loaded: Promise<LoadedPackage> | undefined;

/**
 * The AI-tool variant n8n derives from a node with `usableAsTool` (packages/cli
 * node-types.ts getByNameAndVersion → convertNodeToAiTool): the same node whose type name
 * and description name end in "Tool". Only what the node itself can see is reproduced here
 * (the name, which `@tool` display options and `this.getNode().type` read), not the tool's
 * AI wiring.
 */
function asTool(base: INodeType | undefined, name: string): INodeType | undefined {
	if (!name.endsWith('Tool') || !base?.description.usableAsTool) return undefined;
	const description = { ...base.description, name: `${base.description.name}Tool` };
	return Object.create(base, { description: { value: description } }) as INodeType;
}

/** The package as n8n loads it: from dist/, through package.json's `n8n` block. */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		if (!fs.existsSync(path.join(ROOT, 'dist')))
			throw new Error('dist/ is missing: run `npm run build` first');
		const loader = new core.PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		const prefix = `${loader.packageName}.`;
		const byName: Record<string, INodeType> = {};
		for (const [name, data] of Object.entries(loader.nodeTypes)) {
			byName[`${prefix}${name}`] = data.type as INodeType;
		}
		const nodeType = (name: string): INodeType => {
			const type = byName[name] ?? asTool(byName[name.replace(/Tool$/, '')], name);
			if (!type) throw new Error(`Unrecognized node type: ${name}`);
			return type;
		};
		const nodeTypes: INodeTypes = {
			getByName: (name) => nodeType(name),
			getByNameAndVersion: (name, version) =>
				NodeHelpers.getVersionedNodeType(nodeType(name), version),
			getKnownTypes: () => ({}),
		};
		const credentialTypes = Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, data]) => [name, data.type]),
		);
		return { nodeTypes, credentialTypes, nodeType };
	})();
	return loaded;
}

/** Credential data for each credential type, and the credential type's own `authenticate`. */
export class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
	}
	getParentTypes(name: string): string[] {
		return this.types[name]?.extends ?? [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		if (typeof type?.authenticate !== 'function')
			throw new Error(`${typeName} has no authenticate function`);
		return await type.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by this package');
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No credentials of type "${type}" in this test`);
		return structuredClone(data);
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}

/** The additional data n8n-core's contexts need: the credentials helper, hooks, base URLs. */
export function additionalDataFor(
	helper: ICredentialsHelper,
	hooks?: InstanceType<typeof core.ExecutionLifecycleHooks>,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: helper,
		hooks,
		executionId: `test-${Math.random().toString(36).slice(2, 10)}`,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		setExecutionStatus: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NodeRunOptions {
	/** The node's parameters as a user sets them (n8n adds the defaults). */
	parameters: INodeParameters;
	/** Input items (json), one run of the node over all of them. Default: one empty item. */
	items?: IDataObject[] | INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	/** The node setting "On Error: Continue" (n8n's Continue On Fail). */
	continueOnFail?: boolean;
	/** The node's type; default the AliExpress node (`…aliExpressTool` runs its AI-tool variant). */
	nodeType?: string;
	/** The workflow's time zone setting. */
	timezone?: string;
	nodeName?: string;
	/** Static data of the workflow (kept in the Workflow object n8n builds). */
	staticData?: IDataObject;
}

export interface NodeRun {
	/** The node's output items (main output 0), when it ran. */
	items: INodeExecutionData[];
	/** The error n8n recorded for the node, when it failed. */
	error?: Error & { description?: string | null; context?: IDataObject; itemIndex?: number };
	/** The whole run as n8n returns it. */
	run: IRun;
}

function toItems(items: NodeRunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((it) =>
		it && typeof it === 'object' && 'json' in it && typeof it.json === 'object'
			? (it as INodeExecutionData)
			: { json: it as IDataObject },
	);
}

/** A node of this package as a workflow holds it. */
export function workflowNode(
	type: string,
	parameters: INodeParameters,
	options: { name?: string; continueOnFail?: boolean } = {},
): INode {
	return {
		id: `node-${type.split('.').pop()}`,
		name: options.name ?? (type === TRIGGER_TYPE ? 'AliExpress Trigger' : 'AliExpress'),
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'AliExpress account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

/**
 * Runs the AliExpress node in a workflow with n8n's WorkflowExecute, the input
 * items handed to it as a previous node would. Never throws for a node error:
 * the error n8n recorded comes back in `error`.
 */
export async function runNode(options: NodeRunOptions): Promise<NodeRun> {
	const pkg = await loadPackage();
	const node = workflowNode(options.nodeType ?? NODE_TYPE, options.parameters, {
		name: options.nodeName,
		continueOnFail: options.continueOnFail,
	});
	const workflowData = {
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		settings: { executionOrder: 'v1' as const, timezone: options.timezone ?? 'UTC' },
		staticData: options.staticData,
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes: pkg.nodeTypes });
	const hooks = new core.ExecutionLifecycleHooks('manual', workflowData.id, workflowData as never);
	const helper = new CredentialsHelper(pkg.credentialTypes, {
		[CREDENTIAL_TYPE]: options.credentials,
	});
	const additionalData = additionalDataFor(helper, hooks);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(node.name)!,
					data: { main: [toItems(options.items)] },
					source: null,
				},
			],
		},
	});
	const execution = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	let run: IRun;
	try {
		run = await execution.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose node has issues (a required parameter left
		// empty, a "By ID" value that fails its check): that refusal is what the user sees.
		return { items: [], error: error as NodeRun['error'], run: { data: runExecutionData } as IRun };
	}
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as NodeRun['error'];
	return { items, error, run };
}

/** A polling trigger kept between polls, as n8n keeps an active workflow in memory. */
export class TriggerUnderTest {
	readonly workflow: Workflow;
	readonly node: INode;
	private constructor(
		private readonly pkg: LoadedPackage,
		private readonly helper: CredentialsHelper,
		parameters: INodeParameters,
		staticData: IDataObject | undefined,
		timezone: string,
	) {
		this.node = workflowNode(TRIGGER_TYPE, parameters);
		this.workflow = new Workflow({
			id: 'wf-trigger',
			name: 'trigger',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: pkg.nodeTypes,
			settings: { executionOrder: 'v1', timezone },
			staticData,
		});
	}

	static async create(options: {
		parameters: INodeParameters;
		credentials: ICredentialDataDecryptedObject;
		/** Static data as n8n saved it (a restart loads it from the database). */
		staticData?: IDataObject;
		timezone?: string;
	}): Promise<TriggerUnderTest> {
		const pkg = await loadPackage();
		const helper = new CredentialsHelper(pkg.credentialTypes, {
			[CREDENTIAL_TYPE]: options.credentials,
		});
		return new TriggerUnderTest(
			pkg,
			helper,
			options.parameters,
			options.staticData,
			options.timezone ?? 'UTC',
		);
	}

	/** One poll in a PollContext: mode 'trigger' and activation 'init' for the first after activation, else 'manual'/'trigger'. */
	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		activation: 'init' | 'update' | 'manual' | 'activate' | 'leadershipChange' = 'activate',
	): Promise<INodeExecutionData[][] | null> {
		const node = this.workflow.getNode(this.node.name)!;
		const ctx = new core.PollContext(
			this.workflow,
			node,
			additionalDataFor(this.helper),
			mode,
			activation,
		);
		const type = this.pkg.nodeType(TRIGGER_TYPE);
		return await type.poll!.call(ctx);
	}

	/** The node's static data as n8n would save it with the workflow. */
	staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.workflow.getNode(this.node.name)!);
	}
}

/** A list search of the AliExpress node (a resource locator's "From List"), in a LoadOptionsContext. */
export async function listSearch(options: {
	method: string;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	filter?: string;
	paginationToken?: string;
	/** The parameter path the list belongs to, e.g. "parameters.categoryId". */
	path?: string;
}): Promise<INodeListSearchResult> {
	const pkg = await loadPackage();
	const node = workflowNode(NODE_TYPE, options.parameters);
	const workflow = new Workflow({
		id: 'wf-list',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const helper = new CredentialsHelper(pkg.credentialTypes, {
		[CREDENTIAL_TYPE]: options.credentials,
	});
	const additionalData = additionalDataFor(helper);
	(additionalData as { currentNodeParameters?: INodeParameters }).currentNodeParameters =
		workflow.getNode(node.name)!.parameters;
	const ctx = new core.LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		options.path ?? 'parameters',
	);
	const type = pkg.nodeType(NODE_TYPE);
	const search = type.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`No list search "${options.method}"`);
	return await search.call(ctx, options.filter, options.paginationToken);
}

/**
 * The parameters of the AliExpress node in a workflow file (an n8n export:
 * `{nodes, connections}`), as a user saved them: a test's fixture.
 */
export function workflowParameters(file: string, nodeName = 'AliExpress'): INodeParameters {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: INode[] };
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`${file} has no node named "${nodeName}"`);
	return structuredClone(node.parameters);
}

/**
 * n8n-core's own ExecuteContext for the AliExpress node in a workflow, with
 * `credentials` as its credential: what a node's `execute` gets as `this`. For
 * tests of the transport and of requests as other n8n nodes make them (the HTTP
 * Request node calls `this.helpers.httpRequestWithAuthentication` the same way).
 */
export async function executeContext(
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters = { resource: 'product', operation: 'getMany' },
): Promise<InstanceType<typeof core.ExecuteContext>> {
	const pkg = await loadPackage();
	const node = workflowNode(NODE_TYPE, parameters);
	const workflow = new Workflow({
		id: 'wf-context',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
	});
	const helper = new CredentialsHelper(pkg.credentialTypes, { [CREDENTIAL_TYPE]: credentials });
	const additionalData = additionalDataFor(helper);
	const wfNode = workflow.getNode(node.name)!;
	const inputData = { main: [[{ json: {} }]] };
	return new core.ExecuteContext(
		workflow,
		wfNode,
		additionalData,
		'manual',
		createRunExecutionData({}),
		0,
		inputData.main[0],
		inputData,
		{ node: wfNode, data: inputData, source: null },
		[],
	);
}
