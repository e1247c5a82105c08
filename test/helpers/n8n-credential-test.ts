/**
 * The credential test as n8n runs it, inside n8n's own engine (n8n-core, no n8n install).
 *
 * n8n's tester (packages/cli/src/services/credentials-tester.service.ts, 2.41) takes the
 * credential type's declarative `test`, puts its `request` on a temporary node property's
 * `routing.request`, runs that node with n8n-core's `RoutingNode` (which sends it through
 * `httpRequestWithAuthentication`, i.e. the credential type's own `authenticate`, and a real
 * HTTP client), and then:
 *   - on a thrown error with an HTTP response: a `responseCode` rule whose value equals the
 *     status gives its message; any other non-2xx status fails with the status text;
 *   - on a thrown error without a response: its `cause.code` (e.g. ECONNREFUSED), else its message;
 *   - on success: the first `responseSuccessBody` rule with `get(body, key) === value` fails
 *     the test with its message; none matching is "Connection successful!".
 * The request, signing and HTTP here are n8n's and ours; only those last few lines of rule
 * evaluation are restated below (the CLI package is not a dev dependency). The end-to-end
 * suite (test/e2e/server.test.ts) runs the same cases through real n8n's REST API.
 *
 * The credential type is loaded from the built package (`package.json` → `n8n.credentials`)
 * with n8n-core's PackageDirectoryLoader, as n8n loads a community package.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { additionalDataFor, core, CredentialsHelper, loadPackage } from './engine';

/** The package's credential types, loaded by n8n-core from dist/ as n8n does. */
export async function credentialTypes(): Promise<Record<string, ICredentialType>> {
	return (await loadPackage()).credentialTypes;
}

function get(value: unknown, key: string): unknown {
	let at: unknown = value;
	for (const part of key.split('.')) {
		if (at === null || typeof at !== 'object') return undefined;
		at = (at as Record<string, unknown>)[part];
	}
	return at;
}

/** Runs credential type `typeName`'s declarative test with `data`, as n8n's tester does. */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const types = await credentialTypes();
	const testRequest = types[typeName]?.test;
	if (!testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor(new CredentialsHelper(types));
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new core.ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new core.RoutingNode(context, nodeType, {
		id: 'test',
		name: 'test',
		type: typeName,
		data,
	});

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const e = error as {
			message: string;
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (e.cause?.response) {
			const status = e.cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: e.cause.response.statusText || `Received HTTP status code: ${status}`,
				};
			}
		} else if (e.cause?.code) {
			return { status: 'Error', message: e.cause.code };
		}
		return { status: 'Error', message: String(e.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(response![0][0].json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
