/**
 * Order → Ship: one `aliexpress.solution.order.fulfill` per input item; a
 * shipment the order already carries is not an error (see `ship`).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=42269&docType=2 (aliexpress.solution.order.fulfill)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	carrierListOnce,
	isOtherService,
	trackingPattern,
	type Carrier,
} from '../../helpers/carriers';
import { inputError, locatorValue, requireId, requireText } from '../../helpers/input';
import { asNodeError, runPerItem } from '../../helpers/items';
import { readOrder } from '../../helpers/orders';
import { shownValue } from '../../helpers/values';
import { toList } from '../../transport/envelope';
import { AliExpressError, errorAdvice, toNodeApiError } from '../../transport/errors';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8123456789012345',
		description: 'The ID of the order to ship, as AliExpress shows it (digits only)',
	},
	{
		displayName: 'Shipping Service',
		name: 'serviceName',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			'The carrier service that carries the parcel: one of the store’s carriers (the Carrier resource’s Get Many lists them), or an OTHER_… code with a Tracking Website',
		hint: 'Pick the carrier from the list, or enter its service name, e.g. CAINIAO_STANDARD. For a carrier AliExpress does not list, enter an OTHER_… code (or "other") and give the Tracking Website.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCarriers', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. CAINIAO_STANDARD',
			},
		],
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. LP00123456789012',
		description: 'The tracking number of the parcel',
	},
	{
		displayName: 'Send Type',
		name: 'sendType',
		type: 'options',
		options: [
			{
				name: 'All Items',
				value: 'all',
				description: 'This parcel completes the order',
			},
			{
				name: 'Part of the Items',
				value: 'part',
				description: 'More parcels follow; the order stays open for further shipments',
			},
		],
		default: 'all',
		description: 'Whether this shipment contains the whole order or only part of it',
	},
	{
		displayName: 'Tracking Website',
		name: 'trackingWebsite',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://www.carrier.com/track',
		description:
			'Where the buyer can track the parcel. Required by AliExpress when the shipping service is an OTHER_… code.',
	},
	{
		displayName: 'Check Tracking Number',
		name: 'checkTrackingNumber',
		type: 'boolean',
		default: true,
		description:
			'Whether to check, before shipping, that the shipping service is one of the store’s carriers and the tracking number matches that carrier’s pattern (the carrier list is read once per run). OTHER_… codes are not checked.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['ship'] } },
	properties,
);

interface Prepared {
	orderId: string;
	serviceName: string;
	trackingNumber: string;
	sendType: 'all' | 'part';
	trackingWebsite?: string;
}

async function prepare(
	ctx: IExecuteFunctions,
	itemIndex: number,
	carriers: () => Promise<Carrier[]>,
): Promise<Prepared> {
	const orderId = requireId(
		ctx,
		itemIndex,
		'Order ID',
		ctx.getNodeParameter('orderId', itemIndex),
		'order ID',
	);
	const serviceName = locatorValue(ctx.getNodeParameter('serviceName', itemIndex, ''));
	if (!serviceName) {
		throw inputError(
			ctx,
			itemIndex,
			'Shipping Service',
			'is empty',
			'Enter the AliExpress service code of the carrier, e.g. CAINIAO_STANDARD.',
		);
	}
	const trackingNumber = requireText(
		ctx,
		itemIndex,
		'trackingNumber',
		'Tracking Number',
		'Enter the parcel’s tracking number or map it from an earlier node.',
	);
	const sendType = String(ctx.getNodeParameter('sendType', itemIndex, 'all') ?? 'all').trim();
	if (sendType !== 'all' && sendType !== 'part') {
		throw inputError(
			ctx,
			itemIndex,
			'Send Type',
			`must be "all" or "part", got ${shownValue(sendType)}`,
			'Use "all" when this parcel completes the order, "part" when more parcels follow.',
		);
	}
	const website = String(ctx.getNodeParameter('trackingWebsite', itemIndex, '') ?? '').trim();
	if (website) {
		let url: URL | undefined;
		try {
			url = new URL(website);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
			throw inputError(
				ctx,
				itemIndex,
				'Tracking Website',
				`is not a web address, got ${shownValue(website)}`,
				'Enter the full address of the carrier’s tracking page, e.g. https://www.carrier.com/track.',
			);
		}
	} else if (isOtherService(serviceName)) {
		throw inputError(
			ctx,
			itemIndex,
			'Tracking Website',
			`is required for the shipping service ${shownValue(serviceName)}`,
			'AliExpress needs the carrier’s tracking page when the service is an OTHER_… code. Enter it, e.g. https://www.carrier.com/track.',
		);
	}
	if (ctx.getNodeParameter('checkTrackingNumber', itemIndex, true) !== false) {
		await checkCarrier(ctx, itemIndex, serviceName, trackingNumber, carriers);
	}
	return { orderId, serviceName, trackingNumber, sendType, trackingWebsite: website || undefined };
}

/**
 * The service must be one of the store's carriers and the tracking number must match that
 * carrier's `tracking_no_regex` (AliExpress refuses a number that fails its check: FAQ
 * articleId=119601). `other` and OTHER_… codes are not in the list by nature and are not checked.
 */
async function checkCarrier(
	ctx: IExecuteFunctions,
	itemIndex: number,
	serviceName: string,
	trackingNumber: string,
	carriers: () => Promise<Carrier[]>,
): Promise<void> {
	if (isOtherService(serviceName)) return;
	const list = await carriers().then(
		(value) => value,
		(error: unknown) => {
			if (!(error instanceof AliExpressError)) return asNodeError(ctx.getNode(), error, itemIndex);
			const advice = `The store's carrier list (needed to check the Shipping Service and Tracking Number) could not be read: ${errorAdvice(error.info.kind)} To ship without the check, turn off "Check Tracking Number".`;
			return toNodeApiError(
				ctx.getNode(),
				new AliExpressError({ ...error.info, advice }),
				itemIndex,
			);
		},
	);
	if (!Array.isArray(list)) throw list;
	const carrier = list.find((c) => c.service_name === serviceName);
	if (!carrier) {
		const names = list.map((c) => c.service_name);
		throw inputError(
			ctx,
			itemIndex,
			'Shipping Service',
			`${shownValue(serviceName)} is not one of the store's carriers (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})`,
			'Pick the carrier from the list (Carrier → Get Many lists them all, names are case-sensitive), or for a carrier AliExpress does not list use an OTHER_… code with the Tracking Website.',
		);
	}
	const pattern = trackingPattern(carrier);
	if (pattern && !pattern.test(trackingNumber)) {
		throw inputError(
			ctx,
			itemIndex,
			'Tracking Number',
			`${shownValue(trackingNumber)} does not match the pattern ${carrier.tracking_no_regex} of ${serviceName}`,
			`AliExpress checks tracking numbers against the carrier's pattern. Check the number from the warehouse, or the Shipping Service it was sent with.`,
		);
	}
}

/** Whether the order already carries a shipment with this tracking number. */
async function alreadyShippedWith(client: AliExpressClient, p: Prepared): Promise<boolean> {
	let order: IDataObject;
	try {
		order = await readOrder(client, p.orderId);
	} catch {
		return false;
	}
	const wanted = p.trackingNumber.toUpperCase();
	return toList<IDataObject>(order.logistic_info_list, 'global_aeop_tp_logistic_info_dto').some(
		(s) =>
			String(s.logistics_no ?? '')
				.trim()
				.toUpperCase() === wanted,
	);
}

/**
 * Ships one order. Repeating a shipment is harmless: when AliExpress refuses
 * because the order already carries this tracking number (a workflow run
 * again, or a retry whose first answer was lost), the item succeeds with
 * `alreadyShipped: true`. Any other refusal is an error.
 */
async function ship(client: AliExpressClient, p: Prepared): Promise<IDataObject> {
	const params: IDataObject = {
		out_ref: p.orderId,
		service_name: p.serviceName,
		logistics_no: p.trackingNumber,
		send_type: p.sendType,
	};
	if (p.trackingWebsite) params.tracking_website = p.trackingWebsite;
	const failure = await client.call(METHODS.orderFulfill, params, { retry: 'safe' }).then(
		() => undefined,
		(error: unknown) => error,
	);
	let alreadyShipped = false;
	if (failure !== undefined) {
		// A refusal other than "no such order" may mean the order already carries this shipment.
		const refused =
			failure instanceof AliExpressError &&
			failure.info.kind === 'business' &&
			!/NOT_FOUND|NOT_EXIST/i.test(failure.info.code);
		// runPerItem turns the AliExpressError into the NodeApiError shown.
		if (!refused || !(await alreadyShippedWith(client, p))) throw failure;
		alreadyShipped = true;
	}
	return {
		orderId: p.orderId,
		trackingNumber: p.trackingNumber,
		serviceName: p.serviceName,
		sendType: p.sendType,
		success: true,
		alreadyShipped,
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	const carriers = carrierListOnce(client);
	return await runPerItem(
		this,
		client,
		async (itemIndex) => await prepare(this, itemIndex, carriers),
		async (prepared) => await ship(client, prepared),
		{ writes: true },
	);
}
