/**
 * AliExpress errors: one model for the three error shapes, the failures hidden
 * inside a successful wrapper, HTTP failures and lost connections.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What an error means for the caller; drives messages and retries. */
export type ErrorKind =
	| 'rateLimit' // quota or frequency exceeded: the gateway refused the call
	| 'platform' // ISP/SYSTEM trouble, HTTP 5xx: the platform failed
	| 'connection' // no usable answer (reset, timeout, malformed body): fate unknown
	| 'request' // the request could not be made here (e.g. a refused Gateway URL): nothing was sent
	| 'signature'
	| 'session'
	| 'grant' // token create/refresh: the authorization code or refresh token was refused
	| 'appKey'
	| 'permission'
	| 'ipWhitelist'
	| 'arguments'
	| 'business'
	| 'unknown';

export interface AliExpressErrorInfo {
	kind: ErrorKind;
	code: string;
	subCode?: string;
	message: string;
	subMessage?: string;
	requestId?: string;
	httpCode?: number;
	/** The call was certainly not carried out (the gateway refused it before processing). */
	notExecuted?: boolean;
	/** What the user should do, when more is known than the kind's general advice. */
	advice?: string;
}

/** An error thrown by the transport; turned into a NodeApiError at the node's edge. */
export class AliExpressError extends Error {
	constructor(readonly info: AliExpressErrorInfo) {
		super(formatErrorMessage(info));
		this.name = 'AliExpressError';
	}
}

/** Removes anything that looks like a credential from a message. */
export function scrubSecrets(text: string): string {
	return text.replace(
		/\b(sign|session|access_token|refresh_token|app_secret|appSecret|accessToken)(["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi,
		'$1$2***',
	);
}

/** TOP's generic codes whose meaning is in the sub-code: 10 service unavailable, 15 and 50 remote service error. */
const SUB_CODE_DECIDES = new Set(['10', '15', '50']);

/**
 * Sorts a gateway error code (and sub-code) into a kind. For TOP's generic codes
 * 10/15/50 the sub-code decides: `isp.*` is the platform's trouble (retried), `isv.*`
 * is the caller's or a business refusal (never retried; its `sub_msg` says why).
 */
export function classifyError(code: string, subCode = '', type = ''): ErrorKind {
	const c = code.trim();
	const sub = subCode.trim().toLowerCase();
	if (
		c === '7' ||
		c === '8' ||
		c === 'ApiCallLimit' ||
		/frequency|limited-by|call-limit|accesscontrol/.test(sub) ||
		/^isv\..*frequency/i.test(c)
	) {
		return 'rateLimit';
	}
	if (SUB_CODE_DECIDES.has(c) && sub.startsWith('isv.')) return 'business';
	if (c === 'AppWhiteIpLimit') return 'ipWhitelist';
	if (c === '25' || c === 'IncompleteSignature' || c === 'InvalidSignature') return 'signature';
	if (c === 'InvalidCode' || /RefreshToken|AuthCode|AuthorizationCode/i.test(c)) return 'grant';
	if (c === '26' || c === '27' || /AccessToken|Session/i.test(c)) return 'session';
	if (c === '28' || c === '29' || c === 'InvalidAppKey' || c === 'AppKeyNotFound') return 'appKey';
	if (c === '11' || c === '12' || /Permission|Forbidden|InsufficientIsvPermissions/i.test(c)) {
		return 'permission';
	}
	if (
		/^(ISP|SYSTEM)$/i.test(type) ||
		sub.startsWith('isp.') ||
		c.toLowerCase().startsWith('isp.') ||
		c === '10' ||
		c === '15' ||
		/^(ServiceUnavailable|InternalError|SystemError)$/i.test(c)
	) {
		return 'platform';
	}
	if (
		[
			'40',
			'41',
			'43',
			'22',
			'31',
			'32',
			'MissingParameter',
			'InvalidParameter',
			'InvalidApiPath',
		].includes(c) ||
		/^Invalid|Missing/.test(c)
	) {
		return 'arguments';
	}
	if (c === '50' || c.includes('.') || /^[A-Z_]+$/.test(c)) return 'business';
	return 'unknown';
}

/** A refusal of the call itself (an `isv.*` sub-code or IOP code): its sub_msg is the whole story. */
export function isCallerRefusal(info: AliExpressErrorInfo): boolean {
	return (
		info.kind === 'business' &&
		(/^isv\./i.test(info.subCode ?? '') || (!info.subCode && /^isv\./i.test(info.code)))
	);
}

/** "AliExpress error IllegalAccessToken: The specified access token is invalid (request 0b1f...)". */
export function formatErrorMessage(info: AliExpressErrorInfo): string {
	const codes = [info.code, info.subCode].filter(Boolean).join(' / ');
	// TOP's generic msg ("Remote service error") hides the reason of a caller refusal: sub_msg alone
	const text =
		isCallerRefusal(info) && info.subMessage
			? info.subMessage
			: [info.message, info.subMessage].filter(Boolean).join(': ');
	const request = info.requestId ? ` (request ${info.requestId})` : '';
	return `AliExpress error ${codes}: ${text}${request}`;
}

const ADVICE: Record<ErrorKind, string> = {
	rateLimit:
		"AliExpress refused the call because the app reached its call quota or frequency limit, and it still did when Max Retry Time ran out (the node slows down and waits on such answers). Raise Max Retry Time in the node's Options, run the workflow again later, or spread runs over the day (the daily quota resets at 24:00 Beijing time).",
	platform:
		'AliExpress had a temporary problem on its side. The node retried the call; run the workflow again later.',
	connection:
		'No usable answer came back from the AliExpress gateway (connection lost, timed out or cut short). Check the network and the Gateway URL, then run again.',
	request:
		'The request was not sent to AliExpress: it could not be made as configured. Fix what the message names (usually a field of the AliExpress API credential, such as the Gateway URL) and run again.',
	signature:
		'The gateway rejected the request signature. Check the App Secret in the credential (and, for the legacy TOP protocol, the Sign Method).',
	session:
		'The access token is missing, invalid or expired. Authorize the app for your store again in the AliExpress Open Platform console (or renew it with the Token → Refresh operation) and paste the new access token into the credential.',
	grant:
		'AliExpress refused the authorization code or refresh token: it is wrong, expired or already used (each code and each refresh token works once). For Token → Create, authorize the app again and use the new code within a few minutes; for Token → Refresh, use the refresh token saved from the latest Create or Refresh. If the refresh token has expired, authorize the app again.',
	appKey: 'The gateway does not know this App Key. Check the App Key in the credential.',
	permission:
		'Your app or seller account lacks permission for this API. In the AliExpress Open Platform console, request the API group this method belongs to for your app.',
	ipWhitelist:
		"The calling machine's IP address is not on your app's IP whitelist. Add n8n's outgoing IP address in the AliExpress Open Platform console.",
	arguments: 'AliExpress rejected an argument of the call. Check the named field and its format.',
	business: 'AliExpress refused the operation. The message above says why.',
	unknown: 'AliExpress returned an error. The message above says what it reported.',
};

export function errorAdvice(kind: ErrorKind): string {
	return ADVICE[kind];
}

/** Builds the NodeApiError shown to the user. Only the clean error info goes in: no request, no secrets. */
export function toNodeApiError(
	node: INode,
	error: AliExpressError,
	itemIndex?: number,
): NodeApiError {
	const { info } = error;
	const response: JsonObject = {
		code: info.code,
		message: info.message,
	};
	if (info.subCode) response.sub_code = info.subCode;
	if (info.subMessage) response.sub_msg = info.subMessage;
	if (info.requestId) response.request_id = info.requestId;
	const refusal = isCallerRefusal(info) ? (info.subMessage ?? info.message) : undefined;
	const apiError = new NodeApiError(node, response, {
		message: error.message,
		description:
			info.advice ??
			(refusal
				? `AliExpress refused the call: ${refusal}. The node did not retry it: the same request would be refused again. Fix what the message names and run again.`
				: errorAdvice(info.kind)),
		httpCode: info.httpCode ? String(info.httpCode) : undefined,
		itemIndex,
	});
	// n8n replaces messages that contain stock HTTP codes; keep AliExpress's own words.
	apiError.message = error.message;
	return apiError;
}

/** What the gateway said about a ban's length ("This ban will last for 31062 more seconds"), in ms. */
export function statedBanMs(info: AliExpressErrorInfo): number | undefined {
	const text = [info.message, info.subMessage].filter(Boolean).join(' ');
	const match = /ban will last for (\d+(?:\.\d+)?) more seconds?/i.exec(text);
	return match ? Number(match[1]) * 1000 : undefined;
}

/** Added to a stated ban before the next call: the gateway's clock and ours are not one. */
export const BAN_MARGIN_MS = 100;

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The error for a ban longer than the retry time left: when it ends and what to do. */
export function banError(
	info: AliExpressErrorInfo,
	banMs: number,
	now = Date.now(),
): AliExpressError {
	const ends = now + banMs;
	const utc = new Date(ends).toISOString().slice(0, 16).replace('T', ' ');
	const beijing = new Date(ends + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
	// the daily quota of an app resets at 24:00 Beijing time (GMT+8)
	const toMidnight = (ends + BEIJING_OFFSET_MS) % 86_400_000;
	const daily = Math.min(toMidnight, 86_400_000 - toMidnight) <= 5 * 60_000 && banMs > 60 * 60_000;
	const seconds = Math.round(banMs / 1000);
	return new AliExpressError({
		...info,
		message: `${info.message} (the ban lasts ${seconds} more seconds, until ${utc} UTC, ${beijing} Beijing time)`,
		advice: daily
			? `The app has used its daily call quota; AliExpress resets it at 24:00 Beijing time (${utc} UTC). Run the workflow again after that. To get more done per day, sync only what changed, or ask AliExpress for a higher quota for your app in the Open Platform console.`
			: `AliExpress stopped this app's calls for ${seconds} seconds, longer than the node's Max Retry Time allows waiting. Run the workflow again after ${utc} UTC, or raise Max Retry Time in the node's Options to let it wait.`,
	});
}
