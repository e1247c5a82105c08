/** The token operations: one OAuth system call per item, its answer as n8n fields. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AliExpressClient } from '../transport/request';
import { inputError } from './input';
import { runPerItem } from './items';

const iso = (ms: unknown): string | undefined => {
	const n = Number(ms);
	return Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
};

/** The token answer as n8n fields; lifetimes are read from the answer, never assumed. */
export function tokenOutput(answer: IDataObject): IDataObject {
	const out: IDataObject = {
		accessToken: answer.access_token,
		refreshToken: answer.refresh_token,
		expiresAt: iso(answer.expire_time),
		refreshTokenExpiresAt: iso(answer.refresh_token_valid_time),
		expiresIn: answer.expires_in !== undefined ? Number(answer.expires_in) : undefined,
		refreshExpiresIn:
			answer.refresh_expires_in !== undefined ? Number(answer.refresh_expires_in) : undefined,
		sellerId: answer.seller_id !== undefined ? String(answer.seller_id) : undefined,
		userId: answer.user_id !== undefined ? String(answer.user_id) : undefined,
		account: answer.account,
		accountPlatform: answer.account_platform,
		locale: answer.locale,
	};
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

/** Runs a token system call per item: the one secret-like parameter is read, checked, and sent. */
export async function executeTokenCall(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	spec: { path: string; param: string; field: string; wireName: string; fix: string },
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		ctx,
		client,
		(i) => {
			const value = String(ctx.getNodeParameter(spec.param, i, '')).trim();
			if (!value) throw inputError(ctx, i, spec.field, 'is empty', spec.fix);
			return value;
		},
		async (value) =>
			tokenOutput(
				await client.system(spec.path, { [spec.wireName]: value }, { retry: 'ifNotExecuted' }),
			),
		{ hiddenParameters: [spec.param] },
	);
}
