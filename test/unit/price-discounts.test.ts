/**
 * Reading the current discount prices that Update Price keeps. The answers are
 * written here in `product.info.get`'s documented shape: SKUs in
 * `aeop_ae_product_s_k_us.global_aeop_ae_product_sku[]`, each with
 * `sku_code` and `sku_discount_price`.
 */
import { currentDiscountPrices } from '../../nodes/AliExpress/helpers/products';

const skus = {
	aeop_ae_product_s_k_us: {
		global_aeop_ae_product_sku: [
			{ sku_code: 'A-1', sku_price: '30.00', sku_discount_price: '25.00' },
			{ sku_code: 'A-2', sku_price: '30.00' },
		],
	},
};

describe('current discount prices of a product', () => {
	it('are read inside the result wrapper', () => {
		const current = currentDiscountPrices({ result: skus });
		expect(current.get('A-1')).toBe('25.00');
		expect(current.has('A-2')).toBe(true);
		expect(current.get('A-2')).toBeUndefined();
	});

	it('are read from the answer itself when it has no result wrapper (not silently none)', () => {
		const current = currentDiscountPrices(skus);
		expect(current.get('A-1')).toBe('25.00');
	});
});
