import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	iopTimestamp,
	signParams,
	topTimestamp,
	toWireParams,
	type Protocol,
	type SignMethod,
} from './AliExpressSigning';
import { credentialTestRequest } from './AliExpressCredentialTest';
import { isMultipartBody, multipartTextFields, multipartToSend } from './AliExpressMultipart';

export const IOP_DEFAULT_GATEWAY = 'https://api-sg.aliexpress.com';
export const TOP_DEFAULT_GATEWAY = 'https://api.taobao.com/router/rest';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Where a request goes. Nodes send relative URLs: `/sync` for business methods
 * (the method name is a parameter) and `/rest/<path>` for IOP system APIs such
 * as `/rest/auth/token/create`. The gateway itself is this credential's business.
 */
export function resolveGatewayUrl(
	protocol: Protocol,
	gatewayUrl: string | undefined,
	relativeUrl: string,
): string {
	const custom = (gatewayUrl ?? '').trim().replace(/\/+$/, '');
	if (protocol === 'top') {
		if (relativeUrl.startsWith('/rest/')) {
			throw new Error(
				'The legacy TOP gateway has no system (OAuth) API here; switch the credential to AliExpress Open Platform (IOP) to create or refresh tokens',
			);
		}
		// TOP posts everything to one router URL, used as it is.
		return custom || TOP_DEFAULT_GATEWAY;
	}
	return (custom || IOP_DEFAULT_GATEWAY) + relativeUrl;
}

/** Plain http is only allowed for a sandbox on this machine. */
export function assertSafeGateway(url: string): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`The AliExpress gateway URL "${url}" is not a valid URL`);
	}
	if (parsed.protocol === 'https:') return;
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
	if (parsed.protocol === 'http:' && loopback) return;
	throw new Error(
		`The AliExpress gateway URL "${parsed.origin}" is refused: requests carry your access token and signature, so they must use https. Plain http is allowed only for a sandbox on a loopback address (127.x.x.x, localhost or [::1]).`,
	);
}

/** The IOP system API path (`/auth/token/create`) of a URL, if it is one. */
function systemApiPath(protocol: Protocol, url: string): string | undefined {
	if (protocol !== 'iop') return undefined;
	const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
	const at = path.indexOf('/rest/');
	return at === -1 ? undefined : path.slice(at + '/rest'.length);
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() === name) return String(headers[key]);
	}
	return undefined;
}

function isPlainObject(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.getPrototypeOf(value) === Object.prototype
	);
}

/**
 * Signs a request in place. The parameters may sit in the query string, in a
 * form body (an object, a string or URLSearchParams) or, for requests made by
 * n8n's HTTP Request node, in the legacy `form` field. System parameters go
 * where the business parameters are, and the signature covers all of them. A
 * multipart body (FormData, for file uploads) keeps its text and file parts; the
 * system parameters and the sign then go in the query, and the sign covers the
 * text parts but no file (AliExpressMultipart.ts).
 */
export async function signRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	nowMs: number = Date.now(),
): Promise<IHttpRequestOptions> {
	const protocol: Protocol = credentials.protocol === 'top' ? 'top' : 'iop';
	const signMethod: SignMethod =
		protocol === 'iop' ? 'sha256' : credentials.signMethod === 'hmac' ? 'hmac' : 'md5';
	const appKey = String(credentials.appKey ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '');
	const session = String(credentials.accessToken ?? '').trim();
	if (!appKey || !appSecret) {
		throw new Error('The AliExpress credential needs an App Key and an App Secret');
	}

	// Legacy request options (HTTP Request node) use `uri` and `form`.
	const options = requestOptions as IHttpRequestOptions & { uri?: string; form?: unknown };
	const urlKey: 'url' | 'uri' = options.uri !== undefined && !options.url ? 'uri' : 'url';
	let url = String(options[urlKey] ?? '');
	if (!/^[a-z]+:\/\//i.test(url)) {
		const base = options.baseURL ? String(options.baseURL).replace(/\/+$/, '') : '';
		url =
			base && !base.startsWith('/')
				? base + url
				: resolveGatewayUrl(protocol, credentials.gatewayUrl as string, url);
		delete options.baseURL;
	}
	assertSafeGateway(url);
	options[urlKey] = url;
	const apiPath = systemApiPath(protocol, url);

	const system: Record<string, string> = {
		app_key: appKey,
		timestamp: protocol === 'iop' ? iopTimestamp(nowMs) : topTimestamp(nowMs),
		sign_method: signMethod,
	};
	if (session && !apiPath) system.session = session;
	if (!apiPath) system.format = 'json';
	if (protocol === 'top') system.v = '2.0';

	const qs = toWireParams({ ...(options.qs ?? {}) });
	const contentType = headerValue(options.headers, 'content-type') ?? '';

	// Where the business parameters live decides where the system ones go.
	let where: 'qs' | 'form' | 'body' | 'multipart';
	let bodyParams: Record<string, string> = {};
	if (isMultipartBody(options.body)) {
		where = 'multipart';
		bodyParams = multipartTextFields(options.body);
	} else if (isPlainObject(options.form)) {
		where = 'form';
		bodyParams = toWireParams(options.form);
	} else if (options.body instanceof URLSearchParams) {
		where = 'body';
		bodyParams = toWireParams(Object.fromEntries(options.body.entries()));
	} else if (typeof options.body === 'string' && contentType.includes(FORM_TYPE)) {
		where = 'body';
		bodyParams = toWireParams(Object.fromEntries(new URLSearchParams(options.body).entries()));
	} else if (isPlainObject(options.body) && (contentType.includes(FORM_TYPE) || !contentType)) {
		where = 'body';
		bodyParams = toWireParams(options.body);
	} else {
		where = 'qs';
	}

	// Business calls ask for the wrapped answer (`<method>_response`, wrapped lists) in so many
	// words: the SDKs disagree on the default (the IOP Java SDK's is true). A caller's own value stays.
	if (!apiPath && qs.simplify === undefined && bodyParams.simplify === undefined) {
		system.simplify = 'false';
	}
	const inQuery = where === 'qs' || where === 'multipart';
	if (inQuery) Object.assign(qs, system);
	else Object.assign(bodyParams, system);
	delete qs.sign;
	delete bodyParams.sign;
	if (where === 'multipart') for (const key of Object.keys(system)) delete bodyParams[key];
	const sign = signParams({ ...qs, ...bodyParams }, appSecret, signMethod, apiPath);
	if (inQuery) qs.sign = sign;
	else bodyParams.sign = sign;

	options.qs = qs;
	if (isMultipartBody(options.body)) {
		// sent as it was signed; the runtime writes the multipart content type and boundary
		options.body = multipartToSend(options.body, new Set(['sign', ...Object.keys(system)]));
		options.headers = { ...(options.headers ?? {}) };
		for (const key of Object.keys(options.headers)) {
			if (key.toLowerCase() === 'content-type') delete options.headers[key];
		}
	} else if (where === 'form') {
		options.form = bodyParams;
	} else if (where === 'body') {
		// Encoded here, so that what is sent is exactly what was signed.
		options.body = new URLSearchParams(bodyParams).toString();
		options.headers = { ...(options.headers ?? {}) };
		for (const key of Object.keys(options.headers)) {
			if (key.toLowerCase() === 'content-type') delete options.headers[key];
		}
		options.headers['content-type'] = `${FORM_TYPE};charset=utf-8`;
	}
	return options;
}

export class AliExpressApi implements ICredentialType {
	name = 'aliExpressApi';

	displayName = 'AliExpress API';

	icon: Icon = {
		light: 'file:../nodes/AliExpress/aliexpress.svg',
		dark: 'file:../nodes/AliExpress/aliexpress.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-aliexpress/n8n-nodes-aliexpress#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Gateway Protocol',
			name: 'protocol',
			type: 'options',
			options: [
				{
					name: 'AliExpress Open Platform',
					value: 'iop',
					description: 'The current gateway (api-sg.aliexpress.com), signed with HMAC-SHA256',
				},
				{
					name: 'Legacy TOP',
					value: 'top',
					description: 'The older Taobao Open Platform router, for apps that still use it',
				},
			],
			default: 'iop',
		},
		{
			displayName: 'Sign Method',
			name: 'signMethod',
			type: 'options',
			options: [
				{ name: 'MD5', value: 'md5' },
				{ name: 'HMAC-MD5', value: 'hmac' },
			],
			default: 'md5',
			description: 'How the legacy TOP gateway expects requests to be signed',
			displayOptions: { show: { protocol: ['top'] } },
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The App Key of your app in the AliExpress Open Platform console (App Management)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The App Secret shown next to the App Key. It never leaves n8n: it only signs requests.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The seller access token (sent as "session") from authorizing your app for your store. Leave empty only for calls that need no seller, such as creating a token.',
		},
		{
			displayName: 'Gateway URL',
			name: 'gatewayUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api-sg.aliexpress.com',
			description:
				'Leave empty for the official gateway. Set it for a sandbox (for example http://127.0.0.1:8787) or a regional gateway. For the legacy TOP protocol, give the full router URL.',
		},
	];

	authenticate = signRequest;

	/**
	 * A shop-profile read through `authenticate`; its rules turn AliExpress's HTTP-200
	 * error answers into messages that name the field to fix (AliExpressCredentialTest.ts).
	 */
	test: ICredentialTestRequest = credentialTestRequest;
}
