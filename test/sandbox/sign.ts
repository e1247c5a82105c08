/**
 * The platform's request signature, written independently of the node's own
 * signer (credentials/, nodes/) so a mistake in one cannot hide in the other.
 *
 * 1. all parameters except `sign`, dropping blank keys and values: empty or only
 *    whitespace as Java's Character.isWhitespace has it, the test of the official
 *    signers (`StringUtils.areNotEmpty(key, value)` in the TOP Java SDK,
 *    cattles/taobao-sdk-java src/main/java/com/taobao/api/internal/util/TaobaoUtils.java
 *    and StringUtils.java; `IopUtils.areNotEmpty` in the IOP Java SDK, emsaniey20/java
 *    src/main/java/com/global/iop/util/IopUtils.java). A request that signs a blank
 *    value is refused, as the gateway's own check would.
 * 2. keys sorted by plain code-unit order (`.sort()`, never localeCompare)
 * 3. key + value concatenated, no separators
 * 4. IOP system APIs (`/auth/token/create`): the API path goes in front
 * 5. sha256 = HMAC-SHA256, md5 = MD5(secret + s + secret), hmac = HMAC-MD5
 * 6. hex, upper case
 */

import { createHash, createHmac } from 'node:crypto';

export type SignMethod = 'sha256' | 'md5' | 'hmac';

/**
 * Java's whitespace: tab, LF, VT, FF, CR, U+001C–U+001F, and the Unicode space,
 * line and paragraph separators but the no-break spaces U+00A0, U+2007, U+202F.
 */
const JAVA_BLANK =
	/^[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]*$/;

export const isBlank = (value: string | undefined): boolean =>
	value === undefined || JAVA_BLANK.test(value);

export function stringToSign(params: Record<string, string>, apiPath = ''): string {
	const keys = Object.keys(params)
		.filter((k) => k !== 'sign' && !isBlank(k) && !isBlank(params[k]))
		.sort();
	return apiPath + keys.map((k) => k + params[k]).join('');
}

export function computeSign(
	params: Record<string, string>,
	secret: string,
	method: SignMethod,
	apiPath = '',
): string {
	const s = stringToSign(params, apiPath);
	switch (method) {
		case 'sha256':
			return createHmac('sha256', secret).update(s, 'utf8').digest('hex').toUpperCase();
		case 'hmac':
			return createHmac('md5', secret).update(s, 'utf8').digest('hex').toUpperCase();
		case 'md5':
			return createHash('md5')
				.update(secret + s + secret, 'utf8')
				.digest('hex')
				.toUpperCase();
	}
}
