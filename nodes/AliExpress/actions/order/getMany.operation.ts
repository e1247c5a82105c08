/**
 * Order → Get Many: `aliexpress.solution.order.get` over the windows the API
 * allows (helpers/orderWindows.ts), merged, newest first.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=42270&docType=2 (aliexpress.solution.order.get)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyProperty } from '../../descriptions/common';
import { ORDER_STATUS_VALUES, ORDER_STATUSES } from '../../descriptions/order';
import { inputError, readLimit } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { simplifyOrder } from '../../helpers/orderOutput';
import { fetchOrders } from '../../helpers/orders';
import type { OrderQuery } from '../../helpers/orderWindows';
import { shownValue } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';
import { parseUserDate } from '../../transport/time';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Buyer Login ID',
				name: 'buyerLoginId',
				type: 'string',
				default: '',
				description:
					'Only orders of this buyer (the buyer’s AliExpress login ID, e.g. us1234567890abcd)',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only orders placed at or after this time. Without it, the 180 days before Created Before (or before now) are read. A time without a zone is in the workflow’s time zone.',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only orders placed at or before this time. A time without a zone is in the workflow’s time zone.',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only orders last changed at or after this time. A time without a zone is in the workflow’s time zone.',
			},
			{
				displayName: 'Modified Before',
				name: 'modifiedBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only orders last changed at or before this time. A time without a zone is in the workflow’s time zone.',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUSES,
				default: [],
				description:
					'Only orders in these statuses (none selected: every status). Finished orders are read on their own, in windows of 30 days (an AliExpress rule), so they cost more calls.',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	properties,
);

const DATE_FIELDS = [
	{ name: 'createdAfter', label: 'Created After', example: '2024-05-01T00:00:00' },
	{ name: 'createdBefore', label: 'Created Before', example: '2024-05-31T23:59:59' },
	{ name: 'modifiedAfter', label: 'Modified After', example: '2024-05-01T00:00:00' },
	{ name: 'modifiedBefore', label: 'Modified Before', example: '2024-05-31T23:59:59' },
] as const;

type DateField = (typeof DATE_FIELDS)[number]['name'];

interface Prepared {
	query: OrderQuery;
	simplify: boolean;
}

function prepare(ctx: IExecuteFunctions, itemIndex: number): Prepared {
	const zone = ctx.getTimezone();
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;

	const dates: Partial<Record<DateField, number>> = {};
	for (const field of DATE_FIELDS) {
		const raw = filters[field.name];
		if (raw === undefined || raw === null || raw === '') continue;
		const ms = parseUserDate(raw, zone);
		if (ms === undefined) {
			throw inputError(
				ctx,
				itemIndex,
				field.label,
				`is not a date, got ${shownValue(raw)}`,
				`Use a date and time such as ${field.example} (read in the workflow’s time zone, ${zone}) or an ISO 8601 time with an offset such as ${field.example}+02:00.`,
			);
		}
		dates[field.name] = ms;
	}
	for (const [after, before, a, b] of [
		['createdAfter', 'createdBefore', 'Created After', 'Created Before'],
		['modifiedAfter', 'modifiedBefore', 'Modified After', 'Modified Before'],
	] as const) {
		const from = dates[after];
		const to = dates[before];
		if (from !== undefined && to !== undefined && from >= to) {
			throw inputError(
				ctx,
				itemIndex,
				a,
				`must be earlier than "${b}" (${new Date(from).toISOString()} is not before ${new Date(to).toISOString()})`,
				`Swap the two dates or widen the range.`,
			);
		}
	}

	const statuses =
		filters.statuses === undefined || filters.statuses === '' ? [] : filters.statuses;
	const statusList = (Array.isArray(statuses) ? statuses : String(statuses).split(','))
		.map((s) => String(s).trim())
		.filter(Boolean);
	for (const status of statusList) {
		if (!ORDER_STATUS_VALUES.includes(status)) {
			throw inputError(
				ctx,
				itemIndex,
				'Statuses',
				`${shownValue(status)} is not an AliExpress order status`,
				`Use one of: ${ORDER_STATUS_VALUES.join(', ')}.`,
			);
		}
	}

	const query: OrderQuery = {
		createdFrom: dates.createdAfter,
		createdTo: dates.createdBefore,
		modifiedFrom: dates.modifiedAfter,
		modifiedTo: dates.modifiedBefore,
		statuses: statusList,
		buyerLoginId: String(filters.buyerLoginId ?? '').trim() || undefined,
	};
	if (!returnAll)
		query.limit = readLimit(
			ctx,
			itemIndex,
			'Enter how many orders to return, e.g. 50, or turn on "Return All".',
		);
	return { query, simplify };
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		client,
		(itemIndex) => prepare(this, itemIndex),
		async ({ query, simplify }) => {
			const orders = await fetchOrders(client, query, Date.now());
			return simplify ? orders.map((order) => simplifyOrder(order)) : orders;
		},
	);
}
