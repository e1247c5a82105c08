/**
 * The sandbox's photo bank and category help over real HTTP: multipart requests
 * (text parameters signed, the file part not), the documented limits refused,
 * and answers inside their contract (the sandbox refuses to send any other).
 */
import { gif, jpeg, png } from '../fixtures/images';
import { callIop } from './client';
import { startSandbox, type Sandbox } from './index';
import { computeSign } from './sign';

const UPLOAD = 'aliexpress.photobank.redefining.uploadimageforsdk';
const LIST = 'aliexpress.photobank.redefining.listimagepagination';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 5, orders: 0 });
});
afterAll(async () => await sandbox.close());

/** A multipart upload written out by hand: system parameters and sign in the query, as the IOP Java SDK sends them. */
async function upload(
	text: Record<string, string>,
	file?: { name: string; type: string; data: Buffer },
	o: { signFile?: boolean; fileAsText?: boolean } = {},
) {
	const system: Record<string, string> = {
		method: UPLOAD,
		app_key: sandbox.appKey,
		session: sandbox.accessToken,
		timestamp: String(Date.now()),
		sign_method: 'sha256',
		format: 'json',
		simplify: 'false',
	};
	const signed: Record<string, string> = { ...system, ...text };
	if (o.signFile && file) signed.image_bytes = file.data.toString('utf8');
	system.sign = computeSign(signed, sandbox.appSecret, 'sha256');
	const boundary = '----sandbox-test-boundary';
	const parts: Buffer[] = [];
	for (const [k, v] of Object.entries(text)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
		);
	}
	if (file && o.fileAsText) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image_bytes"\r\n\r\n`),
			file.data,
			Buffer.from('\r\n'),
		);
	} else if (file) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="image_bytes"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	const res = await fetch(`${sandbox.url}/sync?${new URLSearchParams(system)}`, {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		body: Buffer.concat(parts),
	});
	return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const result = (answer: Record<string, any>) =>
	answer[`${UPLOAD.replace(/\./g, '_')}_response`]?.result; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('sandbox photo bank', () => {
	it('stores a PNG sent as a file part, signed over the text parameters only, and lists it', async () => {
		const answer = await upload(
			{ file_name: 'dress.png', group_id: '1001' },
			{ name: 'dress.png', type: 'image/png', data: png(640, 480) },
		);
		expect(result(answer)).toMatchObject({
			is_success: true,
			status: 'SUCCESS',
			file_name: 'dress.png',
			width: 640,
			height: 480,
		});
		expect(result(answer).photobank_url).toMatch(/^https:\/\/.+\.png$/);
		const call = sandbox.calls.at(-1)!;
		expect(call.params.image_bytes).toBeUndefined();
		expect(call.files?.image_bytes.contentType).toBe('image/png');

		const listed = await callIop(sandbox, LIST, {
			aeop_image_pagination_request: JSON.stringify({
				location_type: 'subGroup',
				group_id: '1001',
				page_size: 50,
			}),
		});
		const images = listed.json[`${LIST.replace(/\./g, '_')}_response`].result.images
			.aeop_image as Array<{ url: string }>;
		expect(images.map((i) => i.url)).toContain(result(answer).photobank_url);
	});

	it('reads the size of a JPEG and a GIF from their headers', async () => {
		const j = await upload({}, { name: 'a.jpg', type: 'image/jpeg', data: jpeg(1200, 900) });
		expect(result(j)).toMatchObject({
			is_success: true,
			width: 1200,
			height: 900,
			file_name: 'a.jpg',
		});
		const g = await upload(
			{ file_name: 'b.gif' },
			{ name: 'x.gif', type: 'image/gif', data: gif(5000, 5000) },
		);
		expect(result(g)).toMatchObject({ is_success: true, width: 5000, height: 5000 });
	});

	it('refuses what the documentation forbids: over 3 MB, over 5000 x 5000, not an image', async () => {
		const big = await upload(
			{},
			{ name: 'big.png', type: 'image/png', data: png(100, 100, 3 * 1024 * 1024 + 1) },
		);
		expect(result(big)).toMatchObject({ is_success: false, error_code: 16009999 });
		expect(result(big).error_message).toMatch(/3MB/);
		const wide = await upload({}, { name: 'wide.gif', type: 'image/gif', data: gif(5001, 10) });
		expect(result(wide)).toMatchObject({ is_success: false, error_code: 16009999 });
		const text = await upload(
			{},
			{ name: 'a.txt', type: 'text/plain', data: Buffer.from('hello') },
		);
		expect(result(text)).toMatchObject({ is_success: false });
	});

	it('refuses a signature over the file, a file sent as text, and an upload without a file', async () => {
		const file = { name: 'a.png', type: 'image/png', data: png(10, 10) };
		const signedFile = await upload({}, file, { signFile: true });
		expect(JSON.stringify(signedFile)).toMatch(/IncompleteSignature/);
		// sent as a text part (and so signed as one), the image is no file part
		const base64 = { ...file, data: Buffer.from(file.data.toString('base64')) };
		const asText = await upload({}, base64, { fileAsText: true, signFile: true });
		expect(JSON.stringify(asText)).toMatch(/image_bytes/);
		const none = await upload({ file_name: 'x.png' });
		expect(JSON.stringify(none)).toMatch(/image_bytes/);
	});
});

describe('sandbox category help', () => {
	const ATTRS = 'aliexpress.category.redefining.getchildattributesresultbypostcateidandpath';
	it('answers a leaf category its product and SKU attributes, and sub-attributes along param2', async () => {
		const answer = await callIop(sandbox, ATTRS, { param1: '200000347', locale: 'en_US' });
		const list = answer.json[`${ATTRS.replace(/\./g, '_')}_response`].result.attributes
			.aeop_attribute_dto as Array<Record<string, unknown>>;
		expect(list.some((a) => a.sku === true)).toBe(true);
		expect(list.some((a) => a.sku === false && a.required === true)).toBe(true);
		const sub = await callIop(sandbox, ATTRS, {
			param1: '200000347',
			param2: JSON.stringify(['219=9441741844']),
		});
		const subList = sub.json[`${ATTRS.replace(/\./g, '_')}_response`].result.attributes
			.aeop_attribute_dto as Array<{ names: string }>;
		expect(JSON.parse(subList[0].names).en).toBe('Province');
		const notLeaf = await callIop(sandbox, ATTRS, { param1: '3' });
		expect(notLeaf.json[`${ATTRS.replace(/\./g, '_')}_response`].result.success).toBe(false);
		const missing = await callIop(sandbox, ATTRS, {});
		expect(JSON.stringify(missing.json)).toMatch(/param1/);
	});

	it('suggests leaf categories for a title, with their id and name paths', async () => {
		const SUGGEST = 'aliexpress.solution.product.category.suggest';
		const answer = await callIop(sandbox, SUGGEST, { title: 'Summer linen dress', language: 'en' });
		const first =
			answer.json[`${SUGGEST.replace(/\./g, '_')}_response`].suggest_category_list
				.suggest_category[0];
		expect(first).toMatchObject({ id: 200000347, name: 'Dresses' });
		expect(first.id_path.number).toEqual([3, 200000345, 200000347]);
		const noLanguage = await callIop(sandbox, SUGGEST, { title: 'Summer linen dress' });
		expect(JSON.stringify(noLanguage.json)).toMatch(/language/);
	});
});
