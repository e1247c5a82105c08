/** The parameters of Update Inventory and Update Price: input mode, the SKU's fields, and input field names. */
import type { INodeProperties } from 'n8n-workflow';

import type { SkuSyncSpec } from '../helpers/skuSync';
import { productIdProperty } from './product';

/** Shown for the operation by its caller (updateDisplayOptions). */
export function skuSyncProperties(spec: Pick<SkuSyncSpec, 'values'>): INodeProperties[] {
	const fieldsMode = { inputMode: ['fields'] };
	const inputMode = { inputMode: ['fromInput'] };
	const valueParams: INodeProperties[] = spec.values.map((v) => ({
		displayName: v.displayName,
		name: v.name,
		type: 'string',
		default: '',
		required: v.required,
		placeholder:
			v.name === 'quantity' ? 'e.g. {{ $json.inventory_quantity }}' : 'e.g. {{ $json.price }}',
		description: v.description,
		displayOptions: { show: fieldsMode },
	}));
	const fieldNameParams: INodeProperties[] = [
		{ name: 'productIdField', displayName: 'Product ID Field', def: 'productId' },
		{ name: 'skuCodeField', displayName: 'SKU Code Field', def: 'skuCode' },
		...spec.values.map((v) => ({
			name: v.fieldParam,
			displayName: `${v.displayName} Field`,
			def: v.name,
		})),
	].map((f) => ({
		displayName: f.displayName,
		name: f.name,
		type: 'string' as const,
		default: f.def,
		required: true,
		description: `Name of the input field that holds the ${f.displayName.replace(/ Field$/, '')} (dots reach into nested objects, e.g. "variant.${f.def}")`,
		displayOptions: { show: inputMode },
	}));
	return [
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Map Each Field',
					value: 'fields',
					description: 'Set each value below, usually with an expression that reads the input item',
				},
				{
					name: 'Use Input Fields',
					value: 'fromInput',
					description: 'Read the values straight from fields of each input item, by name',
				},
			],
			default: 'fields',
			hint: 'Each input item is one SKU. For thousands of items, "Use Input Fields" is much faster: n8n evaluates every expression separately (about 0.6 ms each), while field names are read directly.',
		},
		{
			...productIdProperty('The AliExpress product the SKU belongs to'),
			displayOptions: { show: fieldsMode },
		},
		{
			displayName: 'SKU Code',
			name: 'skuCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.sku }}',
			description: "The SKU's code (the seller SKU set when publishing), the same as in your shop",
			displayOptions: { show: fieldsMode },
		},
		...valueParams,
		...fieldNameParams,
	];
}
