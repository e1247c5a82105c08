/** Parameters several operations show alike: Options for the transport, Return All and Limit, Simplify, id pickers. */
import type { INodeProperties } from 'n8n-workflow';

/** The "Options" entries that tune the transport; every operation offers them. */
export const transportOptionFields: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 5,
		description:
			'At most this many calls to AliExpress in flight at once. The node starts with two and opens up to this number while AliExpress accepts the pace; a quota answer halves it.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 5,
		description:
			'How often one call is tried when AliExpress is busy or unreachable (the first try included). Retries wait with exponential backoff and jitter. Quota answers do not count: Max Retry Time bounds them.',
	},
	{
		displayName: 'Max Retry Time (Seconds)',
		name: 'maxRetryTime',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description:
			'No retry of a call starts after this many seconds since its first try. A quota ban AliExpress says lasts longer fails at once, saying when it ends.',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description:
			"A ceiling: never more calls per second than this, and the rate to start at. Leave the option out to let the node find your app's quota itself (it slows down when AliExpress refuses for quota and speeds up gently, shared by every workflow using the same app key).",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to wait for one answer from AliExpress',
	},
];

/** "Return All" and "Limit", as every Get Many operation offers them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Simplify toggle of the read operations. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** A resource locator: pick from a list (searchable) or enter the numeric ID. */
export function idLocator(
	base: Pick<
		INodeProperties,
		'displayName' | 'name' | 'description' | 'required' | 'displayOptions' | 'hint'
	>,
	searchListMethod: string,
	placeholder: string,
): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*\\d+\\s*$',
							errorMessage: 'Enter the numeric ID (digits only)',
						},
					},
				],
			},
		],
	};
}
