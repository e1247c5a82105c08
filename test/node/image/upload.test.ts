/**
 * Image → Upload in n8n's engine against the sandbox: the image read from the item's
 * binary field goes as a multipart file part (the sandbox checks the signature over
 * the text parameters only), the photo bank holds it, the URL comes back; bad input
 * (no binary, too large, too many pixels, not an image, a long name) fails before any
 * call; Continue On Fail gives one result per item.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { gif, jpeg, png } from '../../fixtures/images';
import { photoBank } from '../../sandbox/photobank';
import { operation, useSandbox } from '../suite';

const UPLOAD = 'aliexpress.photobank.redefining.uploadimageforsdk';

const sandbox = useSandbox({ products: 5, orders: 0 });
const upload = operation(__dirname, 'upload.workflow.json', sandbox);

/** An input item holding `data` as n8n keeps binary data in memory (base64). */
const withImage = (
	data: Buffer,
	fileName: string,
	mimeType: string,
	field = 'data',
): INodeExecutionData => ({
	json: { sku: fileName },
	binary: { [field]: { data: data.toString('base64'), mimeType, fileName } },
});

describe('Image → Upload', () => {
	it('uploads the binary image as a file part and returns the photo bank URL', async () => {
		const image = png(800, 600);
		const out = await upload.output(upload.parameters({ additionalFields: { groupId: '1001' } }), {
			items: [withImage(image, 'dress-front.png', 'image/png')],
		});
		expect(out).toHaveLength(1);
		const stored = photoBank(sandbox.store).at(-1)!;
		expect(out[0].json).toEqual({
			url: stored.url,
			fileName: 'dress-front.png',
			width: 800,
			height: 600,
			status: 'SUCCESS',
			photoBankUsedMb: expect.stringMatching(/^\d+\.\d\d$/),
			photoBankTotalMb: '6144.00',
			groupId: '1001',
		});
		expect(stored).toMatchObject({
			display_name: 'dress-front.png',
			group_id: '1001',
			file_size: image.length,
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const call = sandbox.calls.filter((c) => c.method === UPLOAD)[0];
		// the image is a file part, byte for byte, and no text parameter
		expect(call.files?.image_bytes.data.equals(image)).toBe(true);
		expect(call.files?.image_bytes.contentType).toBe('image/png');
		expect(call.params.image_bytes).toBeUndefined();
		expect(call.params).toMatchObject({
			file_name: 'dress-front.png',
			group_id: '1001',
			sign_method: 'sha256',
		});
		expect(call.outcome).toBe('ok');
	});

	it('names the file by the field, then the binary, and types it by its bytes (a JPEG called .png)', async () => {
		const out = await upload.output(
			upload.parameters({
				binaryPropertyName: 'photo',
				additionalFields: { fileName: 'front.jpg' },
			}),
			{
				items: [
					withImage(jpeg(1000, 1000), 'x.png', 'image/png', 'photo'),
					withImage(gif(20, 10), 'spin.gif', 'image/gif', 'photo'),
				],
			},
		);
		expect(out.map((o) => [o.json.fileName, o.json.width, o.json.height])).toEqual([
			['front.jpg', 1000, 1000],
			['front.jpg', 20, 10],
		]);
		const parts = sandbox.calls
			.filter((c) => c.method === UPLOAD)
			.map((c) => c.files?.image_bytes.contentType);
		expect(parts).toEqual(['image/jpeg', 'image/gif']);
	});

	it.each([
		['no binary field', { json: {} }, /no binary field "data" \(it has no binary data at all\)/],
		[
			'a binary under another name',
			withImage(png(5, 5), 'a.png', 'image/png', 'file'),
			/no binary field "data" \(it has "file"\)/,
		],
		[
			'a file over 3 MB',
			withImage(png(10, 10, 3 * 1024 * 1024 + 10), 'big.png', 'image/png'),
			/3\.00 MB \(3145738 bytes\); the photo bank takes at most 3 MB/,
		],
		[
			'more than 5000 pixels wide',
			withImage(gif(5001, 100), 'wide.gif', 'image/gif'),
			/5001 x 100 pixels/,
		],
		[
			'a WebP image',
			withImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'a.webp', 'image/webp'),
			/is a WebP image, not a JPEG, PNG or GIF/,
		],
		['an empty file', withImage(Buffer.alloc(0), 'a.png', 'image/png'), /is empty/],
	])('refuses %s before any call', async (_what, item, message) => {
		const error = await upload.failure(upload.parameters(), { items: [item] });
		expect(error.message).toMatch(/^Item 1, field "Input Binary Field": /);
		expect(error.message).toMatch(message);
		expect(sandbox.callCount(UPLOAD)).toBe(0);
	});

	it('refuses a file name over 256 characters before any call', async () => {
		const error = await upload.failure(
			upload.parameters({ additionalFields: { fileName: `${'a'.repeat(253)}.png` } }),
			{
				items: [withImage(png(5, 5), 'a.png', 'image/png')],
			},
		);
		expect(error.message).toMatch(
			/field "File Name": the file name has 257 characters; at most 256/,
		);
		expect(sandbox.callCount()).toBe(0);
	});

	it('with Continue On Fail: one result per item, the bad one failed, the good ones uploaded', async () => {
		const before = photoBank(sandbox.store).length;
		const { items, error } = await upload.run(upload.parameters(), {
			continueOnFail: true,
			items: [
				withImage(png(5, 5), 'one.png', 'image/png'),
				{ json: {} },
				withImage(jpeg(30, 40), 'three.jpg', 'image/jpeg'),
			],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(items[0].json.fileName).toBe('one.png');
		expect(String(items[1].json.error)).toMatch(/Item 2, field "Input Binary Field"/);
		expect(items[1].json.url).toBeUndefined();
		expect(items[2].json).toMatchObject({ fileName: 'three.jpg', width: 30, height: 40 });
		expect(photoBank(sandbox.store).length).toBe(before + 2);
		expect(sandbox.callCount(UPLOAD)).toBe(2);
	});

	it('an upload whose answer is lost is not repeated (no second copy), a refused one is an API error', async () => {
		const before = photoBank(sandbox.store).length;
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [UPLOAD], afterProcessing: true },
		});
		const lost = await upload.run(upload.parameters(), {
			continueOnFail: true,
			items: [withImage(png(5000, 5000), 'max.png', 'image/png')],
		});
		expect(lost.items).toHaveLength(1);
		expect(String(lost.items[0].json.error)).toMatch(/connection/i);
		expect(sandbox.callCount(UPLOAD)).toBe(1);
		expect(photoBank(sandbox.store).length).toBe(before + 1);

		sandbox.setOptions({ faults: { rate: 1, kinds: ['callerError'], methods: [UPLOAD] } });
		const refused = await upload.failure(upload.parameters(), {
			items: [withImage(png(10, 10), 'a.png', 'image/png')],
		});
		expect(refused.name).toBe('NodeApiError');
		expect(sandbox.callCount(UPLOAD)).toBe(2);

		sandbox.setOptions({ faults: undefined });
		const ok = await upload.output(upload.parameters(), {
			items: [withImage(png(5000, 5000), 'max.png', 'image/png')],
		});
		expect(ok[0].json).toMatchObject({ width: 5000, height: 5000 });
	});
});
