/**
 * A minimal signed client for the sandbox, for its own tests and for quick scripts.
 * (The node has its own client; this one exists so the sandbox can be tested on its own.)
 */

import { computeSign } from './sign';
import { BEIJING, formatInZone } from './time';

export interface Target {
	url: string;
	appKey: string;
	appSecret: string;
	accessToken: string;
}

export interface CallOptions {
	/** Override or drop (null) system parameters, e.g. { session: null, app_key: 'nope' }. */
	system?: Record<string, string | null>;
	/** Sign with this secret instead of the app's. */
	secret?: string;
	/** Replace the computed signature. */
	sign?: string;
	/** Give up after this many ms (default 5000). */
	timeoutMs?: number;
}

export interface CallResult {
	status: number;
	text: string;
	/** Parsed body, or undefined when it is not JSON. */
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function withOverrides(
	params: Record<string, string>,
	overrides: Record<string, string | null> = {},
) {
	const out = { ...params };
	for (const [k, v] of Object.entries(overrides)) {
		if (v === null) delete out[k];
		else out[k] = v;
	}
	return out;
}

async function post(
	url: string,
	params: Record<string, string>,
	timeoutMs = 5000,
): Promise<CallResult> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
		body: new URLSearchParams(params).toString(),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json };
}

/** Business call on IOP: POST <url>/sync, HMAC-SHA256. */
export function callIop(
	t: Target,
	method: string,
	business: Record<string, string> = {},
	o: CallOptions = {},
) {
	const params = withOverrides(
		{
			...business,
			method,
			app_key: t.appKey,
			session: t.accessToken,
			timestamp: String(Date.now()),
			sign_method: 'sha256',
			format: 'json',
		},
		o.system,
	);
	params.sign = o.sign ?? computeSign(params, o.secret ?? t.appSecret, 'sha256');
	return post(`${t.url}/sync`, params, o.timeoutMs);
}

/** System call on IOP: POST <url>/rest<apiPath>, path prepended to the signed string. */
export function callIopSystem(
	t: Target,
	apiPath: string,
	business: Record<string, string>,
	o: CallOptions = {},
) {
	const params = withOverrides(
		{ ...business, app_key: t.appKey, timestamp: String(Date.now()), sign_method: 'sha256' },
		o.system,
	);
	params.sign = o.sign ?? computeSign(params, o.secret ?? t.appSecret, 'sha256', apiPath);
	return post(`${t.url}/rest${apiPath}`, params, o.timeoutMs);
}

/** Call on TOP: POST <url>/router/rest, md5 or hmac, GMT+8 timestamp. */
export function callTop(
	t: Target,
	method: string,
	business: Record<string, string> = {},
	o: CallOptions & { signMethod?: 'md5' | 'hmac' } = {},
) {
	const signMethod = o.signMethod ?? 'md5';
	const params = withOverrides(
		{
			...business,
			method,
			app_key: t.appKey,
			session: t.accessToken,
			timestamp: formatInZone(Date.now(), BEIJING),
			sign_method: signMethod,
			format: 'json',
			v: '2.0',
		},
		o.system,
	);
	params.sign = o.sign ?? computeSign(params, o.secret ?? t.appSecret, signMethod);
	return post(`${t.url}/router/rest`, params, o.timeoutMs);
}
