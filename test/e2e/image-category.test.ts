/**
 * Image upload and category help inside real n8n (2.41.1, scripts/n8n-harness.js), the
 * package installed from its tarball: the example examples/publish-with-image-upload.json
 * downloads an image with n8n's HTTP Request node from a local server, uploads it to the
 * sandbox's photo bank (a multipart file part, through the credential's signing) and
 * publishes with the returned URL; a Get Attributes → Publish workflow maps the
 * attributes' entries into Publish. Assertions are on n8n's items and the sandbox.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { png } from '../fixtures/images';
import { startSandbox, type Sandbox } from '../sandbox';
import { categoryAttributes } from '../sandbox/categories';
import { photoBank } from '../sandbox/photobank';
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

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'publish-with-image-upload.json');
const UPLOAD = 'aliexpress.photobank.redefining.uploadimageforsdk';
const IMAGE = png(900, 1200);

let sandbox: Sandbox;
let images: Server;
let imageUrl: string;
let userFolder: string;

beforeAll(async () => {
	sandbox = await startSandbox({ products: 5, orders: 0 });
	images = createServer((req, res) => {
		if (req.url !== '/linen-dress-front.png') return void res.writeHead(404).end();
		res.writeHead(200, { 'content-type': 'image/png', 'content-length': IMAGE.length }).end(IMAGE);
	});
	await new Promise<void>((r) => images.listen(0, '127.0.0.1', () => r()));
	imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/linen-dress-front.png`;
	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
});

afterAll(async () => {
	await sandbox?.close();
	await new Promise((r) => images?.close(r));
});

it('the example downloads the image, uploads it to the photo bank and publishes with its URL', async () => {
	// the Shopify row's image URL points at the local server instead of a shop's CDN
	const text = readFileSync(EXAMPLE, 'utf8').replace(
		'https://cdn.shopify.com/s/files/1/example/linen-dress-front.png',
		imageUrl,
	);
	const id = await harness.importWorkflow(userFolder, JSON.parse(text));
	const { code: exit, run, stderr } = await harness.executeWorkflow(userFolder, String(id));
	expect({ exit, error: run?.data.resultData.error, stderr: exit ? stderr : '' }).toEqual({
		exit: 0,
		error: undefined,
		stderr: '',
	});

	const uploaded = harness.nodeItems(run, 'Upload to photo bank');
	const stored = photoBank(sandbox.store).at(-1)!;
	expect(uploaded).toEqual([
		expect.objectContaining({
			url: stored.url,
			fileName: 'LINEN-DRESS-BLU-M.png',
			width: 900,
			height: 1200,
		}),
	]);
	const call = sandbox.calls.find((c) => c.method === UPLOAD)!;
	expect(call.files?.image_bytes.data.equals(IMAGE)).toBe(true);
	expect(call.params.image_bytes).toBeUndefined();

	const published = harness.nodeItems(run, 'Publish on AliExpress');
	expect(published).toHaveLength(1);
	const product = sandbox.store.products.get(String(published[0].productId))!;
	expect(product.images).toEqual([stored.url]);
	expect(product.subject).toBe('Linen Summer Dress');
	expect(product.skus.map((s) => s.sku_code)).toEqual(['LINEN-DRESS-BLU-M']);
});

it('Get Attributes output maps into Publish in real n8n', async () => {
	const attributes = aliExpress('Attributes', {
		resource: 'category',
		operation: 'getAttributes',
		categoryId: { __rl: true, mode: 'id', value: '200000347' },
	});
	const gather = code(
		'Gather',
		"return [{ json: { attributes: $input.all().map(i => i.json), title: 'Mapped Linen Dress' } }];",
	);
	const publish = aliExpress('Publish', {
		resource: 'product',
		operation: 'publish',
		categoryId: { __rl: true, mode: 'id', value: '200000347' },
		title: '={{ $json.title }}',
		description: '<p>Linen</p>',
		images: 'https://ae01.alicdn.com/kf/S0000000000000000000000000000000.jpg',
		skus: {
			sku: [
				{
					skuCode: 'MAPPED-1',
					price: '20',
					stock: 3,
					attributes:
						'={{ JSON.stringify([$json.attributes.find(a => a.name === "Color").values[1].entry]) }}',
				},
			],
		},
		packageLength: 30,
		packageWidth: 20,
		packageHeight: 3,
		weight: 0.3,
		freightTemplateId: { __rl: true, mode: 'id', value: '1000' },
		additionalFields: {
			attributeList:
				'={{ JSON.stringify($json.attributes.filter(a => a.kind === "product" && a.required).map(a => a.values[0].entry)) }}',
		},
	});
	const wf = workflow(
		'aeE2eAttrsPublish',
		[manualTrigger(), attributes, gather, publish],
		[
			['Start', 'Attributes'],
			['Attributes', 'Gather'],
			['Gather', 'Publish'],
		],
	);
	await harness.importWorkflow(userFolder, wf);
	const { code: exit, run } = await harness.executeWorkflow(userFolder, wf.id);
	expect(exit).toBe(0);
	const productId = String(harness.nodeItems(run, 'Publish')[0].productId);
	const product = sandbox.store.products.get(productId)!;
	const color = categoryAttributes(sandbox.store, '200000347')!.find((a) => a.name === 'Color')!;
	expect(product.skus[0].attributes.map((a) => [a.sku_property_id, a.property_value_id])).toEqual([
		[color.id, color.values[1].id],
	]);
	expect(product.extra.attribute_list).toEqual([
		{ aliexpress_attribute_name_id: 2, aliexpress_attribute_value_id: 201512802 },
		{ aliexpress_attribute_name_id: 219, aliexpress_attribute_value_id: 9441741844 },
	]);
});
