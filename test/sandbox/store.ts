/**
 * The sandbox's in-memory seller account: apps, tokens, categories, products, orders.
 * Seeded deterministically from a seed; tests may read and change everything here.
 */

import {
	BUYER_COUNTRIES,
	CATEGORIES,
	CITIES,
	EU_RESPONSIBLE_PERSONS,
	FIRST_NAMES,
	FREIGHT_TEMPLATES,
	LAST_NAMES,
	LOGISTICS_SERVICES,
	SUBJECT_MODIFIERS,
	TEMPLATES,
	type Category,
	skuPropertyId,
	skuValueId,
	type ProductTemplate,
} from './catalogue';
import { FeedState } from './feedJobs';
import { alnum, createRng, digits, pick, pickWeighted, randInt, type Rng } from './prng';
import { formatPacific } from './time';
import { money } from './wire';

// ---------------------------------------------------------------- products

export const PRODUCT_STATUSES = ['onSelling', 'offline', 'auditing', 'editingRequired'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * One SKU property. product.info.get answers it as `{sku_property_id, property_value_id,
 * property_value_definition_name, sku_image}` (bububa/opentaobao
 * metadata/assets/json/aesolution/aliexpress_solution_product_info_get.json,
 * aeop_s_k_u_property_list); the name/value texts are for the orders' `sku_attributes`.
 */
export interface SkuAttribute {
	sku_attribute_name: string;
	sku_attribute_value: string;
	sku_property_id: number;
	property_value_id: number;
	/** The seller's custom value name (post's sku_attribute_value), when one was given. */
	property_value_definition_name?: string;
	sku_image?: string;
}

export interface Sku {
	sku_code: string;
	price: number;
	discount_price?: number;
	inventory: number;
	attributes: SkuAttribute[];
	/** The platform's SKU property id string, e.g. "14:1001;5:2002". */
	id: string;
	ean_code?: string;
}

export interface Product {
	product_id: string;
	status: ProductStatus;
	category_id: string;
	/** Subject in `language`; the full list is `subjects`. */
	subject: string;
	language: string;
	subjects: { language: string; subject: string }[];
	descriptions: { language: string; web_detail?: string; mobile_detail?: string }[];
	skus: Sku[];
	images: string[];
	brand_name?: string;
	freight_template_id?: string;
	/** GPSR: set only by aliexpress.offer.product.post / .edit (the solution methods' schema lacks it). */
	msr_eu_id?: string;
	/** GPSR certificates ({key, type, value}), likewise offer methods only. */
	qualifications?: { key: string; type: string; value: string }[];
	gmt_create: number; // epoch ms
	gmt_modified: number; // epoch ms
	/** Everything else a post/edit request carried (package size, weight, attributes, …), verbatim. */
	extra: Record<string, unknown>;
}

// ---------------------------------------------------------------- orders

export const ORDER_STATUSES = [
	'PLACE_ORDER_SUCCESS',
	'IN_CANCEL',
	'WAIT_SELLER_SEND_GOODS',
	'SELLER_PART_SEND_GOODS',
	'WAIT_BUYER_ACCEPT_GOODS',
	'FUND_PROCESSING',
	'IN_ISSUE',
	'IN_FROZEN',
	'WAIT_SELLER_EXAMINE_MONEY',
	'RISK_CONTROL',
	'FINISH',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Money {
	amount: string; // "12.34"
	currency_code: string;
}

export interface OrderProduct {
	product_id: string;
	sku_code: string;
	product_count: number;
	product_unit_price: Money;
	product_name: string;
	child_id: string;
	logistics_service_name: string;
	sku_attributes: string; // e.g. "Color:Blue;Size:M"
}

export interface Address {
	contact_person: string;
	country: string;
	province: string;
	city: string;
	detail_address: string;
	zip: string;
	mobile_no: string;
	phone_country: string;
}

export interface Shipment {
	service_name: string;
	logistics_no: string;
	send_type: 'all' | 'part';
	tracking_website?: string;
	description?: string;
	gmt_send: string; // Pacific
}

/** An order in the API's own field names; ids are strings, dates are Pacific `yyyy-MM-dd HH:mm:ss`. */
export interface Order {
	order_id: string;
	order_status: OrderStatus;
	gmt_create: string;
	gmt_update: string;
	gmt_pay_time?: string;
	pay_amount: Money;
	buyer_login_id: string;
	buyer_signer_fullname: string;
	logistics_status: string;
	fund_status: string;
	frozen_status: string;
	issue_status: string;
	biz_type: string;
	product_list: { order_product_dto: OrderProduct[] };
	receipt_address: Address;
	/** Shipments recorded by aliexpress.solution.order.fulfill. */
	shipments: Shipment[];
}

/** What addOrder accepts: any order field, plus epoch-ms shortcuts for the dates. */
export type OrderInput = Partial<Order> & { createdAt?: number; updatedAt?: number };

// ---------------------------------------------------------------- tokens

export interface TokenGrant {
	appKey: string;
	accessToken: string;
	refreshToken: string;
	expiresAt: number; // epoch ms
	refreshExpiresAt: number; // epoch ms
	userId: string;
	sellerId: string;
	account: string;
}

export interface StoreOptions {
	seed: number;
	products: number;
	orders: number;
	now: () => number;
}

const DAY = 86_400_000;
export const ACCESS_TOKEN_TTL_MS = DAY;
export const REFRESH_TOKEN_TTL_MS = 30 * DAY;

/** Fields of an order that follow from its status. */
function statusFields(status: OrderStatus) {
	const logistics: Record<OrderStatus, string> = {
		PLACE_ORDER_SUCCESS: 'NO_LOGISTICS',
		IN_CANCEL: 'NO_LOGISTICS',
		RISK_CONTROL: 'NO_LOGISTICS',
		WAIT_SELLER_SEND_GOODS: 'WAIT_SELLER_SEND_GOODS',
		WAIT_SELLER_EXAMINE_MONEY: 'WAIT_SELLER_SEND_GOODS',
		SELLER_PART_SEND_GOODS: 'SELLER_SEND_PART_GOODS',
		WAIT_BUYER_ACCEPT_GOODS: 'SELLER_SEND_GOODS',
		FUND_PROCESSING: 'BUYER_ACCEPT_GOODS',
		IN_ISSUE: 'SELLER_SEND_GOODS',
		IN_FROZEN: 'SELLER_SEND_GOODS',
		FINISH: 'BUYER_ACCEPT_GOODS',
	};
	return {
		order_status: status,
		logistics_status: logistics[status],
		fund_status: status === 'PLACE_ORDER_SUCCESS' ? 'NOT_PAY' : 'PAY_SUCCESS',
		issue_status: status === 'IN_ISSUE' ? 'IN_ISSUE' : 'NO_ISSUE',
		frozen_status: status === 'IN_FROZEN' ? 'IN_FROZEN' : 'NO_FROZEN',
	};
}

/** Relative frequencies of seeded order statuses. */
const STATUS_WEIGHTS: [OrderStatus, number][] = [
	['FINISH', 35],
	['WAIT_BUYER_ACCEPT_GOODS', 15],
	['WAIT_SELLER_SEND_GOODS', 15],
	['PLACE_ORDER_SUCCESS', 8],
	['FUND_PROCESSING', 5],
	['RISK_CONTROL', 4],
	['SELLER_PART_SEND_GOODS', 4],
	['IN_CANCEL', 4],
	['IN_ISSUE', 4],
	['WAIT_SELLER_EXAMINE_MONEY', 3],
	['IN_FROZEN', 3],
];

export class SandboxStore {
	readonly now: () => number;
	/** app key → app secret */
	readonly apps = new Map<string, string>();
	readonly appKey: string;
	readonly categories = new Map<string, Category>(CATEGORIES.map((c) => [c.id, { ...c }]));
	readonly freightTemplates = FREIGHT_TEMPLATES.map((t) => ({ ...t }));
	readonly euResponsiblePersons = EU_RESPONSIBLE_PERSONS.map((p) => ({ ...p }));
	readonly products = new Map<string, Product>();
	readonly orders = new Map<string, Order>();
	/** The seller's shop, as `aliexpress.solution.merchant.profile.get` answers it. */
	readonly shop = {
		country_code: 'ES',
		product_posting_forbidden: false,
		merchant_login_id: 'es-sandbox-seller',
		shop_id: 1234321,
		shop_name: 'Sandbox store',
		shop_type: 'official',
		shop_url: '//www.aliexpress.com/store/1234321',
	};
	/** access token → grant */
	readonly tokens = new Map<string, TokenGrant>();
	/** The grant issued last (what Sandbox.accessToken / refreshToken show). */
	current!: TokenGrant;
	/** Bulk feed jobs (feedJobs.ts, feeds.ts). */
	readonly feeds = new FeedState();

	private readonly rng: Rng;
	private nextProductNumber: number;
	private productSerial = 1000;
	private readonly usedAuthCodes = new Set<string>();

	constructor(opts: StoreOptions) {
		this.now = opts.now;
		this.rng = createRng(opts.seed);
		this.appKey = `50${digits(this.rng, 4)}`;
		this.apps.set(this.appKey, alnum(this.rng, 32));
		// "1005006" + 9 digits, kept as a number only while it is far below 2^53
		this.nextProductNumber = 1005006_100_000_000 + Math.floor(this.rng() * 100_000_000);
		for (let i = 0; i < opts.products; i++) this.addProduct();
		this.seedOrders(opts.orders);
		this.issueToken();
	}

	get appSecret(): string {
		return this.apps.get(this.appKey)!;
	}

	// ------------------------------------------------------------ categories

	isLeafCategory(id: string): boolean {
		return this.categories.get(id)?.leaf === true;
	}

	// ------------------------------------------------------------ products

	newProductId(): string {
		this.nextProductNumber += randInt(this.rng, 1, 5000);
		return String(this.nextProductNumber);
	}

	/** Adds a generated product; any field in `partial` overrides the generated one. */
	addProduct(partial: Partial<Product> = {}): Product {
		const rng = this.rng;
		const now = this.now();
		const template = pick(rng, TEMPLATES);
		const serial = ++this.productSerial;
		const subject = pick(rng, SUBJECT_MODIFIERS) + pick(rng, template.subjects);
		const created = now - randInt(rng, 30, 400) * DAY - randInt(rng, 0, DAY);
		const product: Product = {
			product_id: this.newProductId(),
			status: pickWeighted(rng, [
				['onSelling', 75],
				['offline', 12],
				['auditing', 8],
				['editingRequired', 5],
			]),
			category_id: template.categoryId,
			subject,
			language: 'en',
			subjects: [{ language: 'en', subject }],
			// descriptions are the detail JSON (documentation articleId=120698), never bare HTML
			descriptions: [
				{
					language: 'en',
					web_detail: JSON.stringify({
						version: '2.0.0',
						moduleList: [{ type: 'html', html: { content: `<p>${subject}</p>` } }],
					}),
					mobile_detail: JSON.stringify({
						version: '2.0.0',
						moduleList: [{ type: 'text', texts: [{ content: subject, class: 'body' }] }],
					}),
				},
			],
			skus: this.generateSkus(template, serial),
			images: Array.from(
				{ length: randInt(rng, 1, 6) },
				() => `https://ae01.alicdn.com/kf/S${alnum(rng, 32, '0123456789abcdef')}.jpg`,
			),
			brand_name: rng() < 0.5 ? 'NoBrand' : undefined,
			freight_template_id: pick(rng, this.freightTemplates).template_id,
			gmt_create: created,
			gmt_modified: created + Math.floor(rng() * (now - created)),
			extra: {},
			...partial,
		};
		this.products.set(product.product_id, product);
		return product;
	}

	private generateSkus(template: ProductTemplate, serial: number): Sku[] {
		const rng = this.rng;
		// every combination of the template's axes, shuffled, then 2–8 of them
		let combos: [string, string][][] = [[]];
		for (const axis of template.axes) {
			combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
		}
		for (let i = combos.length - 1; i > 0; i--) {
			const j = Math.floor(rng() * (i + 1));
			[combos[i], combos[j]] = [combos[j], combos[i]];
		}
		const count = Math.min(combos.length, randInt(rng, 2, 8));
		const base = randInt(rng, template.price[0], template.price[1]) + 0.99;
		const discounted = rng() < 0.3;
		return combos.slice(0, count).map((combo) => {
			const price = Math.round((base + randInt(rng, 0, 3)) * 100) / 100;
			const inventory = rng() < 0.05 ? 0 : randInt(rng, 1, 500);
			// the random draws the SKU id once took are still made: the seeded sequence stays as it was
			combo.forEach(() => [randInt(rng, 1, 200000), randInt(rng, 100, 999999)]);
			const attributes = combo.map(([value], i) => ({
				sku_attribute_name: template.axes[i].name,
				sku_attribute_value: value,
				sku_property_id: skuPropertyId(template.axes[i].name),
				property_value_id: skuValueId(template.axes[i].values.findIndex(([v]) => v === value)),
			}));
			return {
				sku_code: [template.skuPrefix, serial, ...combo.map(([, code]) => code)].join('-'),
				price,
				discount_price: discounted ? Math.round(price * 80) / 100 : undefined,
				inventory,
				attributes,
				id: attributes.map((a) => `${a.sku_property_id}:${a.property_value_id}`).join(';'),
			};
		});
	}

	// ------------------------------------------------------------ orders

	private newOrderId(): string {
		let id: string;
		do id = `8${digits(this.rng, 15)}`;
		while (this.orders.has(id));
		return id;
	}

	private seedOrders(count: number): void {
		const now = this.now();
		const pool = this.sellableProducts();
		for (let i = 0; i < count; i++) {
			// the first orders cover every status once; the rest follow STATUS_WEIGHTS
			const status =
				i < ORDER_STATUSES.length ? ORDER_STATUSES[i] : pickWeighted(this.rng, STATUS_WEIGHTS);
			// a few FINISH orders are recent (the rest up to 90 days old: a FINISH query window spans at most 30 days, however far back)
			const maxAgeDays = status === 'FINISH' && i % 4 === 0 ? 29 : 90;
			const createdAt = now - Math.floor(this.rng() * maxAgeDays * DAY);
			const updatedAt = createdAt + Math.floor(this.rng() * Math.min(now - createdAt, 20 * DAY));
			this.insertOrder({ order_status: status, createdAt, updatedAt }, pool);
		}
	}

	/**
	 * Adds an order, generated from seeded products unless `input` says otherwise.
	 * Defaults: created now, status WAIT_SELLER_SEND_GOODS, gmt_update = gmt_create
	 * (so a "late" order, createdAt in the past, also looks unchanged since then).
	 */
	addOrder(input: OrderInput = {}): Order {
		return this.insertOrder(input, this.sellableProducts());
	}

	/** Products an order line may reference. */
	private sellableProducts(): Product[] {
		return [...this.products.values()].filter((p) => p.status === 'onSelling' && p.skus.length > 0);
	}

	private insertOrder(input: OrderInput, onSale: Product[]): Order {
		const { createdAt, updatedAt, ...fields } = input;
		const rng = this.rng;
		const created = createdAt ?? this.now();
		const status = fields.order_status ?? 'WAIT_SELLER_SEND_GOODS';
		const orderId = fields.order_id ?? this.newOrderId();
		const lines: OrderProduct[] = Array.from(
			{
				length: onSale.length
					? pickWeighted(rng, [
							[1, 70],
							[2, 20],
							[3, 10],
						])
					: 0,
			},
			(_, i) => {
				const product = pick(rng, onSale);
				const sku = pick(rng, product.skus);
				return {
					product_id: product.product_id,
					sku_code: sku.sku_code,
					product_count: randInt(rng, 1, 3),
					product_unit_price: {
						amount: money(sku.discount_price ?? sku.price),
						currency_code: 'USD',
					},
					product_name: product.subject,
					child_id: (BigInt(orderId) + BigInt((i + 1) * 7)).toString(),
					logistics_service_name: pick(rng, LOGISTICS_SERVICES),
					sku_attributes: sku.attributes
						.map((a) => `${a.sku_attribute_name}:${a.sku_attribute_value}`)
						.join(';'),
				};
			},
		);
		const total = lines.reduce(
			(sum, l) => sum + Number(l.product_unit_price.amount) * l.product_count,
			0,
		);
		const first = pick(rng, FIRST_NAMES);
		const last = pick(rng, LAST_NAMES);
		const [country, province, city] = pick(rng, CITIES);
		const derived = statusFields(status);
		const updated = updatedAt ?? created;
		const order: Order = {
			order_id: orderId,
			...derived,
			gmt_create: formatPacific(created),
			gmt_update: formatPacific(updated),
			// paid within the hour, but never after the last update
			gmt_pay_time:
				derived.fund_status === 'PAY_SUCCESS'
					? formatPacific(
							Math.max(created, Math.min(created + randInt(rng, 30, 3600) * 1000, updated)),
						)
					: undefined,
			pay_amount: { amount: money(total), currency_code: 'USD' },
			buyer_login_id: `${pick(rng, BUYER_COUNTRIES)}${digits(rng, 10)}${alnum(rng, 4, 'abcdefghijklmnopqrstuvwxyz')}`,
			buyer_signer_fullname: `${first} ${last}`,
			biz_type: 'AE_COMMON',
			product_list: { order_product_dto: lines },
			receipt_address: {
				contact_person: `${first} ${last}`,
				country,
				province,
				city,
				detail_address: `${randInt(rng, 1, 250)} ${pick(rng, ['Main St', 'Calle Mayor', 'Rue de la Paix', 'Hauptstrasse'])}`,
				zip: digits(rng, 5),
				mobile_no: digits(rng, 9),
				phone_country: `+${randInt(rng, 1, 99)}`,
			},
			shipments: [],
			...fields,
		};
		this.orders.set(order.order_id, order);
		return order;
	}

	/** Sets an order's status (and the fields that follow from it); gmt_update becomes now. */
	setOrderStatus(orderId: string, status: OrderStatus): Order {
		const order = this.orders.get(orderId);
		if (!order) throw new Error(`sandbox: no order ${orderId}`);
		Object.assign(order, statusFields(status), { gmt_update: formatPacific(this.now()) });
		if (order.fund_status === 'PAY_SUCCESS' && !order.gmt_pay_time) {
			order.gmt_pay_time = order.gmt_update;
		}
		return order;
	}

	// ------------------------------------------------------------ tokens and auth codes

	/** Issues a fresh token pair (becomes `current`). */
	issueToken(opts: { appKey?: string; ttlMs?: number; refreshTtlMs?: number } = {}): TokenGrant {
		const now = this.now();
		const hex = () => alnum(this.rng, 40, '0123456789abcdef');
		const sellerId = '2200000' + digits(this.rng, 6);
		const grant: TokenGrant = {
			appKey: opts.appKey ?? this.appKey,
			accessToken: `50000${hex()}`,
			refreshToken: `50001${hex()}`,
			expiresAt: now + (opts.ttlMs ?? ACCESS_TOKEN_TTL_MS),
			refreshExpiresAt: now + (opts.refreshTtlMs ?? REFRESH_TOKEN_TTL_MS),
			userId: sellerId,
			sellerId,
			account: 'sandbox-seller@example.com',
		};
		this.tokens.set(grant.accessToken, grant);
		this.current = grant;
		return grant;
	}

	/** Makes an access token expired (its refresh token stays usable). */
	expireToken(accessToken = this.current.accessToken): void {
		const grant = this.tokens.get(accessToken);
		if (grant) grant.expiresAt = this.now() - 1;
	}

	/** Makes an access token unknown altogether. */
	revokeToken(accessToken = this.current.accessToken): void {
		this.tokens.delete(accessToken);
	}

	/** Makes a refresh token expired. */
	expireRefreshToken(refreshToken = this.current.refreshToken): void {
		for (const g of this.tokens.values()) {
			if (g.refreshToken === refreshToken) g.refreshExpiresAt = this.now() - 1;
		}
	}

	/** The grant behind a session, if it is known, unexpired and belongs to `appKey`. */
	validSession(accessToken: string, appKey: string): TokenGrant | undefined {
		const grant = this.tokens.get(accessToken);
		return grant && grant.appKey === appKey && grant.expiresAt > this.now() ? grant : undefined;
	}

	/**
	 * Redeems a refresh token: a new pair replaces the old one (the old refresh
	 * token stops working; the old access token lives until it expires).
	 */
	refreshGrant(refreshToken: string, appKey: string): TokenGrant | undefined {
		const old = [...this.tokens.values()].find(
			(g) => g.refreshToken === refreshToken && g.appKey === appKey,
		);
		if (!old || old.refreshExpiresAt <= this.now()) return undefined;
		old.refreshExpiresAt = this.now() - 1;
		return this.issueToken({ appKey });
	}

	/** A fresh authorization code, as the OAuth redirect would deliver. */
	issueAuthCode(): string {
		return `3_${this.appKey}_${alnum(this.rng, 26, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
	}

	/** Codes look like `3_500102_JxZ05U…`; each can be redeemed once. */
	redeemAuthCode(code: string): boolean {
		if (!/^\d_\w+$/.test(code) || this.usedAuthCodes.has(code)) return false;
		this.usedAuthCodes.add(code);
		return true;
	}
}
