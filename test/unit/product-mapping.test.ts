/**
 * The product operations' pure helpers: request JSON with exact long ids, the
 * JSON syntax scanner behind "line/column" messages, dates, and the simplified
 * product from the shapes AliExpress answers with (lists of one as bare objects).
 */
import { jsonSyntaxError } from '../../nodes/AliExpress/helpers/jsonInput';
import { rawId, requestJson } from '../../nodes/AliExpress/helpers/requestJson';
import {
	imageList,
	simplifyListItem,
	simplifyProduct,
	toIsoDate,
} from '../../nodes/AliExpress/helpers/productOutput';
import { parseJson } from '../../nodes/AliExpress/transport/envelope';

describe('requestJson', () => {
	it('writes ids as bare numbers, even beyond 2^53, and leaves out undefined', () => {
		expect(
			requestJson({
				product_id: rawId('98765432109876543210'),
				a: undefined,
				b: [1, 'x', { c: null }],
				d: 'q"',
			}),
		).toBe('{"product_id":98765432109876543210,"b":[1,"x",{"c":null}],"d":"q\\""}');
		expect(requestJson({ id: rawId('007') })).toBe('{"id":7}');
		expect(requestJson({ id: rawId('abc') })).toBe('{"id":"abc"}');
	});
});

describe('jsonSyntaxError', () => {
	const cases: Array<[string, number, RegExp]> = [
		['{"a":}', 5, /unexpected "}"/],
		['{"a":1', 6, /ends too early/],
		['{"a" 1}', 5, /expected ":"/],
		["{'a': 1}", 1, /property name in double quotes/],
		['{"a": 1,}', 8, /property name/],
		['[1, 2', 5, /ends too early/],
		['{"a": "x\ny"}', 8, /line break/],
		['{"a": 1}}', 8, /after the end/],
		['{"a": tru}', 6, /unexpected "t"/],
		['', 0, /ends too early/],
	];
	it.each(cases)('%j fails at %d', (text, position, problem) => {
		expect(() => JSON.parse(text)).toThrow();
		const found = jsonSyntaxError(text);
		expect(found?.position).toBe(position);
		expect(found?.problem).toMatch(problem);
	});

	it('accepts what JSON.parse accepts', () => {
		for (const text of [
			'{}',
			'[]',
			'{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}',
			' 12 ',
			'"x"',
		]) {
			expect(jsonSyntaxError(text)).toBeUndefined();
		}
	});
});

describe('toIsoDate', () => {
	it('reads Pacific wall-clock strings (with daylight saving) and epoch values', () => {
		expect(toIsoDate('2024-07-01 10:00:00')).toBe('2024-07-01T17:00:00.000Z');
		expect(toIsoDate('2024-01-15 10:00:00')).toBe('2024-01-15T18:00:00.000Z');
		expect(toIsoDate(1704067200000)).toBe('2024-01-01T00:00:00.000Z');
		expect(toIsoDate('1704067200')).toBe('2024-01-01T00:00:00.000Z');
		expect(toIsoDate('')).toBeUndefined();
		expect(toIsoDate('yesterday')).toBe('yesterday');
	});
});

describe('simplifyProduct', () => {
	it('reads a product with one SKU sent as a bare object and a long id', () => {
		const body = parseJson(
			'{"product_id":1005006123456789123,"subject":"Mat","product_status_type":"onSelling","aliexpress_category_id":200004207,' +
				'"gmt_create":"2024-07-01 10:00:00","gmt_modified":"2024-07-02 10:00:00","image_u_r_ls":"https://a/1.jpg;https://a/2.jpg",' +
				'"aeop_ae_product_s_k_us":{"global_aeop_ae_product_sku":{"id":"14:175","sku_code":"YM-1","sku_price":"19.90",' +
				'"ipm_sku_stock":12,"currency_code":"EUR","aeop_s_k_u_property_list":{"global_aeop_sku_property":' +
				'{"sku_property_id":14,"property_value_id":175,"property_value_definition_name":"Blue"}}}}}',
		) as Record<string, unknown>;
		expect(simplifyProduct(body as never)).toEqual({
			productId: '1005006123456789123',
			title: 'Mat',
			status: 'onSelling',
			categoryId: '200004207',
			currency: 'EUR',
			createdAt: '2024-07-01T17:00:00.000Z',
			updatedAt: '2024-07-02T17:00:00.000Z',
			images: ['https://a/1.jpg', 'https://a/2.jpg'],
			skus: [
				{
					productId: '1005006123456789123',
					skuCode: 'YM-1',
					price: 19.9,
					discountPrice: null,
					quantity: 12,
					skuId: '14:175',
					currency: 'EUR',
					// documented keys: sku_property_id / property_value_id (product.info.get.json)
					attributes: { '14': 'Blue' },
					properties: [{ propertyId: '14', valueId: '175', customValue: 'Blue' }],
				},
			],
		});
	});

	it('a list item without images or prices', () => {
		expect(simplifyListItem({ product_id: 5, subject: 'X' }, 'offline')).toEqual({
			productId: '5',
			title: 'X',
			status: 'offline',
			imageUrl: null,
			images: [],
			minPrice: null,
			maxPrice: null,
			currency: null,
			createdAt: null,
			updatedAt: null,
		});
		expect(imageList(['https://a/1.jpg'])).toEqual(['https://a/1.jpg']);
	});
});
