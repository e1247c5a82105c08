/**
 * Shop → Get: `aliexpress.solution.merchant.profile.get` (no parameters), the seller's shop
 * once per input item: id, name, type, URL, country and whether posting products is forbidden.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=46616&docType=2 (aliexpress.solution.merchant.profile.get)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../descriptions/common';
import { runPerItem } from '../../helpers/items';
import { optionalText } from '../../helpers/values';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['shop'], operation: ['get'] } },
	properties,
);

/** `shop_url` comes protocol-relative ("//www.aliexpress.com/store/…" in the documented example). */
function absoluteUrl(url: string | undefined): string | null {
	if (!url) return null;
	return url.startsWith('//') ? `https:${url}` : url;
}

const asBoolean = (v: unknown): boolean | null =>
	v === true || v === 'true' ? true : v === false || v === 'false' ? false : null;

export function simplifyShop(answer: IDataObject): IDataObject {
	return {
		shopId: optionalText(answer.shop_id) ?? null,
		shopName: optionalText(answer.shop_name) ?? null,
		shopType: optionalText(answer.shop_type) ?? null,
		shopUrl: absoluteUrl(optionalText(answer.shop_url)),
		countryCode: optionalText(answer.country_code) ?? null,
		merchantLoginId: optionalText(answer.merchant_login_id) ?? null,
		productPostingForbidden: asBoolean(answer.product_posting_forbidden),
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<boolean>(
		this,
		client,
		(i) => this.getNodeParameter('simplify', i, true) !== false,
		async (simplify) => {
			const answer = await client.call(METHODS.shopProfile, {});
			const profile: IDataObject = { ...answer };
			delete profile.request_id;
			return simplify ? simplifyShop(profile) : profile;
		},
	);
}
