import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { signRequest } from '../../../credentials/AliExpressApi.credentials';
import { AliExpressError } from '../transport/errors';
import { parseAnswer, scrubSecrets } from '../transport/request';

export const TEST_METHOD = 'aliexpress.solution.product.list.get';

/**
 * Tests a credential with a real, cheap call (the first product of the store)
 * and reports AliExpress's own answer: AliExpress returns errors with HTTP 200,
 * which a plain test request could not tell from success. The credential's own
 * `authenticate` signs the request; this function never looks at the secret.
 */
export const credentialTest = {
	async aliExpressApiTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		try {
			const request: IHttpRequestOptions = await signRequest(data, {
				method: 'POST',
				url: '/sync',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: {
					method: TEST_METHOD,
					aeop_a_e_product_list_query: JSON.stringify({
						product_status_type: 'onSelling',
						current_page: 1,
						page_size: 1,
					}),
				},
			});
			// The credential-test context offers only `request` (no httpRequest helper exists there).
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			const body = (await this.helpers.request({
				method: 'POST',
				uri: request.url,
				headers: request.headers,
				body: request.body,
				json: false,
				timeout: 20000,
			})) as string;
			parseAnswer(TEST_METHOD, { statusCode: 200, body });
			return { status: 'OK', message: 'Connection successful' };
		} catch (error) {
			if (error instanceof AliExpressError) return { status: 'Error', message: error.message };
			const message = error instanceof Error ? error.message : String(error);
			return { status: 'Error', message: scrubSecrets(message) };
		}
	},
};
