/**
 * The token lifecycle through the node, in n8n's engine: an expired token
 * fails with advice on getting a new one; Token → Create (authorization code)
 * and Token → Refresh give tokens whose expiry comes from the answer and that
 * work as the session of later calls; used or unknown codes and refresh tokens
 * fail clearly.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { credentialsFor, runNode } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 5, orders: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

const LIST_ONE = { resource: 'product', operation: 'getMany', limit: 1 };

/** Runs Get Many (one product) with this access token; the answer says whether the token works. */
async function works(accessToken: string): Promise<boolean> {
	const { out } = await runNode(sandbox, LIST_ONE, [{}], {
		credentials: credentialsFor(sandbox, { accessToken }),
	});
	return out !== undefined && out.length === 1 && typeof out[0].json.productId === 'string';
}

const SESSION_ADVICE =
	'The access token is missing, invalid or expired. Authorize the app for your store again in the AliExpress Open Platform console (or renew it with the Token → Refresh operation) and paste the new access token into the credential.';
const GRANT_ADVICE =
	'AliExpress refused the authorization code or refresh token: it is wrong, expired or already used (each code and each refresh token works once). For Token → Create, authorize the app again and use the new code within a few minutes; for Token → Refresh, use the refresh token saved from the latest Create or Refresh. If the refresh token has expired, authorize the app again.';

describe('token lifecycle', () => {
	it('an expired access token fails with the platform code and says how to get a new one', async () => {
		const grant = sandbox.store.issueToken();
		expect(await works(grant.accessToken)).toBe(true);
		sandbox.store.expireToken(grant.accessToken);
		sandbox.resetCalls();

		const { error } = await runNode(sandbox, LIST_ONE, [{}], {
			credentials: credentialsFor(sandbox, { accessToken: grant.accessToken }),
		});
		// n8n records the node's error as a plain object (the thrown error spread)
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^AliExpress error IllegalAccessToken: The specified access token is invalid or expired \(request \w+\)$/,
		);
		expect(error?.description).toBe(SESSION_ADVICE);
		// a refused session proves nothing ran: not retried
		expect(sandbox.calls).toHaveLength(1);
	});

	it('Token → Create: an authorization code gives tokens that work, with the expiry from the answer', async () => {
		const code = sandbox.store.issueAuthCode();
		// creating a token needs no access token in the credential
		const { out, error } = await runNode(
			sandbox,
			{ resource: 'token', operation: 'create', code },
			[{}],
			{
				credentials: credentialsFor(sandbox, { accessToken: '' }),
			},
		);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(1);
		const token = out![0].json;
		const grant = sandbox.store.tokens.get(token.accessToken as string)!;
		expect(grant).toBeDefined();
		expect(token.refreshToken).toBe(grant.refreshToken);
		expect(token.expiresAt).toBe(new Date(grant.expiresAt).toISOString());
		expect(token.refreshTokenExpiresAt).toBe(new Date(grant.refreshExpiresAt).toISOString());
		expect(token.sellerId).toBe(grant.sellerId);
		expect(sandbox.calls.map((c) => [c.method, c.params.code, c.params.session])).toEqual([
			['/auth/token/create', code, undefined],
		]);
		expect(await works(token.accessToken as string)).toBe(true);

		// a code works once
		sandbox.resetCalls();
		const again = await runNode(sandbox, { resource: 'token', operation: 'create', code }, [{}]);
		expect(again.error?.name).toBe('NodeApiError');
		expect(again.error?.message).toMatch(
			/^AliExpress error InvalidCode: The specified authorization code is invalid or expired \(request \w+\)$/,
		);
		expect(again.error?.description).toBe(GRANT_ADVICE);
		expect(sandbox.calls).toHaveLength(1);
	});

	it('Token → Refresh: new tokens that work; the old refresh token is used up', async () => {
		const old = sandbox.store.issueToken();
		const { out, error } = await runNode(sandbox, {
			resource: 'token',
			operation: 'refresh',
			refreshToken: old.refreshToken,
		});
		expect(error).toBeUndefined();
		const token = out![0].json;
		expect(token.accessToken).not.toBe(old.accessToken);
		expect(token.refreshToken).not.toBe(old.refreshToken);
		const grant = sandbox.store.tokens.get(token.accessToken as string)!;
		expect(token.expiresAt).toBe(new Date(grant.expiresAt).toISOString());
		expect(Date.parse(token.expiresAt as string)).toBeGreaterThan(Date.now());
		expect(await works(token.accessToken as string)).toBe(true);

		// the next refresh uses the new refresh token; the old one is refused
		const next = await runNode(sandbox, {
			resource: 'token',
			operation: 'refresh',
			refreshToken: token.refreshToken as string,
		});
		expect(next.error).toBeUndefined();
		expect(await works(next.out![0].json.accessToken as string)).toBe(true);
		const reused = await runNode(sandbox, {
			resource: 'token',
			operation: 'refresh',
			refreshToken: old.refreshToken,
		});
		expect(reused.error?.name).toBe('NodeApiError');
		expect(reused.error?.description).toBe(GRANT_ADVICE);
	});

	it('a wrong or expired refresh token fails clearly, once, with Continue On Fail per item', async () => {
		const { error } = await runNode(sandbox, {
			resource: 'token',
			operation: 'refresh',
			refreshToken: '50001bogus',
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^AliExpress error IllegalRefreshToken: The specified refresh token is invalid or expired \(request \w+\)$/,
		);
		expect(error?.description).toBe(GRANT_ADVICE);
		expect(sandbox.callCount('/auth/token/refresh')).toBe(1);

		const expired = sandbox.store.issueToken();
		sandbox.store.expireRefreshToken(expired.refreshToken);
		const valid = sandbox.store.issueToken();
		const { out } = await runNode(
			sandbox,
			{
				resource: 'token',
				operation: 'refresh',
				refreshToken: '={{ $json.t }}',
			},
			[{ t: expired.refreshToken }, { t: valid.refreshToken }],
			{ continueOnFail: true },
		);
		expect(out!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out![0].json.errorCode).toBe('IllegalRefreshToken');
		expect(out![0].json.errorDescription).toBe(GRANT_ADVICE);
		expect(await works(out![1].json.accessToken as string)).toBe(true);
	});
});
