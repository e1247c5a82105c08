import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

/**
 * The credential test n8n runs when a user saves or tests an AliExpress credential.
 *
 * A cheap read that every seller app may call: the shop profile
 * (`aliexpress.solution.merchant.profile.get`, no business parameters; the answer is
 * `{"aliexpress_solution_merchant_profile_get_response": {shop_id, shop_name, …}}`).
 * n8n sends it through the credential's own `authenticate`, which adds the system
 * parameters and the signature, so nothing here touches the secret.
 *
 * AliExpress answers errors with HTTP 200, so n8n's `responseSuccessBody` rules turn them
 * into messages: n8n compares `get(body, key) === value` rule by rule and reports the first
 * that matches. Each known code is listed in the shapes it comes in: IOP flat
 * (`{type, code, message}`), IOP and TOP `error_response` (`code` a string on IOP, a number
 * on TOP). The last rule catches every other answer without the method's success wrapper,
 * so an unknown error never reads as "Connection successful".
 */
export const CREDENTIAL_TEST_METHOD = 'aliexpress.solution.merchant.profile.get';
const SUCCESS_WRAPPER = `${CREDENTIAL_TEST_METHOD.replace(/\./g, '_')}_response`;

/** Error codes (IOP names and TOP numbers) and what the user should fix. */
export const CREDENTIAL_TEST_ERRORS: Array<{ codes: Array<string | number>; message: string }> = [
	{
		codes: ['InvalidAppKey', 'AppKeyNotExist', 28, 29],
		message:
			'App Key: AliExpress does not know this App Key. Copy it again from the AliExpress Open Platform console (App Management → your app).',
	},
	{
		codes: ['IncompleteSignature', 'InvalidSignature', 25],
		message:
			'App Secret: AliExpress refused the signature. Copy the App Secret again (it belongs to this App Key); on the legacy TOP gateway also check the Sign Method your app uses.',
	},
	{
		codes: ['IllegalAccessToken', 'MissingAccessToken', 26, 27],
		message:
			'Access Token: missing, invalid or expired. Authorize the app for your store again and create a new token (AliExpress node → Token → Create, or Refresh with the refresh token), then paste it here.',
	},
	{
		codes: ['AppWhiteIpLimit'],
		message:
			"IP whitelist: this n8n server's IP address is not on your app's IP whitelist. Add it in the AliExpress Open Platform console (App Management → your app → IP whitelist) or remove the whitelist.",
	},
	{
		codes: ['InsufficientPermission', 'AppApiPermissionDenied', 11, 12, 13],
		message: `API permission: your app may not call ${CREDENTIAL_TEST_METHOD}. In the AliExpress Open Platform console apply for the seller API permission groups your workflows use, then test again.`,
	},
	{
		codes: ['InvalidTimestamp', 31],
		message:
			"Server clock: AliExpress refused the request time. Set this n8n server's clock right (NTP); the credential signs each request with the current time.",
	},
	{
		codes: ['InvalidApiPath', 22],
		message:
			'Gateway URL / Gateway Protocol: the gateway does not know the AliExpress seller methods. Leave Gateway URL empty for the official gateway, and pick the protocol your app uses.',
	},
];

function rulesFor(
	codes: Array<string | number>,
	message: string,
): IAuthenticateRuleResponseSuccessBody[] {
	const rules: IAuthenticateRuleResponseSuccessBody[] = [];
	for (const code of codes) {
		const values = typeof code === 'number' ? [code, String(code)] : [code];
		for (const key of ['error_response.code', 'code']) {
			for (const value of values) {
				rules.push({ type: 'responseSuccessBody', properties: { key, value, message } });
			}
		}
	}
	return rules;
}

export const credentialTestRequest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		url: '/sync',
		// `simplify=false`: the answer keeps its documented wrapper (the SDKs disagree on the default).
		body: { method: CREDENTIAL_TEST_METHOD, simplify: 'false' },
		timeout: 20_000,
	},
	rules: [
		...CREDENTIAL_TEST_ERRORS.flatMap((e) => rulesFor(e.codes, e.message)),
		{
			type: 'responseSuccessBody',
			properties: {
				key: SUCCESS_WRAPPER,
				value: undefined,
				message:
					'AliExpress did not confirm this credential: its answer was not the shop profile. Check Gateway Protocol and Gateway URL; an AliExpress node run with this credential shows AliExpress’s own message.',
			},
		},
	],
};
