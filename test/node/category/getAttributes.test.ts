/**
 * Category → Get Attributes in n8n's engine against the sandbox's seeded attributes,
 * and its output mapped into Product → Publish: the entries it gives go into
 * Attribute List (JSON) and a SKU's Attributes (JSON) as they are, and the sandbox
 * publishes the product with exactly those ids.
 */
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { categoryAttributes } from '../../sandbox/categories';
import { operation, useSandbox } from '../suite';

const ATTRS = 'aliexpress.category.redefining.getchildattributesresultbypostcateidandpath';
const POST = 'aliexpress.solution.product.post';

const sandbox = useSandbox({ products: 5, orders: 0 });
const getAttributes = operation(__dirname, 'getAttributes.workflow.json', sandbox);
const publish = operation(path.join(__dirname, '..', 'product'), 'publish.workflow.json', sandbox);

describe('Category → Get Attributes', () => {
	it("returns a leaf category's visible product and SKU attributes, each value with its Publish entry", async () => {
		const out = await getAttributes.output(getAttributes.parameters());
		const seeded = categoryAttributes(sandbox.store, '200000347')!.filter(
			(a) => a.visible !== false,
		);
		expect(out.map((o) => o.json.attributeId)).toEqual(seeded.map((a) => a.id));
		expect(sandbox.calls[0].params).toMatchObject({ param1: '200000347' });
		expect(sandbox.calls[0].params.param2).toBeUndefined();

		const color = out.find((o) => o.json.name === 'Color')!.json;
		const seededColor = seeded.find((a) => a.name === 'Color')!;
		expect(color).toMatchObject({
			attributeId: seededColor.id,
			kind: 'sku',
			required: true,
			customNameAllowed: true,
			customImageAllowed: true,
			order: 1,
			publishField: 'SKUs › SKU › Attributes (JSON)',
		});
		expect((color.values as IDataObject[])[0]).toEqual({
			valueId: seededColor.values[0].id,
			name: seededColor.values[0].name,
			names: { en: seededColor.values[0].name, es: seededColor.values[0].name },
			entry: {
				sku_attribute_name_id: seededColor.id,
				sku_attribute_value_id: seededColor.values[0].id,
			},
		});
		const origin = out.find((o) => o.json.name === 'Origin')!.json;
		expect(origin).toMatchObject({
			kind: 'product',
			required: true,
			publishField: 'Additional Fields › Attribute List (JSON)',
		});
		expect((origin.values as IDataObject[])[0]).toMatchObject({
			entry: { aliexpress_attribute_name_id: 219, aliexpress_attribute_value_id: 9441741844 },
			hasSubAttributes: true,
			subAttributePath: '219=9441741844',
		});
	});

	it('filters by kind and required, shows hidden ones on request, and lists sub-attributes along a path', async () => {
		const sku = await getAttributes.output(getAttributes.parameters({ filters: { kind: 'sku' } }));
		expect(sku.map((o) => o.json.name)).toEqual(['Color', 'Size']);
		const required = await getAttributes.output(
			getAttributes.parameters({ filters: { kind: 'product', requiredOnly: true } }),
		);
		expect(required.map((o) => o.json.name)).toEqual(['Brand Name', 'Origin']);
		const hidden = await getAttributes.output(
			getAttributes.parameters({ filters: { kind: 'product', includeHidden: true } }),
		);
		const note = hidden.find((o) => o.json.name === 'Internal Seller Note')!.json;
		expect(note).toMatchObject({
			visible: false,
			values: [],
			entryTemplate: { aliexpress_attribute_name_id: 200000631, attribute_value: '' },
		});

		sandbox.resetCalls();
		const sub = await getAttributes.output(
			getAttributes.parameters({ filters: { path: '219=9441741844' } }),
		);
		expect(sub.map((o) => [o.json.name, o.json.parentPath])).toEqual([
			['Province', '219=9441741844'],
		]);
		expect(JSON.parse(sandbox.calls[0].params.param2)).toEqual(['219=9441741844']);
	});

	it('raw items as AliExpress answers them', async () => {
		const out = await getAttributes.output(
			getAttributes.parameters({ simplify: false, filters: { kind: 'sku' } }),
		);
		expect(out[0].json).toMatchObject({
			sku: true,
			names: JSON.stringify({ en: 'Color', es: 'Color' }),
		});
		expect((out[0].json.values as IDataObject).aeop_attr_value_dto).toBeDefined();
	});

	it('refuses a bad category and a bad path before any call; a non-leaf category is an API error', async () => {
		const { items } = await getAttributes.run(
			getAttributes.parameters({
				categoryId: { __rl: true, mode: 'id', value: '={{ $json.category }}' },
				filters: { path: '={{ $json.path }}' },
			}),
			{
				continueOnFail: true,
				items: [
					{ category: 'dresses' },
					{ category: '200000347', path: '219:94' },
					{ category: '3' },
				],
			},
		);
		expect(String(items[0].json.error)).toMatch(
			/Item 1, field "Category": must be a numeric AliExpress ID/,
		);
		expect(String(items[1].json.error)).toMatch(
			/Item 2, field "Filters › Sub-Attributes Of": "219:94" is not attributeId=valueId/,
		);
		expect(String(items[2].json.error)).toMatch(/not a leaf category/);
		expect(items[2].json.errorCode).toBe('400');
		expect(sandbox.callCount(ATTRS)).toBe(1);
	});

	it("maps into Publish: the required product attributes' and each SKU's entries publish the product with those ids", async () => {
		const attributes = await getAttributes.output(getAttributes.parameters());
		// what an Aggregate node hands on: every attribute in one item
		const item = {
			title: 'Linen Dress Mapped',
			code: 'MAPPED',
			attributes: attributes.map((a) => a.json),
		};
		const parameters = publish.parameters({
			additionalFields: {
				attributeList:
					'={{ JSON.stringify($json.attributes.filter(a => a.kind === "product" && a.required).map(a => a.values[0].entry)) }}',
			},
		});
		const skus = (parameters.skus as { sku: IDataObject[] }).sku;
		const colour = (n: number) =>
			`={{ JSON.stringify([$json.attributes.find(a => a.name === "Color").values[${n}].entry, $json.attributes.find(a => a.name === "Size").values[0].entry]) }}`;
		skus[0] = { ...skus[0], attributes: colour(0) };
		skus[1] = { ...skus[1], attributes: colour(3) };
		const { items, error } = await publish.run(parameters, { items: [item] });
		expect(error).toBeUndefined();
		const productId = String(items[0].json.productId);
		const stored = sandbox.store.products.get(productId)!;
		const seeded = categoryAttributes(sandbox.store, '200000347')!;
		const color = seeded.find((a) => a.name === 'Color')!;
		const size = seeded.find((a) => a.name === 'Size')!;
		expect(
			stored.skus.map((s) => s.attributes.map((a) => [a.sku_property_id, a.property_value_id])),
		).toEqual([
			[
				[color.id, color.values[0].id],
				[size.id, size.values[0].id],
			],
			[
				[color.id, color.values[3].id],
				[size.id, size.values[0].id],
			],
		]);
		const sent = JSON.parse(
			sandbox.calls.filter((c) => c.method === POST)[0].params.post_product_request,
		) as IDataObject;
		expect(sent.attribute_list).toEqual([
			{ aliexpress_attribute_name_id: 2, aliexpress_attribute_value_id: 201512802 },
			{ aliexpress_attribute_name_id: 219, aliexpress_attribute_value_id: 9441741844 },
		]);
		expect(stored.extra.attribute_list).toEqual(sent.attribute_list);
	});
});
