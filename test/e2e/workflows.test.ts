/**
 * The built package inside real n8n (2.41.1, see scripts/n8n-harness.js):
 * packed, installed as a community package into a fresh user folder, a
 * sandbox credential imported, workflows imported and run with
 * `n8n execute --id`. Assertions are on the items n8n returns and on the
 * sandbox's store, never on logs.
 *
 * The first run installs Node 24 and n8n into ~/.cache/n8n-nodes-aliexpress
 * (minutes); later runs reuse it.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import {
	aliExpress,
	code,
	harness,
	manualTrigger,
	preparedUserFolder,
	sandboxCredential,
	workflow,
	type Run,
} from './harness';

jest.setTimeout(30 * 60_000);

let sandbox: Sandbox;
let userFolder: string;
const secrets: string[] = [];

// Hand-picked data from the sandbox store (never from the node's code).
let shopVariants: Array<{ productId: string; sku: string; qty: number }>;
let wooProducts: Array<{ productId: string; sku: string; price: number; sale: number }>;
let orderToShip: string;
let authCode: string;
let refreshToken: string;
let productToEdit: string;

function onSellingProducts() {
	return [...sandbox.store.products.values()].filter(
		(p) => p.status === 'onSelling' && p.skus.length >= 2,
	);
}

beforeAll(async () => {
	sandbox = await startSandbox({ products: 40, orders: 200 });
	const products = onSellingProducts();
	shopVariants = [
		{ productId: products[0].product_id, sku: products[0].skus[0].sku_code, qty: 41 },
		{ productId: products[0].product_id, sku: products[0].skus[1].sku_code, qty: 0 },
		{ productId: products[1].product_id, sku: products[1].skus[0].sku_code, qty: 7 },
	];
	wooProducts = [
		{
			productId: products[2].product_id,
			sku: products[2].skus[0].sku_code,
			price: 31.5,
			sale: 27.99,
		},
		{ productId: products[2].product_id, sku: products[2].skus[1].sku_code, price: 33, sale: 29 },
	];
	productToEdit = products[3].product_id;
	orderToShip = [...sandbox.store.orders.values()].find(
		(o) => o.order_status === 'WAIT_SELLER_SEND_GOODS',
	)!.order_id;
	authCode = sandbox.store.issueAuthCode();
	refreshToken = sandbox.refreshToken;
	secrets.push(sandbox.appSecret, sandbox.accessToken);

	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [
		sandboxCredential(sandbox),
		sandboxCredential(
			sandbox,
			{ appSecret: 'not-the-secret' },
			'aeBadSecret',
			'AliExpress bad secret',
		),
	]);
	await harness.importWorkflow(userFolder, [
		everyOperation(),
		continueOnFail(),
		apiError(),
		badInput(),
		badSecret(),
	]);
});

afterAll(async () => {
	await sandbox?.close();
});

/**
 * n8n reported the run as failed. `n8n execute` exits 1 after printing the failed run. In two of
 * three cold CI runs (2026-12-02) the bad-input run, whose node fails within milliseconds, ended
 * by a signal instead (exit code null; not the harness's timeout), a crash in n8n's shutdown whose
 * cause is not known yet. That counts as "not successful"; the tests still require the printed run
 * to hold the node's error, and the signal and the end of n8n's stderr are printed. Exit 0
 * (success) always fails.
 */
function expectFailedRun(result: { code: number | null; signal?: string | null; stderr: string }) {
	if (result.code === null && result.signal) {
		console.warn(
			`n8n execute ended by ${result.signal} after the run; stderr ends:\n${result.stderr.slice(-2000)}`,
		);
		return;
	}
	expect(result.code).toBe(1);
}

/** Runs an imported workflow; every byte n8n printed is checked for secrets and signatures. */
async function execute(id: string) {
	const result = await harness.executeWorkflow(userFolder, id);
	const everything = result.stdout + result.stderr;
	for (const secret of [...secrets, ...sandbox.calls.map((c) => c.params.sign).filter(Boolean)]) {
		if (everything.includes(secret))
			throw new Error(`n8n output of ${id} contains a secret or a signature`);
	}
	return result;
}

const items = (run: Run | undefined, node: string) => harness.nodeItems(run, node);

function everyOperation() {
	const start = manualTrigger();
	const nodes = [
		start,
		code(
			'Shopify variants',
			`return ${JSON.stringify(
				shopVariants.map((v, n) => ({
					id: 44000 + n,
					sku: v.sku,
					inventory_quantity: v.qty,
					metafields: { aliexpress_product_id: v.productId },
				})),
			)}.map((json) => ({ json }));`,
		),
		aliExpress('Update Inventory', {
			resource: 'inventory',
			operation: 'update',
			productId: '={{ $json.metafields.aliexpress_product_id }}',
			skuCode: '={{ $json.sku }}',
			quantity: '={{ $json.inventory_quantity }}',
		}),
		code(
			'WooCommerce products',
			`return ${JSON.stringify(
				wooProducts.map((p) => ({
					ae_product_id: p.productId,
					sku: p.sku,
					regular_price: String(p.price),
					sale_price: String(p.sale),
				})),
			)}.map((json) => ({ json }));`,
		),
		aliExpress('Update Price', {
			resource: 'price',
			operation: 'update',
			inputMode: 'fromInput',
			productIdField: 'ae_product_id',
			skuCodeField: 'sku',
			priceField: 'regular_price',
			discountPriceField: 'sale_price',
		}),
		aliExpress('Products', {
			resource: 'product',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		}),
		aliExpress('Product', {
			resource: 'product',
			operation: 'get',
			productId: '={{ $json.productId }}',
		}),
		aliExpress('Orders', { resource: 'order', operation: 'getMany', returnAll: false, limit: 3 }),
		aliExpress('Order', { resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}' }),
		code(
			'Order to ship',
			`return [{ json: { order_id: '${orderToShip}', carrier: 'CAINIAO_STANDARD', tracking: 'LP00998877665544' } }];`,
		),
		aliExpress('Ship', {
			resource: 'order',
			operation: 'ship',
			orderId: '={{ $json.order_id }}',
			serviceName: '={{ $json.carrier }}',
			trackingNumber: '={{ $json.tracking }}',
			sendType: 'all',
		}),
		aliExpress('Publish', {
			resource: 'product',
			operation: 'publish',
			mode: 'fields',
			categoryId: { __rl: true, mode: 'id', value: '200000348' },
			language: 'en',
			title: 'Organic Cotton Crew T-Shirt',
			description: '<p>Soft organic cotton.</p>',
			images: 'https://ae01.alicdn.com/kf/e2e-front.jpg, https://ae01.alicdn.com/kf/e2e-back.jpg',
			skus: {
				sku: [
					{ skuCode: 'E2E-TS-M', price: 18.9, stock: 120 },
					{ skuCode: 'E2E-TS-L', price: 19.9, stock: 80 },
				],
			},
			packageLength: 30,
			packageWidth: 20,
			packageHeight: 3,
			weight: 0.25,
			freightTemplateId: { __rl: true, mode: 'id', value: '1000' },
		}),
		aliExpress('Update Product', {
			resource: 'product',
			operation: 'update',
			productId: productToEdit,
			mode: 'fields',
			updateFields: { title: 'Renamed by an n8n workflow' },
		}),
		code('Auth code', `return [{ json: { code: '${authCode}' } }];`),
		aliExpress('Create Token', {
			resource: 'token',
			operation: 'create',
			code: '={{ $json.code }}',
		}),
	];
	return workflow('aeE2eEveryOperation', nodes, [
		['Start', 'Shopify variants'],
		['Shopify variants', 'Update Inventory'],
		['Start', 'WooCommerce products'],
		['WooCommerce products', 'Update Price'],
		['Start', 'Products'],
		['Products', 'Product'],
		['Start', 'Orders'],
		['Orders', 'Order'],
		['Start', 'Order to ship'],
		['Order to ship', 'Ship'],
		['Start', 'Publish'],
		['Start', 'Update Product'],
		['Start', 'Auth code'],
		['Auth code', 'Create Token'],
	]);
}

function continueOnFail() {
	const [a, b] = [shopVariants[0], shopVariants[2]];
	const rows = [
		{ pid: a.productId, sku: a.sku, stock: 5 },
		{ pid: b.productId, sku: b.sku, stock: 'twelve' },
		{ pid: b.productId, sku: 'NO-SUCH-SKU', stock: 3 },
	];
	return workflow(
		'aeE2eContinueOnFail',
		[
			manualTrigger(),
			code('Rows', `return ${JSON.stringify(rows)}.map((json) => ({ json }));`),
			aliExpress(
				'Update Inventory',
				{
					resource: 'inventory',
					operation: 'update',
					inputMode: 'fromInput',
					productIdField: 'pid',
					skuCodeField: 'sku',
					quantityField: 'stock',
				},
				{ onError: 'continueRegularOutput' },
			),
		],
		[
			['Start', 'Rows'],
			['Rows', 'Update Inventory'],
		],
	);
}

function apiError() {
	return workflow(
		'aeE2eApiError',
		[
			manualTrigger(),
			aliExpress('Get Order', { resource: 'order', operation: 'get', orderId: '8000000000000001' }),
		],
		[['Start', 'Get Order']],
	);
}

function badInput() {
	return workflow(
		'aeE2eBadInput',
		[
			manualTrigger(),
			aliExpress('Update Inventory', {
				resource: 'inventory',
				operation: 'update',
				productId: shopVariants[0].productId,
				skuCode: shopVariants[0].sku,
				quantity: '-5',
			}),
		],
		[['Start', 'Update Inventory']],
	);
}

function badSecret() {
	return workflow(
		'aeE2eBadSecret',
		[
			manualTrigger(),
			aliExpress(
				'Get Many Products',
				{ resource: 'product', operation: 'getMany', returnAll: false, limit: 1 },
				{},
				{ id: 'aeBadSecret', name: 'AliExpress bad secret' },
			),
		],
		[['Start', 'Get Many Products']],
	);
}

describe('in real n8n', () => {
	it('runs every operation, fed by Code nodes shaped like Shopify and WooCommerce output', async () => {
		const { code: exit, run, stderr } = await execute('aeE2eEveryOperation');
		expect({ exit, error: run?.data.resultData.error }).toEqual({ exit: 0, error: undefined });
		expect(stderr).not.toMatch(/Unrecognized node type/);

		// Inventory: one item per input item, applied in the store.
		expect(items(run, 'Update Inventory')).toEqual(
			shopVariants.map((v) => ({
				productId: v.productId,
				skuCode: v.sku,
				quantity: v.qty,
				success: true,
			})),
		);
		for (const v of shopVariants) {
			expect(
				sandbox.store.products.get(v.productId)!.skus.find((s) => s.sku_code === v.sku)!.inventory,
			).toBe(v.qty);
		}

		// Price, read from input fields by name.
		expect(items(run, 'Update Price')).toEqual(
			wooProducts.map((p) => ({
				productId: p.productId,
				skuCode: p.sku,
				price: p.price,
				discountPrice: p.sale,
				success: true,
			})),
		);
		for (const p of wooProducts) {
			expect(
				sandbox.store.products.get(p.productId)!.skus.find((s) => s.sku_code === p.sku),
			).toMatchObject({
				price: p.price,
				discount_price: p.sale,
			});
		}

		// Products: two listed, each read with its SKUs.
		const listed = items(run, 'Products');
		expect(listed).toHaveLength(2);
		const read = items(run, 'Product');
		expect(read.map((p) => p.productId)).toEqual(listed.map((p) => p.productId));
		for (const p of read) {
			const stored = sandbox.store.products.get(String(p.productId))!;
			expect((p.skus as Array<{ skuCode: string }>).map((s) => s.skuCode).sort()).toEqual(
				stored.skus.map((s) => s.sku_code).sort(),
			);
		}

		// Orders: three listed, each read by id.
		const orders = items(run, 'Orders');
		expect(orders).toHaveLength(3);
		expect(items(run, 'Order').map((o) => o.orderId)).toEqual(orders.map((o) => o.orderId));
		for (const o of orders) expect(sandbox.store.orders.has(String(o.orderId))).toBe(true);

		// Ship: the order's status moved on and the tracking number is recorded.
		expect(items(run, 'Ship')).toEqual([
			expect.objectContaining({
				orderId: orderToShip,
				trackingNumber: 'LP00998877665544',
				success: true,
			}),
		]);
		const shipped = sandbox.store.orders.get(orderToShip)!;
		expect(shipped.order_status).toBe('WAIT_BUYER_ACCEPT_GOODS');
		expect(shipped.shipments.map((s) => s.logistics_no)).toContain('LP00998877665544');

		// Publish: a new product with both SKUs.
		const [published] = items(run, 'Publish');
		const created = sandbox.store.products.get(String(published.productId))!;
		expect(created.subject).toBe('Organic Cotton Crew T-Shirt');
		expect(created.skus.map((s) => s.sku_code)).toEqual(['E2E-TS-M', 'E2E-TS-L']);

		// Update product.
		expect(items(run, 'Update Product')).toEqual([
			expect.objectContaining({ productId: productToEdit, success: true }),
		]);
		expect(sandbox.store.products.get(productToEdit)!.subject).toBe('Renamed by an n8n workflow');

		// Token: a new access token that the sandbox accepts as a session.
		const [token] = items(run, 'Create Token');
		expect(typeof token.accessToken).toBe('string');
		expect(sandbox.store.validSession(String(token.accessToken), sandbox.appKey)).toBeDefined();
		expect(new Date(String(token.expiresAt)).getTime()).toBeGreaterThan(Date.now());
	});

	it('Continue On Fail: each item reports its own result, paired, nothing dropped', async () => {
		const { code: exit, run } = await execute('aeE2eContinueOnFail');
		expect(exit).toBe(0);
		const out = items(run, 'Update Inventory');
		expect(out).toHaveLength(3);
		expect(out[0]).toEqual({
			productId: shopVariants[0].productId,
			skuCode: shopVariants[0].sku,
			quantity: 5,
			success: true,
		});
		expect(out[1]).toMatchObject({ success: false, errorCode: 'INVALID_INPUT' });
		expect(String(out[1].errorMessage)).toContain('Item 2, field "Quantity (input field "stock")"');
		expect(out[2]).toMatchObject({
			productId: shopVariants[2].productId,
			skuCode: 'NO-SUCH-SKU',
			success: false,
		});
		const task = (
			run!.data.resultData.runData['Update Inventory'] as Array<{
				data: { main: Array<Array<{ pairedItem: unknown }>> };
			}>
		)[0];
		expect(task.data.main[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(
			sandbox.store.products
				.get(shopVariants[0].productId)!
				.skus.find((s) => s.sku_code === shopVariants[0].sku)!.inventory,
		).toBe(5);
	});

	it('an API error fails the run with AliExpress’s code and advice', async () => {
		const result = await execute('aeE2eApiError');
		const { run } = result;
		expectFailedRun(result);
		const error = harness.nodeError(run, 'Get Order')!;
		// order.info.get's documented error code for an order that is not this seller's
		expect(String(error.message)).toMatch(/^AliExpress error F00-10-10000-001: .*8000000000000001/);
		expect(error.name).toBe('NodeApiError');
	});

	it('bad input fails before any call, naming the item and the field', async () => {
		const before = sandbox.calls.length;
		const result = await execute('aeE2eBadInput');
		const { run } = result;
		expectFailedRun(result);
		const error = harness.nodeError(run, 'Update Inventory')!;
		expect(error.message).toBe(
			'Item 1, field "Quantity": must be a whole number from 0 to 999999, got "-5"',
		);
		expect(String(error.description)).toContain('whole number');
		expect(sandbox.calls.length).toBe(before);
	});

	it('a wrong app secret shows AliExpress’s signature error and no secret', async () => {
		const result = await execute('aeE2eBadSecret');
		const { run, stdout } = result;
		expectFailedRun(result);
		const error = harness.nodeError(run, 'Get Many Products')!;
		expect(String(error.message)).toMatch(/^AliExpress error IncompleteSignature/);
		expect(String(error.description)).toContain('App Secret');
		expect(stdout).not.toContain('not-the-secret');
	});
});
