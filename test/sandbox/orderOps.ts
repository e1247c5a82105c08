/**
 * The rest of a seller's day in the sandbox: carriers (`aliexpress.logistics.redefining.listlogisticsservice`),
 * the buyer's cancellation requests (`aliexpress.trade.seller.order.acceptcancel` / `.refusecancel`),
 * the seller's order remarks (`aliexpress.merchant.redefining.saveremark` / `.queryremark`) and disputes
 * (`aliexpress.issue.issuelist.get` / `aliexpress.issue.detail.get`). Request and answer trees are those
 * of test/contract/<method>.json (validated by contract.ts); the state lives here, one per store,
 * built from the store's seeded orders on first use (no line of store.ts needed).
 */

import { GatewayError, invalidParam, missingParam } from './errors';
import type { MethodHandler } from './methods';
import type { Order, SandboxStore } from './store';
import { formatPacific, parsePacific } from './time';
import { wireId, wrapList } from './wire';

type Json = Record<string, unknown>;

// ------------------------------------------------------------------ carriers

export interface Carrier {
	service_name: string;
	display_name: string;
	logistics_company: string;
	tracking_no_regex: string;
	min_process_day: number;
	max_process_day: number;
	recommend_order: number;
}

/**
 * Seeded carriers. CPAM is the documentation's own example, verbatim (retailcrm/aliexpress-top-client
 * tests/RetailCrm/Tests/TopClient/ClientTest.php, testAliexpressLogisticsRedefiningListLogisticsService:
 * regex `^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$`, A-z as written there). The others are the sandbox's
 * models of the same shape (their patterns are not from any source): a Cainiao "LP" number, a Spanish
 * Correos number, EMS's 13-character UPU format.
 */
export const CARRIERS: Carrier[] = [
	{
		service_name: 'CAINIAO_STANDARD',
		display_name: 'AliExpress Standard Shipping',
		logistics_company: 'CAINIAO',
		tracking_no_regex: '^LP\\d{11,14}$',
		min_process_day: 1,
		max_process_day: 7,
		recommend_order: 1,
	},
	{
		service_name: 'CAINIAO_PREMIUM',
		display_name: 'AliExpress Premium Shipping',
		logistics_company: 'CAINIAO',
		tracking_no_regex: '^LP\\d{11,14}$',
		min_process_day: 1,
		max_process_day: 5,
		recommend_order: 2,
	},
	{
		service_name: 'CPAM',
		display_name: 'China Post Registered Air Mail',
		logistics_company: 'CPAM',
		tracking_no_regex: '^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$',
		min_process_day: 1,
		max_process_day: 5,
		recommend_order: 11,
	},
	{
		service_name: 'EMS',
		display_name: 'EMS',
		logistics_company: 'EMS',
		tracking_no_regex: '^E[A-Z]\\d{9}[A-Z]{2}$',
		min_process_day: 1,
		max_process_day: 3,
		recommend_order: 12,
	},
	{
		service_name: 'SPAIN_LOCAL_CORREOS',
		display_name: 'Correos (Spain local)',
		logistics_company: 'CORREOS',
		tracking_no_regex: '^(PQ|PK|LV|UA)[A-Z0-9]{10,21}$',
		min_process_day: 1,
		max_process_day: 3,
		recommend_order: 20,
	},
];

/**
 * The FAQ's refusal of a tracking number (open.alitrip.com articleId=119601 "Order Management
 * Errors": the tracking number did not pass the logistics risk check, change it and retry). That
 * this check is the carrier's `tracking_no_regex` is the reading of test/contract's fulfill file, not
 * a stated fact; an unlisted service name is not refused (no source says the platform does).
 */
export const TRACKING_REFUSED_MSG = '该货运跟踪号未通过物流风控审核,请更换货运跟踪号后重试。';

/** Why fulfill refuses this tracking number for this service, or undefined (see TRACKING_REFUSED_MSG). */
export function trackingRefusal(
	store: SandboxStore,
	serviceName: string,
	logisticsNo: string,
): string | undefined {
	const carrier = opsOf(store).carriers.find((c) => c.service_name === serviceName);
	if (!carrier || new RegExp(carrier.tracking_no_regex).test(logisticsNo)) return undefined;
	return TRACKING_REFUSED_MSG;
}

// ------------------------------------------------------------------ disputes

export type IssueStatus = 'processing' | 'canceled_issue' | 'finish';

export interface Dispute {
	issue_id: string;
	/** the order's id (the pasted documentation answer: parent_order_id is the main order) */
	parent_order_id: string;
	/** the order line's (child) id */
	order_id: string;
	buyer_login_id: string;
	issue_status: IssueStatus;
	reason_english: string;
	reason_chinese: string;
	gmt_create: string;
	gmt_modified: string;
	product_id: string;
	product_name: string;
	product_price: string;
	product_price_currency: string;
	buyer_solution: { id: string; content: string; refund_money: string; currency: string };
}

const REASONS: Array<[string, string]> = [
	['Package not received', '未收到货'],
	['Item not as described', '货不对版'],
	['Wrong item sent', '发错货'],
	['Item damaged', '货物破损'],
];

// ------------------------------------------------------------------ the state

export interface OrderOpsState {
	carriers: Carrier[];
	/** order id → the seller's remark */
	remarks: Map<string, string>;
	/** issue id → dispute */
	disputes: Map<string, Dispute>;
}

const states = new WeakMap<SandboxStore, OrderOpsState>();

/** The store's carriers, remarks and disputes (seeded from its orders on first use; tests may change them). */
export function opsOf(store: SandboxStore): OrderOpsState {
	let state = states.get(store);
	if (!state) {
		state = {
			carriers: CARRIERS.map((c) => ({ ...c })),
			remarks: new Map(),
			disputes: new Map(),
		};
		states.set(store, state);
		seedDisputes(store, state);
	}
	return state;
}

/** An ID like the platform's: 16 digits, derived from the order's so it is stable per seed. */
const issueIdOf = (orderId: string, n: number) =>
	(BigInt(`6${orderId.slice(1)}`) + BigInt(n)).toString();

/** Adds a dispute on `order` (the order line first listed); returns it. */
export function addDispute(
	store: SandboxStore,
	order: Order,
	status: IssueStatus = 'processing',
	reason = 0,
): Dispute {
	const state = opsOf(store);
	const line = order.product_list.order_product_dto[0];
	const [english, chinese] = REASONS[reason % REASONS.length];
	const n = state.disputes.size;
	const dispute: Dispute = {
		issue_id: issueIdOf(order.order_id, n),
		parent_order_id: order.order_id,
		order_id: line?.child_id ?? order.order_id,
		buyer_login_id: order.buyer_login_id,
		issue_status: status,
		reason_english: english,
		reason_chinese: chinese,
		gmt_create: order.gmt_update,
		gmt_modified: order.gmt_update,
		product_id: line?.product_id ?? '',
		product_name: line?.product_name ?? '',
		product_price: line?.product_unit_price.amount ?? order.pay_amount.amount,
		product_price_currency: line?.product_unit_price.currency_code ?? 'USD',
		buyer_solution: {
			id: (BigInt(issueIdOf(order.order_id, n)) + BigInt(7)).toString(),
			content: english,
			refund_money: line?.product_unit_price.amount ?? order.pay_amount.amount,
			currency: line?.product_unit_price.currency_code ?? 'USD',
		},
	};
	state.disputes.set(dispute.issue_id, dispute);
	return dispute;
}

/** Every IN_ISSUE order has a dispute in processing; two FINISH orders have ended ones. */
function seedDisputes(store: SandboxStore, state: OrderOpsState): void {
	const orders = [...store.orders.values()].sort((a, b) => a.order_id.localeCompare(b.order_id));
	orders
		.filter((o) => o.order_status === 'IN_ISSUE')
		.forEach((o, i) => addDispute(store, o, 'processing', i));
	const finished = orders.filter((o) => o.order_status === 'FINISH');
	if (finished[0]) addDispute(store, finished[0], 'finish', 1);
	if (finished[1]) addDispute(store, finished[1], 'canceled_issue', 2);
	void state;
}

// ------------------------------------------------------------------ parameters

function jsonObject(params: Record<string, string>, name: string): Json {
	const raw = params[name];
	if (raw === undefined || raw === '') throw missingParam(name);
	let v: unknown;
	try {
		v = JSON.parse(raw);
	} catch {
		throw invalidParam(name, 'not valid JSON');
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalidParam(name, 'a JSON object');
	return v as Json;
}

const text = (v: unknown): string =>
	v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : JSON.stringify(v);

/** A business refusal as the gateway sends one for a caller's request (50 / isv.invalid-parameter). */
const refused = (detail: string) =>
	new GatewayError('remoteServiceError', { param: 'isv.invalid-parameter', detail });

// ------------------------------------------------------------------ handlers

/** `aliexpress.logistics.redefining.listlogisticsservice`: the list at the top level, `result_success`. */
const listLogisticsService: MethodHandler = ({ store }) => ({
	result_list: wrapList(
		'aeop_logistics_service_result',
		opsOf(store).carriers.map((c) => ({ ...c })),
	),
	result_success: true,
});

/**
 * Answers of the cancellation methods: `result{success, target}`, or `success:false` with
 * `error_code`/`error_message` (emsaniey20/java .../domain/AliexpressTradeSellerOrder*cancelAeopResultDTO.java).
 * The codes and texts of the refusals below are the sandbox's own: no source names them.
 */
function cancellation(accept: boolean): MethodHandler {
	return ({ params, store }) => {
		const q = jsonObject(params, 'param_order_cancel_request');
		const orderId = text(q.order_id);
		const fail = (code: string, message: string) => ({
			result: { success: false, error_code: code, error_message: message },
		});
		const order = store.orders.get(orderId);
		if (!order) return fail('ORDER_NOT_FOUND', `no order ${orderId} for this seller`);
		const buyer = text(q.buyer_login_id);
		if (buyer && buyer !== order.buyer_login_id) {
			return fail('BUYER_NOT_MATCH', `order ${orderId} is not an order of buyer ${buyer}`);
		}
		if (order.order_status !== 'IN_CANCEL') {
			return fail(
				'ORDER_NOT_IN_CANCEL',
				`order ${orderId} has no cancellation request (status ${order.order_status})`,
			);
		}
		// accepted: the order closes (FINISH is "closed order status", order.get's contract);
		// refused: it goes back to waiting for shipment (the documentation does not say which status)
		store.setOrderStatus(orderId, accept ? 'FINISH' : 'WAIT_SELLER_SEND_GOODS');
		if (!accept) refusalMemos.set(orderId, text(q.memo));
		return { result: { success: true, target: true } };
	};
}

/** The memo of each refused cancellation, for tests. */
export const refusalMemos = new Map<string, string>();

/** biz_type: the order remark is the documented default; 0 is the only value any sample sends. */
function remarkOrder(params: Record<string, string>, store: SandboxStore): Order {
	const biz = params.biz_type;
	if (biz !== undefined && biz !== '' && biz !== '0') {
		throw invalidParam('biz_type', `the sandbox knows only order remarks (0), got ${biz}`);
	}
	const id = params.remark_id ?? '';
	const order = store.orders.get(id);
	if (!order) throw refused(`remark_id ${id}: no order of this seller`);
	return order;
}

const saveRemark: MethodHandler = ({ params, store }) => {
	const order = remarkOrder(params, store);
	opsOf(store).remarks.set(order.order_id, params.content ?? '');
	return { result: { error_code: 0 } };
};

const queryRemark: MethodHandler = ({ params, store }) => {
	const order = remarkOrder(params, store);
	const content = opsOf(store).remarks.get(order.order_id);
	const data: Json = { remark_id: wireId(order.order_id) };
	if (content !== undefined) data.content = content;
	return { result: { error_code: 0, data } };
};

function issueListItem(d: Dispute): Json {
	return {
		buyer_login_id: d.buyer_login_id,
		gmt_create: d.gmt_create,
		gmt_modified: d.gmt_modified,
		issue_id: wireId(d.issue_id),
		issue_status: d.issue_status,
		order_id: wireId(d.order_id),
		parent_order_id: wireId(d.parent_order_id),
		reason_chinese: d.reason_chinese,
		reason_english: d.reason_english,
	};
}

/** Newest first; filters issue_status, buyer_login_id, order_no (either id of the dispute). */
const issueListGet: MethodHandler = ({ params, store }) => {
	const q = jsonObject(params, 'query_dto');
	const page = q.current_page === undefined ? 1 : Number(q.current_page);
	// no default page size is documented; the sandbox's is 20
	const size = q.page_size === undefined ? 20 : Number(q.page_size);
	const status = text(q.issue_status);
	const buyer = text(q.buyer_login_id);
	const orderNo = text(q.order_no);
	const all = [...opsOf(store).disputes.values()]
		.filter((d) => !status || d.issue_status === status)
		.filter((d) => !buyer || d.buyer_login_id === buyer)
		.filter((d) => !orderNo || d.order_id === orderNo || d.parent_order_id === orderNo)
		.sort(
			(a, b) =>
				parsePacific(b.gmt_create) - parsePacific(a.gmt_create) ||
				b.issue_id.localeCompare(a.issue_id),
		);
	return {
		current_page: page,
		page_size: size,
		total_item: all.length,
		data_list: wrapList(
			'issue_api_issue_dto',
			all.slice((page - 1) * size, page * size).map(issueListItem),
		),
	};
};

const issueDetailGet: MethodHandler = ({ params, store, now }) => {
	const id = params.issue_id ?? '';
	const d = opsOf(store).disputes.get(id);
	// what an unknown issue answers is not documented: the sandbox refuses it as a caller's request
	if (!d) throw refused(`issue_id ${id}: no dispute of this seller`);
	const buyer = text(params.buyer_login_id);
	if (buyer && buyer !== d.buyer_login_id)
		throw refused(`issue ${id} is not a dispute of ${buyer}`);
	const open = d.issue_status === 'processing';
	const result: Json = {
		id: wireId(d.issue_id),
		order_id: wireId(d.order_id),
		parent_order_id: wireId(d.parent_order_id),
		buyer_login_id: d.buyer_login_id,
		issue_status: d.issue_status,
		issue_reason: d.reason_english,
		issue_reason_id: 100 + REASONS.findIndex(([en]) => en === d.reason_english),
		reverse_detail_status: open
			? 'wait_for_seller_response'
			: d.issue_status === 'finish'
				? 'refund_success'
				: 'ae_feedback_finish',
		gmt_create: d.gmt_create,
		product_id: d.product_id,
		product_name: d.product_name,
		product_price: d.product_price,
		product_price_currency: d.product_price_currency,
		refund_money_max: d.product_price,
		refund_money_max_currency: d.product_price_currency,
		after_sale_warranty: false,
		buyer_solution_list: wrapList('solution_api_dto', [
			{
				id: wireId(d.buyer_solution.id),
				issue_id: wireId(d.issue_id),
				order_id: wireId(d.order_id),
				solution_owner: 'buyer',
				solution_type: 'refund',
				is_default: true,
				content: d.buyer_solution.content,
				refund_money: d.buyer_solution.refund_money,
				refund_money_currency: d.buyer_solution.currency,
				status: open ? 'wait_seller_accept' : 'reached',
				gmt_create: d.gmt_create,
				gmt_modified: d.gmt_modified,
			},
		]),
		process_dto_list: wrapList('api_issue_process_dto', [
			{
				issue_id: wireId(d.issue_id),
				action_type: 'initiate',
				submit_member_type: 'buyer',
				content: d.buyer_solution.content,
				gmt_create: d.gmt_create,
				receive_goods: false,
				has_buyer_video: false,
				has_seller_video: false,
			},
		]),
	};
	if (open) {
		result.timeout_type = 'WAIT_SOLUTION_TIMEOUT';
		result.timeout_trigger_time = formatPacific(now + 5 * 86_400_000);
	}
	return { result_object: result };
};

export const ORDER_OPS_METHODS: Record<string, MethodHandler> = {
	'aliexpress.logistics.redefining.listlogisticsservice': listLogisticsService,
	'aliexpress.trade.seller.order.acceptcancel': cancellation(true),
	'aliexpress.trade.seller.order.refusecancel': cancellation(false),
	'aliexpress.merchant.redefining.saveremark': saveRemark,
	'aliexpress.merchant.redefining.queryremark': queryRemark,
	'aliexpress.issue.issuelist.get': issueListGet,
	'aliexpress.issue.detail.get': issueDetailGet,
};
