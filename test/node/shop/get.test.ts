/**
 * Shop → Get in n8n's engine against the sandbox: aliexpress.solution.merchant.profile.get
 * (no parameters), simplified and raw, one output item per input item. The parameters are
 * the fixture's (get.workflow.json).
 */
import { operation, useSandbox } from '../suite';

const PROFILE = 'aliexpress.solution.merchant.profile.get';

const sandbox = useSandbox({ products: 5, orders: 5 });
const shopOp = operation(__dirname, 'get.workflow.json', sandbox);

describe('Shop → Get', () => {
	it("simplified: the shop's id, name, type, URL, country and whether posting is forbidden", async () => {
		const shop = sandbox.store.shop;
		const out = await shopOp.output(shopOp.parameters());
		expect(out).toEqual([
			{
				json: {
					shopId: String(shop.shop_id),
					shopName: shop.shop_name,
					shopType: shop.shop_type,
					// the documented example gives it protocol-relative ("//www.aliexpress.com/…")
					shopUrl: `https:${shop.shop_url}`,
					countryCode: shop.country_code,
					merchantLoginId: shop.merchant_login_id,
					productPostingForbidden: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.callCount(PROFILE)).toBe(1);
		const business = Object.keys(sandbox.calls[0].params).filter(
			(k) =>
				![
					'method',
					'app_key',
					'session',
					'access_token',
					'timestamp',
					'sign',
					'sign_method',
					'format',
					'v',
					'simplify',
					'partner_id',
				].includes(k),
		);
		expect(business).toEqual([]);
	});

	it('raw: the answer as documented, without the request id; one per input item', async () => {
		sandbox.store.shop.product_posting_forbidden = true;
		try {
			const out = await shopOp.output(shopOp.parameters({ simplify: false }), {
				items: [{}, {}],
			});
			expect(out).toHaveLength(2);
			expect(out[1].pairedItem).toEqual({ item: 1 });
			expect(out[0].json).toEqual({ ...sandbox.store.shop });
		} finally {
			sandbox.store.shop.product_posting_forbidden = false;
		}
	});
});
