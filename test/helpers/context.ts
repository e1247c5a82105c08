/**
 * A stand-in for n8n's execution context that does real HTTP: the node's
 * requests are signed by the credential's own `authenticate` and sent over
 * 127.0.0.1 with undici, the way n8n's `httpRequestWithAuthentication` does
 * (credential first, then the HTTP stack). Parameters may be functions of the
 * item, standing in for expressions such as `{{ $json.sku }}`.
 *
 * Errors thrown for failed connections carry the request like axios errors do
 * (`config.data`), so tests prove the node never passes them on.
 */
import { request as undiciRequest } from 'undici';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { signRequest } from '../../credentials/AliExpressApi.credentials';

export type ParamValue = unknown | ((item: INodeExecutionData, itemIndex: number) => unknown);

export interface ContextOptions {
	credentials: ICredentialDataDecryptedObject;
	parameters: Record<string, ParamValue>;
	items?: IDataObject[] | INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	nodeName?: string;
	mode?: 'manual' | 'trigger';
	staticData?: IDataObject;
	/** Runs before each request is sent: tests change the sandbox while the node pages. */
	onRequest?: () => void;
}

export interface SentRequest {
	url: string;
	body: string;
	status?: number;
}

export interface TestContext {
	ctx: IExecuteFunctions;
	sent: SentRequest[];
	logs: string[];
	staticData: IDataObject;
}

/** Matches a real n8n expression's laziness: a function parameter is evaluated per item. */
function resolve(value: ParamValue, item: INodeExecutionData, index: number): unknown {
	return typeof value === 'function'
		? (value as (i: INodeExecutionData, n: number) => unknown)(item, index)
		: value;
}

function toItems(items: ContextOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((it) =>
		it &&
		typeof it === 'object' &&
		'json' in it &&
		typeof (it as INodeExecutionData).json === 'object'
			? (it as INodeExecutionData)
			: { json: it as IDataObject },
	);
}

/** Axios-like error codes for undici's, as n8n's HTTP stack would report them. */
function axiosLikeError(error: Error & { code?: string }, body: string, timeout: number): Error {
	const code = error.code ?? '';
	const mapped =
		code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
			? 'ECONNABORTED'
			: code === 'UND_ERR_SOCKET' || code === 'ECONNRESET'
				? 'ECONNRESET'
				: code || 'ECONNRESET';
	const message = mapped === 'ECONNABORTED' ? `timeout of ${timeout}ms exceeded` : 'socket hang up';
	const out = new Error(message) as Error & { code: string; config: unknown };
	out.code = mapped;
	// What axios attaches: the request, with its signed body. The node must not pass this on.
	out.config = { data: body, method: 'post' };
	return out;
}

export async function httpWithAuthentication(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	sent: SentRequest[],
	onRequest?: () => void,
): Promise<unknown> {
	onRequest?.();
	const signed = await signRequest(
		credentials,
		JSON.parse(JSON.stringify(options)) as IHttpRequestOptions,
	);
	const url = new URL(signed.url);
	for (const [k, v] of Object.entries(signed.qs ?? {})) url.searchParams.set(k, String(v));
	const body = typeof signed.body === 'string' ? signed.body : '';
	const timeout = signed.timeout ?? 30000;
	const record: SentRequest = { url: url.toString(), body };
	sent.push(record);
	let response;
	try {
		response = await undiciRequest(url, {
			method: (signed.method ?? 'GET') as 'POST',
			headers: signed.headers as Record<string, string>,
			body: body || undefined,
			headersTimeout: timeout,
			bodyTimeout: timeout,
		});
	} catch (error) {
		throw axiosLikeError(error as Error & { code?: string }, body, timeout);
	}
	let text: string;
	try {
		text = await response.body.text();
	} catch (error) {
		throw axiosLikeError(error as Error & { code?: string }, body, timeout);
	}
	record.status = response.statusCode;
	if (response.statusCode >= 400 && !signed.ignoreHttpStatusErrors) {
		const err = new Error(`Request failed with status code ${response.statusCode}`) as Error & {
			config: unknown;
		};
		err.config = { data: body };
		throw err;
	}
	let parsed: unknown = text;
	if (signed.json || (!signed.encoding && text.startsWith('{'))) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
	}
	return signed.returnFullResponse
		? { body: parsed, statusCode: response.statusCode, headers: response.headers }
		: parsed;
}

/** The credential of a sandbox gateway, as a user would fill it in (IOP). */
export function sandboxCredentials(
	sandbox: { appKey: string; appSecret: string; accessToken: string; url: string },
	extra: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return {
		protocol: 'iop',
		appKey: sandbox.appKey,
		appSecret: sandbox.appSecret,
		accessToken: sandbox.accessToken,
		gatewayUrl: sandbox.url,
		...extra,
	};
}

export function createContext(options: ContextOptions): TestContext {
	const items = toItems(options.items);
	const sent: SentRequest[] = [];
	const logs: string[] = [];
	const staticData = options.staticData ?? {};
	const node: INode = {
		id: 'node-1',
		name: options.nodeName ?? 'AliExpress',
		type: 'n8n-nodes-aliexpress.aliExpress',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const log = (level: string) => (message: string, meta?: unknown) =>
		logs.push(`${level} ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`);
	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => options.credentials,
		getNodeParameter: (...args: [string, number?, unknown?]) => {
			const [name, itemIndex = 0, fallback] = args;
			if (!(name in options.parameters)) {
				if (args.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return resolve(options.parameters[name], items[itemIndex] ?? { json: {} }, itemIndex);
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) =>
				await httpWithAuthentication(options.credentials, request, sent, options.onRequest),
			request: async (request: { uri: string; body: string; headers: IDataObject }) => {
				const response = await undiciRequest(request.uri, {
					method: 'POST',
					headers: request.headers as Record<string, string>,
					body: request.body,
				});
				sent.push({ url: request.uri, body: request.body, status: response.statusCode });
				return await response.body.text();
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, sent, logs, staticData };
}

/** The same for a polling trigger: `getNodeParameter(name, fallback)` has no item index there. */
export function createPollContext(options: ContextOptions): TestContext {
	const base = createContext(options);
	const ctx = Object.assign(Object.create(null), base.ctx, {
		getNodeParameter: (...args: [string, unknown?]) => {
			const [name, fallback] = args;
			if (!(name in options.parameters)) {
				if (args.length >= 2) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return options.parameters[name];
		},
	});
	return { ...base, ctx };
}
