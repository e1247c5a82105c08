import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { transportOptionFields } from './descriptions/common';
import { ORDER_STATUSES } from './descriptions/order';
import { settingsFromOptions } from './helpers/client';
import { asNodeError } from './helpers/items';
import { simplifyOrder } from './helpers/orderOutput';
import { fetchOrders } from './helpers/orders';
import { AliExpressClient } from './transport/request';
import { parseUserDate } from './transport/time';
import {
	initialState,
	loadState,
	pollQuery,
	selectEvents,
	type OrderEvent,
	type PollSettings,
} from './trigger/orderEvents';

const MINUTE = 60_000;
const DAY = 86_400_000;

export class AliExpressTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AliExpress Trigger',
		name: 'aliExpressTrigger',
		icon: { light: 'file:aliexpress.svg', dark: 'file:aliexpress.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "newOrder" ? "New order" : "Order updated"}}',
		description: 'Starts the workflow when AliExpress orders arrive or change status',
		defaults: { name: 'AliExpress Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aliExpressApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Order',
						value: 'newOrder',
						description: 'An order created since the trigger was activated (each order once)',
					},
					{
						name: 'Order Updated',
						value: 'orderUpdated',
						description: 'An order reached a new status (each order and status once)',
					},
				],
				default: 'newOrder',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUSES,
				default: [],
				description:
					'Only orders in these statuses. For New Order, an order fires when it is first seen in one of them (e.g. "Waiting for Seller to Ship" for paid orders). Empty: any status.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the order instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Start Date',
						name: 'startDate',
						type: 'dateTime',
						default: '',
						description:
							'Also fire for orders since this date when the trigger starts. Without it, the first poll only marks the starting point and fires for nothing that came before.',
					},
					{
						displayName: 'Late Order Tolerance (Minutes)',
						name: 'overlapMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 60,
						description:
							'Each poll reads again this far before the previous poll (plus one hour for daylight-saving changes), so orders that show up in AliExpress late are not missed',
					},
					{
						displayName: 'Memory (Days)',
						name: 'retainDays',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 90 },
						default: 30,
						description:
							'How long the trigger remembers which orders it fired for. New Order looks at orders created within this time.',
					},
					...transportOptionFields,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as OrderEvent;
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const settings: PollSettings = {
			event,
			statuses,
			overlapMs: Number(options.overlapMinutes ?? 60) * MINUTE,
			retainMs: Number(options.retainDays ?? 30) * DAY,
		};
		const startDate =
			options.startDate !== undefined && options.startDate !== ''
				? parseUserDate(options.startDate, this.getTimezone())
				: undefined;
		if (options.startDate && startDate === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Option "Start Date": "${String(options.startDate)}" is not a date`,
				{
					description:
						'Pick a date in the date picker or give an ISO 8601 date such as 2026-11-01T00:00:00.',
				},
			);
		}
		const client = new AliExpressClient(this, settingsFromOptions(options, this.getNode()));
		const now = Date.now();
		const toItems = (orders: IDataObject[]) =>
			orders.map((order) => ({ json: simplify ? simplifyOrder(order) : order }));

		try {
			if (this.getMode() === 'manual') {
				// "Fetch Test Event": the latest matching order as a sample; no state changes.
				const sample = await fetchOrders(
					client,
					{
						statuses: statuses.length ? statuses : undefined,
						limit: 1,
						createdFrom: now - 30 * DAY,
					},
					now,
				);
				return sample.length ? [toItems(sample)] : null;
			}

			const data = this.getWorkflowStaticData('node');
			const saved = loadState(data, event, statuses);
			if (!saved && startDate === undefined) {
				// First poll: the starting point. Nothing before it is an event.
				data.orders = initialState(event, now);
				return null;
			}
			const state = saved ?? initialState(event, now, startDate);
			const query = pollQuery(state, settings, now);
			const orders = await fetchOrders(
				client,
				{ createdFrom: query.createdFrom, modifiedFrom: query.modifiedFrom, anyStatus: true },
				now,
			);
			const result = selectEvents(state, settings, orders, now);
			// The state moves on only after a poll that read everything.
			data.orders = result.state;
			return result.events.length ? [toItems(result.events)] : null;
		} catch (error) {
			throw asNodeError(this.getNode(), error);
		}
	}
}
