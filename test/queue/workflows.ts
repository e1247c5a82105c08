/**
 * The workflows and sandbox data of the queue-mode test: SKU groups seeded in the sandbox,
 * the stock syncs over them, and trigger workflows that forward each event to a collector.
 */
import type { Sandbox } from '../sandbox';
import {
	aliExpress,
	code,
	CREDENTIAL,
	manualTrigger,
	node,
	TRIGGER_TYPE,
	workflow,
} from '../e2e/harness';

export const SKUS_PER_PRODUCT = 10;

/** A group of products in the sandbox and the stock levels a sync sets on them. */
export interface SkuGroup {
	tag: string;
	productIds: string[];
	/** skuCode → the quantity the sync sends */
	target: Map<string, number>;
	/** skuCode → productId */
	productOf: Map<string, string>;
}

/** The quantity a group's sync sends: deterministic, 1…900, never a seeded stock (≥ 1000). */
const targetQuantity = (salt: number, p: number, s: number) => 1 + ((p * 31 + s * 7 + salt) % 900);

/** `products` products of SKUS_PER_PRODUCT SKUs (`<tag><p>-S<s>`) with stock 1000 + s. */
export function seedGroup(sandbox: Sandbox, tag: string, products: number, salt: number): SkuGroup {
	const group: SkuGroup = { tag, productIds: [], target: new Map(), productOf: new Map() };
	for (let p = 0; p < products; p++) {
		const product = sandbox.store.addProduct({
			status: 'onSelling',
			skus: Array.from({ length: SKUS_PER_PRODUCT }, (_, s) => ({
				sku_code: `${tag}${p}-S${s}`,
				price: 25,
				inventory: 1000 + s,
				attributes: [],
				id: `${p}:${s}`,
			})),
		});
		group.productIds.push(product.product_id);
		for (let s = 0; s < SKUS_PER_PRODUCT; s++) {
			group.target.set(`${tag}${p}-S${s}`, targetQuantity(salt, p, s));
			group.productOf.set(`${tag}${p}-S${s}`, product.product_id);
		}
	}
	return group;
}

/** Manual Trigger → Code (the group's SKU rows) → Update Inventory with Use Input Fields. */
export function syncWorkflow(id: string, group: SkuGroup, salt: number) {
	const js = [
		`const ids = ${JSON.stringify(group.productIds)};`,
		'const out = [];',
		'for (let p = 0; p < ids.length; p++)',
		`  for (let s = 0; s < ${SKUS_PER_PRODUCT}; s++)`,
		`    out.push({ json: { productId: ids[p], skuCode: '${group.tag}' + p + '-S' + s, quantity: 1 + ((p * 31 + s * 7 + ${salt}) % 900) } });`,
		'return out;',
	].join('\n');
	return workflow(
		id,
		[
			manualTrigger(),
			code('Shop stock', js),
			aliExpress('Update Inventory', {
				resource: 'inventory',
				operation: 'update',
				inputMode: 'fromInput',
				productIdField: 'productId',
				skuCodeField: 'skuCode',
				quantityField: 'quantity',
				options: {},
			}),
		],
		[
			['Start', 'Shop stock'],
			['Shop stock', 'Update Inventory'],
		],
	);
}

export const TRIGGER = 'AliExpress Trigger';

/** AliExpress Trigger (every minute) → HTTP Request POSTing {event, ...item} to the collector. */
export function triggerWorkflow(id: string, event: 'newOrder' | 'orderUpdated', url: string) {
	const trigger = {
		...node(TRIGGER, TRIGGER_TYPE, 1, {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			event,
			statuses: [],
			simplify: true,
			options: {},
		}),
		credentials: { aliExpressApi: CREDENTIAL },
	};
	const forward = node('Forward', 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ event: '${event}', orderId: $json.orderId, status: $json.status }) }}`,
		options: {},
	});
	return workflow(id, [trigger, forward], [[TRIGGER, 'Forward']]);
}
