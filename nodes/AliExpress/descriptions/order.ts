/** The order statuses, for pick lists and for checking input. */
import type { INodePropertyOptions } from 'n8n-workflow';

/** Every order status, for multi-selects: Title Case name, API value, meaning. */
export const ORDER_STATUSES: Array<INodePropertyOptions & { value: string }> = [
	{
		name: 'Awaiting Payment',
		value: 'PLACE_ORDER_SUCCESS',
		description: 'Placed, waiting for the buyer to pay (PLACE_ORDER_SUCCESS)',
	},
	{
		name: 'Cancellation Requested',
		value: 'IN_CANCEL',
		description: 'The buyer asked to cancel the order (IN_CANCEL)',
	},
	{
		name: 'Completed',
		value: 'FINISH',
		description:
			'Completed (FINISH). AliExpress returns these only to a query on their own over at most 30 days of creation dates: the node reads them in 30-day windows, as far back as asked.',
	},
	{ name: 'Frozen', value: 'IN_FROZEN', description: 'The order is frozen (IN_FROZEN)' },
	{ name: 'In Dispute', value: 'IN_ISSUE', description: 'The buyer opened a dispute (IN_ISSUE)' },
	{
		name: 'Partly Shipped',
		value: 'SELLER_PART_SEND_GOODS',
		description: 'Some items shipped (SELLER_PART_SEND_GOODS)',
	},
	{
		name: 'Payment Being Settled',
		value: 'FUND_PROCESSING',
		description: 'Buyer and seller agreed; the payment is being settled (FUND_PROCESSING)',
	},
	{
		name: 'Risk Check',
		value: 'RISK_CONTROL',
		description: 'Paid, in the 24-hour risk check (RISK_CONTROL)',
	},
	{
		name: 'Shipped',
		value: 'WAIT_BUYER_ACCEPT_GOODS',
		description: 'Shipped, waiting for the buyer to confirm receipt (WAIT_BUYER_ACCEPT_GOODS)',
	},
	{
		name: 'Waiting for Seller to Confirm Amount',
		value: 'WAIT_SELLER_EXAMINE_MONEY',
		description: 'Waiting for you to confirm the amount (WAIT_SELLER_EXAMINE_MONEY)',
	},
	{
		name: 'Waiting for Seller to Ship',
		value: 'WAIT_SELLER_SEND_GOODS',
		description: 'Paid, waiting for you to ship (WAIT_SELLER_SEND_GOODS)',
	},
];

export const ORDER_STATUS_VALUES: string[] = ORDER_STATUSES.map((s) => s.value);
