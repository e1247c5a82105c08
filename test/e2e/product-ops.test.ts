/**
 * The product operations of a seller's day inside real n8n (2.41.1, see
 * scripts/n8n-harness.js), the package installed as a community package: the example
 * examples/nightly-offline-out-of-stock.json run as imported (its "Run now" manual
 * trigger: `n8n execute` starts a workflow only from a manual trigger; the Schedule
 * Trigger feeds the same nodes), and Put Online, Delete and Shop Get in one workflow.
 * Assertions are on the items n8n returns and on the sandbox's store.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { startSandbox, type Product, type Sandbox } from '../sandbox';
import {
	aliExpress,
	code,
	harness,
	manualTrigger,
	preparedUserFolder,
	sandboxCredential,
	workflow,
} from './harness';

jest.setTimeout(30 * 60_000);

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'nightly-offline-out-of-stock.json');
const OFFLINE = 'aliexpress.postproduct.redefining.offlineaeproduct';
const LIST = 'aliexpress.solution.product.list.get';

let sandbox: Sandbox;
let userFolder: string;
let soldOut: Product[];
let soldOutButOffline: Product;
let inStock: Product[];
let toDelete: string[];
let toPutOnline: string;

beforeAll(async () => {
	sandbox = await startSandbox({ products: 40, orders: 5 });
	const all = [...sandbox.store.products.values()];
	const onSale = all.filter((p) => p.status === 'onSelling');
	// hand-picked: three products on sale sell out; one offline product is sold out too
	soldOut = onSale.slice(0, 3);
	for (const p of soldOut) for (const s of p.skus) s.inventory = 0;
	soldOutButOffline = all.find((p) => p.status === 'offline')!;
	for (const s of soldOutButOffline.skus) s.inventory = 0;
	// one product on sale with a single SKU sold out keeps selling its others
	onSale.slice(3).find((p) => p.skus.length >= 2)!.skus[0].inventory = 0;
	inStock = onSale.slice(3);
	// seeded stock is sometimes 0 (5% of SKUs): every other product on sale keeps one SKU in stock
	for (const p of inStock)
		if (p.skus.every((s) => s.inventory === 0)) p.skus[p.skus.length - 1].inventory = 5;
	toDelete = [onSale[10].product_id, onSale[11].product_id];
	toPutOnline = all.filter((p) => p.status === 'offline')[1].product_id;

	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
	await harness.importWorkflow(userFolder, [
		JSON.parse(readFileSync(EXAMPLE, 'utf8')),
		otherOperations(),
	]);
});

afterAll(async () => {
	await sandbox?.close();
});

function otherOperations() {
	const start = manualTrigger();
	return workflow(
		'aeE2eProductOps',
		[
			start,
			code(
				'Ids to delete',
				`return ${JSON.stringify(toDelete.map((productId) => ({ json: { productId } })))};`,
			),
			aliExpress('Delete', {
				resource: 'product',
				operation: 'delete',
				productId: '={{ $json.productId }}',
			}),
			code('Id to put online', `return [{ json: { productId: ${JSON.stringify(toPutOnline)} } }];`),
			aliExpress('Put online', {
				resource: 'product',
				operation: 'online',
				productId: '={{ $json.productId }}',
			}),
			aliExpress('Shop', { resource: 'shop', operation: 'get' }),
		],
		[
			[start.name, 'Ids to delete'],
			['Ids to delete', 'Delete'],
			[start.name, 'Id to put online'],
			['Id to put online', 'Put online'],
			[start.name, 'Shop'],
		],
	);
}

it('the nightly example takes exactly the sold-out products on sale offline, in one call', async () => {
	const before = [...sandbox.store.products.values()].map((p) => [p.product_id, p.status]);
	sandbox.resetCalls();
	const {
		code: exit,
		run,
		stderr,
	} = await harness.executeWorkflow(userFolder, 'aeExNightlyOffline');
	expect({ exit, stderr: exit === 0 ? '' : stderr.slice(-2000) }).toEqual({ exit: 0, stderr: '' });

	// Get Many read every status
	const listed = harness.nodeItems(run, 'All products (every status)');
	expect(listed).toHaveLength(before.length);
	expect(new Set(listed.map((p) => p.status))).toEqual(new Set(before.map(([, s]) => s)));
	const statusesQueried = sandbox.calls
		.filter((c) => c.method === LIST)
		.map((c) => JSON.parse(c.params.aeop_a_e_product_list_query).product_status_type);
	expect(new Set(statusesQueried)).toEqual(
		new Set(['onSelling', 'offline', 'auditing', 'editingRequired']),
	);

	const ids = soldOut.map((p) => p.product_id).sort();
	const offline = harness.nodeItems(run, 'Take offline');
	expect(offline.map((o) => o.productId).sort()).toEqual(ids);
	expect(offline.every((o) => o.success === true && o.status === 'offline')).toBe(true);
	expect(sandbox.callCount(OFFLINE)).toBe(1);
	for (const p of soldOut) expect(sandbox.store.products.get(p.product_id)?.status).toBe('offline');
	for (const p of inStock)
		expect(sandbox.store.products.get(p.product_id)?.status).toBe('onSelling');
	expect(sandbox.store.products.get(soldOutButOffline.product_id)?.status).toBe('offline');
});

it('Delete, Put Online and Shop Get in real n8n', async () => {
	sandbox.resetCalls();
	const { code: exit, run, stderr } = await harness.executeWorkflow(userFolder, 'aeE2eProductOps');
	expect({ exit, stderr: exit === 0 ? '' : stderr.slice(-2000) }).toEqual({ exit: 0, stderr: '' });
	expect(harness.nodeItems(run, 'Delete')).toEqual(
		toDelete.map((productId) => ({ productId, success: true, deleted: true })),
	);
	for (const id of toDelete) expect(sandbox.store.products.has(id)).toBe(false);
	expect(harness.nodeItems(run, 'Put online')).toEqual([
		{ productId: toPutOnline, success: true, status: 'onSelling' },
	]);
	expect(sandbox.store.products.get(toPutOnline)?.status).toBe('onSelling');
	const [shop] = harness.nodeItems(run, 'Shop');
	expect(shop).toMatchObject({
		shopId: String(sandbox.store.shop.shop_id),
		shopName: sandbox.store.shop.shop_name,
		productPostingForbidden: false,
	});
});
