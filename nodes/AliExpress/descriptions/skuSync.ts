/** The parameters of Update Inventory and Update Price: input mode, the SKU's fields, and input field names. */
import type { INodeProperties } from 'n8n-workflow';

import type { SkuSyncSpec } from '../helpers/skuSync';
import { AUTO_FEED_ABOVE_CALLS, DEFAULT_FEED_TIMEOUT_S } from '../helpers/syncMethod';
import { productIdProperty } from './product';

/** "Sync Method" and "Feed Timeout": batch calls or bulk feeds (helpers/syncMethod.ts). */
const syncMethodProperties: INodeProperties[] = [
	{
		displayName: 'Sync Method',
		name: 'syncMethod',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: `Batch calls for up to ${AUTO_FEED_ABOVE_CALLS * 20} products, bulk feeds above that`,
			},
			{
				name: 'Batch Calls',
				value: 'batch',
				description: 'Calls of 20 products each, applied at once',
			},
			{
				name: 'Bulk Feeds',
				value: 'feed',
				description:
					'Jobs of up to 2,000 products each that AliExpress processes in its own time; the node waits for every result',
			},
		],
		default: 'auto',
		description:
			'How the SKUs are sent. Feeds need about 100 times fewer calls for big catalogues but wait for AliExpress to process them; AliExpress recommends fewer than 150 feeds per day for each kind.',
	},
	{
		displayName: 'Feed Timeout (Seconds)',
		name: 'feedTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_FEED_TIMEOUT_S,
		description:
			'How long to wait for AliExpress to process the feeds. SKUs without a result by then are reported as not confirmed (with the feed job ID), never as applied.',
		displayOptions: { hide: { syncMethod: ['batch'] } },
	},
];

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
		...syncMethodProperties,
	];
}
