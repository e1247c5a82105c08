/**
 * AliExpress Open Platform request signing, the one place it is done.
 *
 * Both gateways sign the same "string to sign": every parameter that is sent
 * (system and business, never `sign` itself, never a blank value), keys sorted
 * in plain code-unit order, each as `key + value` without separators. IOP system
 * APIs (names with a `/`, e.g. `/auth/token/create`) put the API path in front.
 *
 *   IOP  sha256: HMAC-SHA256(secret, string)
 *   TOP  md5:    MD5(secret + string + secret)
 *   TOP  hmac:   HMAC-MD5(secret, string)
 *
 * The digest is sent as upper-case hex.
 */
import { createHash, createHmac } from 'node:crypto';

export type SignMethod = 'sha256' | 'md5' | 'hmac';
export type Protocol = 'iop' | 'top';

export type SignableParams = Record<string, string | number | boolean | null | undefined>;

/**
 * Java's `Character.isWhitespace` for one UTF-16 unit: the official signers test
 * values with it. Space separators except the no-break ones (U+00A0, U+2007,
 * U+202F), line and paragraph separators, tab, LF, VT, FF, CR and U+001C–U+001F.
 */
function isJavaWhitespace(unit: number): boolean {
	if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d) || (unit >= 0x1c && unit <= 0x1f))
		return true;
	if (unit < 0x1680) return false;
	return (
		unit === 0x1680 ||
		(unit >= 0x2000 && unit <= 0x2006) ||
		(unit >= 0x2008 && unit <= 0x200a) ||
		unit === 0x2028 ||
		unit === 0x2029 ||
		unit === 0x205f ||
		unit === 0x3000
	);
}

/**
 * Whether the official signers treat a value as empty: `StringUtils.isEmpty` of
 * the TOP Java SDK and `IopUtils.isEmpty` of the IOP one are true for an empty
 * value and for one made only of whitespace; such a parameter is neither signed
 * (`areNotEmpty(key, value)`) nor sent (the IOP SDK's `WebUtils.buildQuery`).
 */
export function isBlank(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		if (!isJavaWhitespace(value.charCodeAt(i))) return false;
	}
	return true;
}

/** Turns parameters into the strings that are sent: JSON for nested values, blank ones (and blank keys) dropped. */
export function toWireParams(params: Record<string, unknown>): Record<string, string> {
	const wire: Record<string, string> = {};
	for (const key of Object.keys(params)) {
		const value = wireValue(params[key]);
		if (!isBlank(key) && !isBlank(value)) wire[key] = value;
	}
	return wire;
}

/** A parameter's value as it is sent and signed. */
export function wireValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value instanceof Date) return String(value.getTime());
	return JSON.stringify(value);
}

/** The exact string that is signed. `apiPath` is given for IOP system APIs only. */
export function stringToSign(params: Record<string, unknown>, apiPath?: string): string {
	const wire = toWireParams(params);
	delete wire.sign;
	// Plain code-unit order, as the SDKs do (never localeCompare).
	const keys = Object.keys(wire).sort();
	let out = apiPath ?? '';
	for (const key of keys) out += key + wire[key];
	return out;
}

/** The `sign` value for a request, upper-case hex. */
export function signParams(
	params: Record<string, unknown>,
	secret: string,
	method: SignMethod,
	apiPath?: string,
): string {
	const text = stringToSign(params, apiPath);
	let digest: string;
	switch (method) {
		case 'sha256':
			digest = createHmac('sha256', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('hex');
			break;
		case 'hmac':
			digest = createHmac('md5', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('hex');
			break;
		case 'md5':
			digest = createHash('md5')
				.update(secret + text + secret, 'utf8')
				.digest('hex');
			break;
		default:
			throw new Error(`Unknown AliExpress sign method "${String(method)}"`);
	}
	return digest.toUpperCase();
}

/** IOP timestamps: epoch milliseconds. */
export function iopTimestamp(nowMs: number): string {
	return String(nowMs);
}

/** TOP timestamps: `yyyy-MM-dd HH:mm:ss` in GMT+8, whatever the machine's zone. */
export function topTimestamp(nowMs: number): string {
	const d = new Date(nowMs + 8 * 3600 * 1000);
	const p = (n: number) => String(n).padStart(2, '0');
	return (
		`${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
		`${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
	);
}
