/** The AliExpress credential of a sandbox gateway, as a user would fill it in (IOP). */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
