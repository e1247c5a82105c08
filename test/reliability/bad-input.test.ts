/**
 * Bad input, operation by operation, through n8n's engine (the node in a
 * workflow run by WorkflowExecute, its parameters as a user sets them, values
 * the editor would not take typed in coming from an expression): each case
 * fails before any call reaches AliExpress, with n8n's NodeOperationError for
 * the node and the item, whose message names the item and the field and says
 * what is wrong, and whose description says how to fix it. The expected texts
 * are written here from that contract, not copied from the code. Last,
 * Continue On Fail: a bad item gets its own output item while the good ones go
 * through.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { productWithSkus, publishParameters, runNode } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 0, orders: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const sku = (fields: INodeParameters) => ({
	sku: [{ skuCode: 'A-1', price: '19.90', stock: 5, ...fields }],
});
const DRESS = [{ title: 'Linen Dress', code: 'LD' }];

/** A value the editor would not take typed into the field, as a user gets it there: an expression. */
const expr = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;

const publish = (overrides: INodeParameters) => publishParameters(overrides);
const publishJson = (productJson: string) => ({
	resource: 'product',
	operation: 'publish',
	mode: 'json',
	productJson,
});
const update = (fields: INodeParameters) => ({
	resource: 'product',
	operation: 'update',
	productId: '1005006000000001',
	mode: 'fields',
	...fields,
});
const inventory = (fields: INodeParameters) => ({
	resource: 'inventory',
	operation: 'update',
	inputMode: 'fields',
	productId: '1005006000000001',
	skuCode: 'A-1',
	quantity: 5,
	...fields,
});
const inventoryFromInput = {
	resource: 'inventory',
	operation: 'update',
	inputMode: 'fromInput',
	productIdField: 'productId',
	skuCodeField: 'sku',
	quantityField: 'stock',
};
const price = (fields: INodeParameters) => ({
	resource: 'price',
	operation: 'update',
	inputMode: 'fields',
	productId: '1005006000000001',
	skuCode: 'A-1',
	price: '19.99',
	...fields,
});
const orders = (filters: INodeParameters) => ({
	resource: 'order',
	operation: 'getMany',
	returnAll: true,
	filters,
});
const ordersLimit = (limit: INodeParameters[string]) => ({
	resource: 'order',
	operation: 'getMany',
	limit,
});
const ship = (fields: INodeParameters) => ({
	resource: 'order',
	operation: 'ship',
	orderId: '8123456789012345',
	serviceName: 'CAINIAO_STANDARD',
	trackingNumber: 'LP00123456789012',
	...fields,
});

const PRICE_FIX = 'Enter an amount from 0.01 to 999999 with at most two decimals, e.g. 19.90.';
const STOCK_FIX =
	'Enter the units available as a whole number from 1 to 999999 (a new or edited SKU needs stock).';
const JSON_FIX =
	'Fix the JSON at that position: property names and strings need double quotes, items are separated by commas, and there is no comma after the last one.';
const QUANTITY_FIX =
	'Map the stock level as a whole number (0 to 999999), e.g. {{ $json.inventory_quantity }}.';
const SIZE_FIX = 'Enter the size of the packed product in whole centimetres (1 to 700).';
const WEIGHT_FIX = 'Enter the gross weight of the packed product in kilograms, e.g. 0.35.';
const DATE_FIX =
	'Use a date and time such as 2024-05-01T00:00:00 (read in the workflow’s time zone, UTC) or an ISO 8601 time with an offset such as 2024-05-01T00:00:00+02:00.';

type Case = [
	name: string,
	parameters: INodeParameters,
	items: IDataObject[],
	message: string,
	fix: string,
];

/**
 * A required field left empty, or a Category / Freight Template "By ID" that is
 * no number, never reaches the node when typed into the editor: n8n itself
 * refuses to run the workflow (see "n8n refuses before the node runs" below).
 * Those cases map the value from the input item instead, the way an empty or
 * wrong value does reach the node.
 */
const CASES: Case[] = [
	// ---------------------------------------------------------------- Product → Publish (fields)
	[
		'publish: category empty',
		publish({ categoryId: rl('={{ $json.category }}') }),
		[{ ...DRESS[0], category: '' }],
		'Item 1, field "Category": is empty',
		'Enter the leaf category ID or map it from an earlier node.',
	],
	[
		'publish: category by name',
		publish({ categoryId: rl('={{ $json.category }}') }),
		[{ ...DRESS[0], category: 'Dresses' }],
		'Item 1, field "Category": must be a numeric AliExpress ID, got "Dresses"',
		'Use the leaf category ID as AliExpress shows it (digits only).',
	],
	[
		'publish: category id of 21 digits',
		publish({ categoryId: rl('123456789012345678901') }),
		DRESS,
		'Item 1, field "Category": has 21 digits; an AliExpress ID has at most 20',
		'Use the leaf category ID as AliExpress shows it (digits only).',
	],
	[
		'publish: title empty',
		publish({}),
		[{ title: '  ', code: 'X' }],
		'Item 1, field "Title": is empty',
		'Enter the product title shown to buyers.',
	],
	[
		'publish: title of 219 characters',
		publish({}),
		[{ title: 'x'.repeat(219), code: 'X' }],
		'Item 1, field "Title": is 219 characters long; at most 218 are allowed',
		'Shorten the title to 218 characters or fewer.',
	],
	[
		'publish: the second item is the bad one',
		publish({}),
		[DRESS[0], { title: '', code: 'Y' }],
		'Item 2, field "Title": is empty',
		'Enter the product title shown to buyers.',
	],
	[
		'publish: no images',
		publish({ images: ' , ' }),
		DRESS,
		'Item 1, field "Images": is empty',
		'Enter 1 to 6 image URLs (https), separated by commas or new lines. The first is the main image.',
	],
	[
		'publish: seven images',
		publish({
			images: Array.from({ length: 7 }, (_, n) => `https://img.example.com/${n}.jpg`).join('\n'),
		}),
		DRESS,
		'Item 1, field "Images": has 7 URLs; AliExpress takes at most 6',
		'Keep the 6 best images; the first is the main image.',
	],
	[
		'publish: an http image',
		publish({ images: 'https://img.example.com/a.jpg, http://img.example.com/b.jpg' }),
		DRESS,
		'Item 1, field "Images": image 2 is not an https URL: "http://img.example.com/b.jpg"',
		'Use full image URLs starting with https:// that AliExpress can download, e.g. https://example.com/shirt-front.jpg.',
	],
	[
		'publish: no SKU',
		publish({ skus: {} }),
		DRESS,
		'Item 1, field "SKUs": has no SKU',
		'Add at least one SKU with its SKU code, price and stock (a product without variants has one SKU).',
	],
	[
		'publish: SKU code empty',
		publish({ skus: sku({ skuCode: ' ' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › SKU Code": is empty',
		'Give every SKU its own code, e.g. TSHIRT-BLU-M.',
	],
	[
		'publish: SKU code twice',
		publish({ skus: { sku: [sku({}).sku[0], { ...sku({}).sku[0], price: '25' }] } }),
		DRESS,
		'Item 1, field "SKUs › SKU 2 › SKU Code": "A-1" is already the code of SKU 1',
		'Every SKU of a product needs its own code.',
	],
	[
		'publish: price empty',
		publish({ skus: sku({ price: '' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Price": is empty',
		PRICE_FIX,
	],
	[
		'publish: price zero',
		publish({ skus: sku({ price: '0' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Price": must be from 0.01 to 999999 with at most two decimals, got "0"',
		PRICE_FIX,
	],
	[
		'publish: price with three decimals',
		publish({ skus: sku({ price: '12.345' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Price": must be from 0.01 to 999999 with at most two decimals, got "12.345"',
		PRICE_FIX,
	],
	[
		'publish: price above the maximum',
		publish({ skus: sku({ price: expr(1000000) }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Price": must be from 0.01 to 999999 with at most two decimals, got 1000000',
		PRICE_FIX,
	],
	[
		'publish: discount not below the price',
		publish({ skus: sku({ discountPrice: '20' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Discount Price": 20 is not lower than the price 19.9',
		'The discount price must be lower than the price; leave it empty for no discount.',
	],
	[
		'publish: discount not a number',
		publish({ skus: sku({ discountPrice: 'abc' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Discount Price": must be from 0.01 to 999999 with at most two decimals, got "abc"',
		'Enter the sale price with at most two decimals, or leave it empty for no discount.',
	],
	[
		'publish: stock zero',
		publish({ skus: sku({ stock: expr(0) }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Stock": must be a whole number from 1 to 999999, got 0',
		STOCK_FIX,
	],
	[
		'publish: stock not whole',
		publish({ skus: sku({ stock: 2.5 }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Stock": must be a whole number from 1 to 999999, got 2.5',
		STOCK_FIX,
	],
	[
		'publish: EAN too short',
		publish({ skus: sku({ ean: '12345' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › EAN": must be 8 to 14 digits, got "12345"',
		'Enter the EAN/UPC/GTIN barcode as digits only, or leave it empty.',
	],
	[
		'publish: SKU attributes with a trailing comma',
		publish({ skus: sku({ attributes: '[{"sku_attribute_name_id": 14,}]' }) }),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Attributes (JSON)": is not valid JSON: unexpected "}", expected a property name in double quotes at line 1, column 31 (position 30)',
		JSON_FIX,
	],
	[
		'publish: SKU attribute by name',
		publish({
			skus: sku({
				attributes: '[{"sku_attribute_name_id": "color", "sku_attribute_value_id": 175}]',
			}),
		}),
		DRESS,
		'Item 1, field "SKUs › SKU 1 › Attributes (JSON)": attribute 1 needs a numeric "sku_attribute_name_id", got {"sku_attribute_name_id":"color","sku_at…',
		'Enter a JSON list such as [{"sku_attribute_name_id": 14, "sku_attribute_value_id": 175}] with the IDs from the category\'s schema; a custom value goes in "sku_attribute_value" (at most 70 characters, none of { # : = ,).',
	],
	[
		'publish: package length zero',
		publish({ packageLength: 0 }),
		DRESS,
		'Item 1, field "Package Length (Cm)": must be a whole number from 1 to 700, got 0',
		SIZE_FIX,
	],
	[
		'publish: package height above 700',
		publish({ packageHeight: 701 }),
		DRESS,
		'Item 1, field "Package Height (Cm)": must be a whole number from 1 to 700, got 701',
		SIZE_FIX,
	],
	[
		'publish: weight zero',
		publish({ weight: 0 }),
		DRESS,
		'Item 1, field "Weight (Kg)": must be from 0.001 to 500 kg with at most three decimals, got 0',
		WEIGHT_FIX,
	],
	[
		'publish: weight in grams precision',
		publish({ weight: expr(0.0005) }),
		DRESS,
		'Item 1, field "Weight (Kg)": must be from 0.001 to 500 kg with at most three decimals, got 0.0005',
		WEIGHT_FIX,
	],
	[
		'publish: freight template empty',
		publish({ freightTemplateId: rl('={{ $json.freightTemplate }}') }),
		[{ ...DRESS[0], freightTemplate: '' }],
		'Item 1, field "Freight Template": is empty',
		'Enter the freight template ID or map it from an earlier node.',
	],
	[
		'publish: EU responsible person by name',
		publish({ additionalFields: { msrEuId: rl('ACME GmbH') } }),
		DRESS,
		'Item 1, field "EU Responsible Person": must be a numeric AliExpress ID, got "ACME GmbH"',
		'Use the EU responsible person ID as AliExpress shows it (digits only).',
	],
	[
		'publish: certificate image over http',
		publish({
			additionalFields: {
				qualifications: {
					qualification: [
						{
							key: 'item_EU_CE_certificate',
							type: 'image',
							value: 'http://img.example.com/ce.jpg',
						},
					],
				},
			},
		}),
		DRESS,
		'Item 1, field "Qualifications › 1 › Value": must be an https URL for an image qualification, got "http://img.example.com/ce.jpg"',
		'Enter the full https:// URL of the certificate image, or set Type to Text.',
	],
	[
		'publish: attribute list not a list',
		publish({ additionalFields: { attributeList: '{"attribute_name_id": 2}' } }),
		DRESS,
		'Item 1, field "Attribute List (JSON)": must be a JSON list ([ … ])',
		'Enter the attributes as a list, e.g. [{"aliexpress_attribute_name_id": 2, "aliexpress_attribute_value_id": 201512802}], or [{"attribute_name": "Material", "attribute_value": "Linen"}] for a custom one.',
	],
	[
		'publish: shipping lead time zero',
		publish({ shippingLeadTime: expr(0) }),
		DRESS,
		'Item 1, field "Shipping Lead Time (Days)": must be a whole number from 1 to 365, got 0',
		'Enter the days you need to hand an order to the carrier as a whole number, e.g. 3.',
	],
	// ---------------------------------------------------------------- Product → Publish (JSON)
	[
		'publish JSON: a missing comma',
		publishJson('{"language": "en" "aliexpress_category_id": 1}'),
		[{}],
		'Item 1, field "Product JSON": is not valid JSON: unexpected "\\"", expected "," or "}" at line 1, column 19 (position 18)',
		JSON_FIX,
	],
	[
		'publish JSON: a list',
		publishJson('[{"language": "en"}]'),
		[{}],
		'Item 1, field "Product JSON": must be a JSON object ({ … }), got a list',
		'Enter the request as one JSON object, e.g. {"sku_info_list": [ … ]}.',
	],
	[
		'publish JSON: an empty object',
		publishJson(' {} '),
		[{}],
		'Item 1, field "Product JSON": is an empty object',
		'Enter the post_product_request fields: aliexpress_category_id, language, multi_language_subject_list, sku_info_list, …',
	],
	// ---------------------------------------------------------------- Product → Update
	[
		'update: product id empty',
		update({ productId: '={{ $json.productId }}' }),
		[{ productId: '' }],
		'Item 1, field "Product ID": is empty',
		'Enter the product ID or map it from an earlier node.',
	],
	[
		'update: product id with a letter',
		update({ productId: '1005006x', updateFields: { title: 'New' } }),
		[{}],
		'Item 1, field "Product ID": must be a numeric AliExpress ID, got "1005006x"',
		'Use the product ID as AliExpress shows it (digits only).',
	],
	[
		'update: nothing to change',
		update({}),
		[{}],
		'Item 1, field "Update Fields": has nothing to change',
		'Add at least one field under "Update Fields" and give it a value.',
	],
	[
		'update: title emptied',
		update({ updateFields: { title: '' } }),
		[{}],
		'Item 1, field "Title": is empty',
		'Enter the product title shown to buyers.',
	],
	[
		'update: SKUs with stock zero',
		update({ updateFields: { skus: sku({ stock: expr(0) }) } }),
		[{}],
		'Item 1, field "SKUs › SKU 1 › Stock": must be a whole number from 1 to 999999, got 0',
		STOCK_FIX,
	],
	[
		'update JSON: another product id inside',
		update({
			productId: '111',
			mode: 'json',
			productJson: '{"product_id": 222, "brand_name": "X"}',
		}),
		[{}],
		'Item 1, field "Product JSON": its product_id 222 differs from Product ID 111',
		'Remove product_id from the JSON (Product ID is added), or make both the same.',
	],
	[
		'update JSON: single quotes on line 2',
		update({ mode: 'json', productJson: '{\n  "title": \'x\'\n}' }),
		[{}],
		'Item 1, field "Product JSON": is not valid JSON: unexpected "\'" at line 2, column 12 (position 13)',
		JSON_FIX,
	],
	// ---------------------------------------------------------------- Product → Get / Get Many
	[
		'get: product id by name',
		{ resource: 'product', operation: 'get', productId: 'Linen Dress' },
		[{}],
		'Item 1, field "Product ID": must be a numeric AliExpress ID, got "Linen Dress"',
		'Use the product ID as AliExpress shows it (digits only).',
	],
	[
		'get many products: limit zero',
		{ resource: 'product', operation: 'getMany', limit: expr(0) },
		[{}],
		'Item 1, field "Limit": must be a whole number of at least 1, got 0',
		'Enter how many products to return, or turn on Return All.',
	],
	[
		'get many products: limit not whole',
		{ resource: 'product', operation: 'getMany', limit: expr('2.5') },
		[{}],
		'Item 1, field "Limit": must be a whole number of at least 1, got "2.5"',
		'Enter how many products to return, or turn on Return All.',
	],
	[
		'get many products: unknown status',
		{
			resource: 'product',
			operation: 'getMany',
			returnAll: true,
			filters: { status: expr('selling') },
		},
		[{}],
		'Item 1, field "Filters › Status": "selling" is not a product status',
		'Use one of editingRequired, auditing, offline, onSelling.',
	],
	// ---------------------------------------------------------------- Inventory → Update
	[
		'inventory: negative quantity',
		inventory({ quantity: expr(-1) }),
		[{}],
		'Item 1, field "Quantity": must be a whole number from 0 to 999999, got -1',
		QUANTITY_FIX,
	],
	[
		'inventory: fractional quantity',
		inventory({ quantity: '1.5' }),
		[{}],
		'Item 1, field "Quantity": must be a whole number from 0 to 999999, got "1.5"',
		QUANTITY_FIX,
	],
	[
		'inventory: quantity above the maximum',
		inventory({ quantity: expr(1000000) }),
		[{}],
		'Item 1, field "Quantity": must be a whole number from 0 to 999999, got 1000000',
		QUANTITY_FIX,
	],
	[
		'inventory: quantity empty',
		inventory({ quantity: '={{ $json.stock }}' }),
		[{ stock: '' }],
		'Item 1, field "Quantity": is empty',
		QUANTITY_FIX,
	],
	[
		'inventory: product id not numeric',
		inventory({ productId: 'AE123' }),
		[{}],
		'Item 1, field "Product ID": must be a numeric AliExpress product ID, got "AE123"',
		'Map the AliExpress product ID (digits only) into "Product ID".',
	],
	[
		'inventory: SKU code empty',
		inventory({ skuCode: '={{ $json.sku }}' }),
		[{ sku: '' }],
		'Item 1, field "SKU Code": is empty',
		'Map the SKU code (as set on AliExpress) into "SKU Code".',
	],
	[
		'inventory: the same SKU twice',
		inventory({}),
		[{}, {}],
		'Item 2, field "SKU Code": product 1005006000000001 SKU "A-1" already came in item 1',
		'Send each SKU once per run (remove duplicates, e.g. with the Remove Duplicates node).',
	],
	[
		'inventory from input fields: quantity missing',
		inventoryFromInput,
		[{ productId: '1005006000000001', sku: 'A-1' }],
		'Item 1, field "Quantity (input field "stock")": is empty',
		'Make sure each input item has the quantity in the field "stock", or change "Quantity Field".',
	],
	[
		'inventory from input fields: quantity in words',
		inventoryFromInput,
		[{ productId: '1005006000000001', sku: 'A-1', stock: 'ten' }],
		'Item 1, field "Quantity (input field "stock")": must be a whole number from 0 to 999999, got "ten"',
		'Correct the input field "stock": it must be a whole number from 0 to 999999.',
	],
	[
		'inventory from input fields: product id missing',
		inventoryFromInput,
		[{ sku: 'A-1', stock: 3 }],
		'Item 1, field "Product ID (input field "productId")": is empty',
		'Make sure each input item has the product\'s AliExpress ID in the field "productId", or change "Product ID Field".',
	],
	// ---------------------------------------------------------------- Price → Update
	[
		'price: zero',
		price({ price: '0' }),
		[{}],
		'Item 1, field "Price": must be an amount from 0.01 to 999999 with at most two decimals, got "0"',
		'Map the price as a number such as 19.99 (no currency sign), in the currency of your AliExpress store.',
	],
	[
		'price: with a currency sign',
		price({ price: '€19.99' }),
		[{}],
		'Item 1, field "Price": must be an amount from 0.01 to 999999 with at most two decimals, got "€19.99"',
		'Map the price as a number such as 19.99 (no currency sign), in the currency of your AliExpress store.',
	],
	[
		'price: discount with three decimals',
		price({ discountPrice: '1.999' }),
		[{}],
		'Item 1, field "Discount Price": must be an amount from 0.01 to 999999 with at most two decimals, got "1.999"',
		'Map the discount price as a number such as 14.99, or leave it empty.',
	],
	[
		'price: discount above the price',
		price({ discountPrice: '20' }),
		[{}],
		'Item 1, field "Discount Price": 20 is not lower than the price 19.99',
		'Enter a discount price lower than the price, or leave it empty.',
	],
	[
		'price from input fields: discount equal to the price',
		{
			resource: 'price',
			operation: 'update',
			inputMode: 'fromInput',
			productIdField: 'id',
			skuCodeField: 'sku',
			priceField: 'price',
			discountPriceField: 'sale',
		},
		[{ id: '1005006000000001', sku: 'A-1', price: 30, sale: '30.00' }],
		'Item 1, field "Discount Price (input field "sale")": 30 is not lower than the price 30',
		'Enter a discount price lower than the price, or leave it empty.',
	],
	// ---------------------------------------------------------------- Order → Get Many
	[
		'orders: created after in words',
		orders({ createdAfter: 'last tuesday' }),
		[{}],
		'Item 1, field "Created After": is not a date, got "last tuesday"',
		DATE_FIX,
	],
	[
		'orders: February 30th',
		orders({ createdAfter: '2024-02-30' }),
		[{}],
		'Item 1, field "Created After": is not a date, got "2024-02-30"',
		DATE_FIX,
	],
	[
		'orders: February 30th with an offset',
		orders({ createdBefore: '2023-02-29T10:00:00+02:00' }),
		[{}],
		'Item 1, field "Created Before": is not a date, got "2023-02-29T10:00:00+02:00"',
		'Use a date and time such as 2024-05-31T23:59:59 (read in the workflow’s time zone, UTC) or an ISO 8601 time with an offset such as 2024-05-31T23:59:59+02:00.',
	],
	[
		'orders: created range backwards',
		orders({ createdAfter: '2024-05-02T00:00:00Z', createdBefore: '2024-05-01T00:00:00Z' }),
		[{}],
		'Item 1, field "Created After": must be earlier than "Created Before" (2024-05-02T00:00:00.000Z is not before 2024-05-01T00:00:00.000Z)',
		'Swap the two dates or widen the range.',
	],
	[
		'orders: modified range of no length',
		orders({ modifiedAfter: '2024-05-01 10:00:00', modifiedBefore: '2024-05-01T10:00:00Z' }),
		[{}],
		'Item 1, field "Modified After": must be earlier than "Modified Before" (2024-05-01T10:00:00.000Z is not before 2024-05-01T10:00:00.000Z)',
		'Swap the two dates or widen the range.',
	],
	[
		'orders: unknown status',
		orders({ statuses: expr(['WAIT_SELLER_SEND_GOODS', 'SHIPPED']) }),
		[{}],
		'Item 1, field "Statuses": "SHIPPED" is not an AliExpress order status',
		// every status the API knows, in the order the node's Statuses list shows them
		'Use one of: PLACE_ORDER_SUCCESS, IN_CANCEL, FINISH, IN_FROZEN, IN_ISSUE, SELLER_PART_SEND_GOODS, FUND_PROCESSING, RISK_CONTROL, WAIT_BUYER_ACCEPT_GOODS, WAIT_SELLER_EXAMINE_MONEY, WAIT_SELLER_SEND_GOODS.',
	],
	[
		'orders: limit zero',
		ordersLimit(expr(0)),
		[{}],
		'Item 1, field "Limit": must be a whole number of at least 1, got 0',
		'Enter how many orders to return, e.g. 50, or turn on "Return All".',
	],
	[
		'orders: limit in words',
		ordersLimit(expr('ten')),
		[{}],
		'Item 1, field "Limit": must be a whole number of at least 1, got "ten"',
		'Enter how many orders to return, e.g. 50, or turn on "Return All".',
	],
	// ---------------------------------------------------------------- Order → Get / Ship
	[
		'order: id empty',
		{ resource: 'order', operation: 'get', orderId: ' ' },
		[{}],
		'Item 1, field "Order ID": is empty',
		'Enter the order ID or map it from an earlier node.',
	],
	[
		'order: id with a prefix',
		{ resource: 'order', operation: 'get', orderId: 'AE-8123456789012345' },
		[{}],
		'Item 1, field "Order ID": must be a numeric AliExpress ID, got "AE-8123456789012345"',
		'Use the order ID as AliExpress shows it (digits only).',
	],
	[
		'order: id of 25 digits',
		{ resource: 'order', operation: 'get', orderId: '8'.repeat(25) },
		[{}],
		'Item 1, field "Order ID": has 25 digits; an AliExpress ID has at most 20',
		'Use the order ID as AliExpress shows it (digits only).',
	],
	[
		'ship: order id not numeric',
		ship({ orderId: '81234x' }),
		[{}],
		'Item 1, field "Order ID": must be a numeric AliExpress ID, got "81234x"',
		'Use the order ID as AliExpress shows it (digits only).',
	],
	[
		'ship: no shipping service',
		ship({ serviceName: '={{ $json.service }}' }),
		[{ service: '' }],
		'Item 1, field "Shipping Service": is empty',
		'Enter the AliExpress service code of the carrier, e.g. CAINIAO_STANDARD.',
	],
	[
		'ship: no tracking number',
		ship({ trackingNumber: '   ' }),
		[{}],
		'Item 1, field "Tracking Number": is empty',
		'Enter the parcel’s tracking number or map it from an earlier node.',
	],
	[
		'ship: unknown send type',
		ship({ sendType: expr('some') }),
		[{}],
		'Item 1, field "Send Type": must be "all" or "part", got "some"',
		'Use "all" when this parcel completes the order, "part" when more parcels follow.',
	],
	[
		'ship: tracking website without a scheme',
		ship({ trackingWebsite: 'carrier.com/track' }),
		[{}],
		'Item 1, field "Tracking Website": is not a web address, got "carrier.com/track"',
		'Enter the full address of the carrier’s tracking page, e.g. https://www.carrier.com/track.',
	],
	[
		'ship: an OTHER_ service without tracking website',
		ship({ serviceName: 'OTHER_US' }),
		[{}],
		'Item 1, field "Tracking Website": is required for the shipping service "OTHER_US"',
		'AliExpress needs the carrier’s tracking page when the service is an OTHER_… code. Enter it, e.g. https://www.carrier.com/track.',
	],
	// ---------------------------------------------------------------- Token → Create / Refresh
	[
		'token create: no code',
		{ resource: 'token', operation: 'create', code: '={{ $json.code }}' },
		[{ code: '' }],
		'Item 1, field "Authorization Code": is empty',
		'Paste the "code" parameter of the callback URL after authorizing the app.',
	],
	[
		'token refresh: no refresh token',
		{ resource: 'token', operation: 'refresh', refreshToken: ' ' },
		[{}],
		'Item 1, field "Refresh Token": is empty',
		'Map the refresh token saved from the last Create or Refresh.',
	],
];

describe('bad input fails before any call, naming item, field and fix', () => {
	it('covers every operation with at least 40 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
		const operations = new Set(
			CASES.map(([, p]) => `${String(p.resource)}.${String(p.operation)}`),
		);
		expect([...operations].sort()).toEqual([
			'inventory.update',
			'order.get',
			'order.getMany',
			'order.ship',
			'price.update',
			'product.get',
			'product.getMany',
			'product.publish',
			'product.update',
			'token.create',
			'token.refresh',
		]);
	});

	it.each(CASES)('%s', async (_name, parameters, items, message, fix) => {
		const { out, error } = await runNode(sandbox, parameters, items);
		expect(out).toBeUndefined();
		// n8n records the node's error as a plain object (the thrown error spread)
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(fix);
		expect(error?.context?.itemIndex).toBe(Number(/^Item (\d+)/.exec(message)![1]) - 1);
		expect(sandbox.calls).toHaveLength(0);
	});
});

const ID_DIGITS = 'Enter the numeric ID (digits only)';

describe('n8n refuses before the node runs: a required field typed empty, an ID typed that is no number', () => {
	// the issues n8n lists for the node (the editor shows them on the field); the run does not start
	it.each<[string, INodeParameters, string[]]>([
		[
			'publish: category empty',
			publish({ categoryId: rl('') }),
			['Parameter "Category" is required.', ID_DIGITS],
		],
		['publish: category by name', publish({ categoryId: rl('Dresses') }), [ID_DIGITS]],
		[
			'publish: freight template empty',
			publish({ freightTemplateId: rl('') }),
			['Parameter "Freight Template" is required.', ID_DIGITS],
		],
		[
			'update: product id empty',
			update({ productId: '' }),
			['Parameter "Product ID" is required.'],
		],
		[
			'inventory: quantity empty',
			inventory({ quantity: '' }),
			['Parameter "Quantity" is required.'],
		],
		[
			'inventory: SKU code empty',
			inventory({ skuCode: '' }),
			['Parameter "SKU Code" is required.'],
		],
		[
			'ship: no shipping service',
			ship({ serviceName: '' }),
			['Parameter "Shipping Service" is required.'],
		],
		[
			'token create: no code',
			{ resource: 'token', operation: 'create', code: '' },
			['Parameter "Authorization Code" is required.'],
		],
	])('%s', async (_name, parameters, issues) => {
		const { out, error: refused } = await runNode(sandbox, parameters, DRESS);
		expect(out).toBeUndefined();
		expect(refused?.name).toBe('WorkflowHasIssuesError');
		const [head, ...lines] = refused!.message.split('\n');
		expect(head).toBe("The 'AliExpress' node has issues:");
		// n8n may list one validation message twice (it does for Freight Template): compared as a set
		expect([...new Set(lines)].sort()).toEqual(issues.map((issue) => `- ${issue}`).sort());
		expect(sandbox.calls).toHaveLength(0);
	});
});

describe('Continue On Fail: a bad item fails alone', () => {
	it('Update Inventory: the bad SKU gets its error, the good ones are applied, one result each, in order', async () => {
		const p = productWithSkus(sandbox, 'COF', 3, 1);
		const items = [
			{ productId: p.product_id, sku: 'COF-S01', stock: 11 },
			{ productId: p.product_id, sku: 'COF-S02', stock: -4 },
			{ productId: p.product_id, sku: 'COF-S03', stock: 33 },
		];
		const { out, error } = await runNode(sandbox, inventoryFromInput, items, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(out!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out![0].json).toEqual({
			productId: p.product_id,
			skuCode: 'COF-S01',
			quantity: 11,
			success: true,
		});
		expect(out![2].json).toEqual({
			productId: p.product_id,
			skuCode: 'COF-S03',
			quantity: 33,
			success: true,
		});
		expect(out![1].json).toEqual({
			success: false,
			errorCode: 'INVALID_INPUT',
			errorMessage:
				'Item 2, field "Quantity (input field "stock")": must be a whole number from 0 to 999999, got -4',
			error:
				'Item 2, field "Quantity (input field "stock")": must be a whole number from 0 to 999999, got -4',
		});
		expect(p.skus.map((s) => s.inventory)).toEqual([11, 1, 33]);
		expect(sandbox.calls).toHaveLength(1);

		// Without Continue On Fail the same input stops before any call, naming the bad item.
		sandbox.resetCalls();
		const stopped = await runNode(sandbox, inventoryFromInput, items);
		expect(stopped.out).toBeUndefined();
		expect(stopped.error?.name).toBe('NodeOperationError');
		expect(stopped.error?.context?.itemIndex).toBe(1);
		expect(stopped.error?.message).toBe(
			'Item 2, field "Quantity (input field "stock")": must be a whole number from 0 to 999999, got -4',
		);
		expect(sandbox.calls).toHaveLength(0);
	});

	it('Ship: the item without a tracking number fails alone; the others ship', async () => {
		const orderIds = [0, 1, 2].map(
			() => sandbox.store.addOrder({ order_status: 'WAIT_SELLER_SEND_GOODS' }).order_id,
		);
		const params = ship({
			orderId: '={{ $json.orderId }}',
			trackingNumber: '={{ $json.tracking }}',
		});
		const items = [
			{ orderId: orderIds[0], tracking: 'LP00000000001' },
			{ orderId: orderIds[1], tracking: '' },
			{ orderId: orderIds[2], tracking: 'LP00000000003' },
		];
		const { out, error } = await runNode(sandbox, params, items, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out!.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out![1].json).toEqual({
			error: 'Item 2, field "Tracking Number": is empty',
			errorDescription: 'Enter the parcel’s tracking number or map it from an earlier node.',
		});
		expect([out![0].json.success, out![2].json.success]).toEqual([true, true]);
		expect(sandbox.store.orders.get(orderIds[0])!.shipments.map((s) => s.logistics_no)).toEqual([
			'LP00000000001',
		]);
		expect(sandbox.store.orders.get(orderIds[1])!.shipments).toEqual([]);
		expect(sandbox.store.orders.get(orderIds[2])!.shipments.map((s) => s.logistics_no)).toEqual([
			'LP00000000003',
		]);
	});
});
