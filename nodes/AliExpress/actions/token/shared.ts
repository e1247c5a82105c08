import type { IDataObject } from 'n8n-workflow';

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
		refreshExpiresIn: answer.refresh_expires_in !== undefined ? Number(answer.refresh_expires_in) : undefined,
		sellerId: answer.seller_id !== undefined ? String(answer.seller_id) : undefined,
		userId: answer.user_id !== undefined ? String(answer.user_id) : undefined,
		account: answer.account,
		accountPlatform: answer.account_platform,
		locale: answer.locale,
	};
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}
