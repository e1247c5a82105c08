/**
 * Reading AliExpress answers: JSON that keeps long ids exact, the
 * `<method>_response` wrapper, the three error shapes, failures inside a
 * successful wrapper, and wrapped lists.
 */
import type { IDataObject } from 'n8n-workflow';

import { optionalText } from '../helpers/values';
import { AliExpressError, classifyError, scrubSecrets, type AliExpressErrorInfo } from './errors';

const BARE_LONG_NUMBER = /(?:^|[:,[])\s*-?(\d{16,})(?![\d.eE])/g;

/**
 * Parses a JSON answer. Integers too long for a double (order ids reach 16+
 * digits) become strings, so no id is ever silently rounded.
 */
export function parseJson(text: string): unknown {
	// A bare number follows ":", "," or "[" (or starts the text). When no such run of
	// 16+ digits is beyond 2^53 the rewrite below would change nothing: skip it (runs
	// inside strings, such as request ids, only make it take the long way).
	BARE_LONG_NUMBER.lastIndex = 0;
	let unsafe = false;
	for (let m = BARE_LONG_NUMBER.exec(text); m && !unsafe; m = BARE_LONG_NUMBER.exec(text)) {
		unsafe = !Number.isSafeInteger(Number(m[1]));
	}
	if (!unsafe) return JSON.parse(text);
	const safe = text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"|-?\d{16,}(?![\d.eE])/g, (m) =>
		m.charCodeAt(0) === 34 || Number.isSafeInteger(Number(m)) ? m : `"${m}"`,
	);
	return JSON.parse(safe);
}

/**
 * A list however AliExpress wraps it: `[...]`, `{order_dto: [...]}`, a bare
 * object for a list of one, or nothing at all. When the expected item name
 * (`key`) is absent but the wrapper has exactly one key holding a list or an
 * object, that key's value is the list (an item name the documentation spells
 * otherwise, e.g. `aeopfreighttemplatedtolist`): better than returning nothing.
 * The one home of list unwrapping: every list the node reads goes through here.
 */
export function toList<T = IDataObject>(value: unknown, key?: string): T[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value as T[];
	if (typeof value === 'object') {
		const obj = value as IDataObject;
		const keys = Object.keys(obj);
		if (keys.length === 0) return [];
		const only = keys.length === 1 ? obj[keys[0]] : undefined;
		const onlyIsList = only !== null && typeof only === 'object';
		let inner: unknown;
		if (key !== undefined && obj[key] !== undefined) inner = obj[key];
		else if (onlyIsList) inner = only;
		else if (key !== undefined) return [];
		else return [value as T];
		if (Array.isArray(inner)) return inner as T[];
		if (inner === null || inner === '') return [];
		return [inner as T]; // a list of one, bare
	}
	return [value as T];
}

function errorFrom(obj: IDataObject, httpCode?: number): AliExpressErrorInfo {
	const code = optionalText(obj.code) ?? optionalText(obj.error_code) ?? 'unknown';
	const subCode = optionalText(obj.sub_code);
	const type = optionalText(obj.type) ?? '';
	const kind = classifyError(code, subCode ?? '', type);
	const subMessage = optionalText(obj.sub_msg);
	return {
		kind,
		code,
		subCode,
		// shown to the user: a gateway may echo parameters back, so nothing secret-looking stays
		message: scrubSecrets(
			optionalText(obj.msg) ??
				optionalText(obj.message) ??
				optionalText(obj.error_message) ??
				'Unknown error',
		),
		subMessage: subMessage === undefined ? undefined : scrubSecrets(subMessage),
		requestId: optionalText(obj.request_id),
		httpCode,
		// A gateway-level refusal (quota, signature, key, session) means nothing ran.
		notExecuted: kind !== 'platform' && kind !== 'unknown' && kind !== 'business',
	};
}

/** Looks for an error in a parsed answer. */
export function findError(body: unknown, httpCode?: number): AliExpressErrorInfo | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const obj = body as IDataObject;
	if (obj.error_response && typeof obj.error_response === 'object') {
		return errorFrom(obj.error_response as IDataObject, httpCode);
	}
	// Flat IOP error: {type, code, message, request_id}; system calls answer code "0" when fine.
	if (
		obj.code !== undefined &&
		String(obj.code) !== '0' &&
		(obj.type !== undefined || obj.message !== undefined || obj.msg !== undefined)
	) {
		return errorFrom(obj, httpCode);
	}
	return undefined;
}

/** Failures reported inside a successful wrapper (`result.success: false`). */
export function findResultError(inner: IDataObject): AliExpressErrorInfo | undefined {
	const result = (inner.result ?? inner) as IDataObject;
	if (!result || typeof result !== 'object') return undefined;
	const flags = [result.success, result.is_success, result.result_success];
	if (!flags.some((f) => f === false || f === 'false')) return undefined;
	const code =
		optionalText(result.error_code) ??
		optionalText(result.result_error_code) ??
		optionalText(result.error_msg_code) ??
		'BUSINESS_ERROR';
	return {
		kind: classifyError(code),
		code,
		message:
			optionalText(result.error_message) ??
			optionalText(result.result_error_desc) ??
			optionalText(result.error_msg) ??
			'The operation was not successful',
		requestId: optionalText(inner.request_id),
		notExecuted: true,
	};
}

/**
 * The content of an answer: the `<method>_response` object for business
 * methods, the flat object for system calls. Throws AliExpressError for every
 * error shape.
 */
export function unwrapResponse(
	apiName: string,
	body: unknown,
	options: { checkResult?: boolean; httpCode?: number } = {},
): IDataObject {
	const error = findError(body, options.httpCode);
	if (error) throw new AliExpressError(error);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new AliExpressError({
			kind: 'connection',
			code: 'InvalidResponse',
			message: 'The gateway answered with something that is not an AliExpress response',
			httpCode: options.httpCode,
		});
	}
	const obj = body as IDataObject;
	let inner = obj;
	if (!apiName.startsWith('/')) {
		const wrapperKey = `${apiName.replace(/\./g, '_')}_response`;
		const wrapped =
			obj[wrapperKey] ?? (Object.keys(obj).length === 1 ? obj[Object.keys(obj)[0]] : undefined);
		if (!wrapped || typeof wrapped !== 'object') {
			throw new AliExpressError({
				kind: 'connection',
				code: 'InvalidResponse',
				message: `The answer has no "${wrapperKey}" object`,
				httpCode: options.httpCode,
			});
		}
		inner = wrapped as IDataObject;
	}
	if (options.checkResult !== false) {
		const resultError = findResultError(inner);
		if (resultError) throw new AliExpressError(resultError);
	}
	return inner;
}
