/**
 * The platform's request signature, written independently of the node's own
 * signer (credentials/, nodes/) so a mistake in one cannot hide in the other.
 *
 * 1. all parameters except `sign`, dropping empty values
 * 2. keys sorted by plain code-unit order (`.sort()`, never localeCompare)
 * 3. key + value concatenated, no separators
 * 4. IOP system APIs (`/auth/token/create`): the API path goes in front
 * 5. sha256 = HMAC-SHA256, md5 = MD5(secret + s + secret), hmac = HMAC-MD5
 * 6. hex, upper case
 */

import { createHash, createHmac } from 'node:crypto';

export type SignMethod = 'sha256' | 'md5' | 'hmac';

export function stringToSign(params: Record<string, string>, apiPath = ''): string {
	const keys = Object.keys(params)
		.filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
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
