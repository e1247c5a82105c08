/**
 * Multipart requests (the photo bank upload) are signed as the official IOP Java SDK
 * signs them (emsaniey20/java BaseExecutor.invoke, WebUtils.requestWithFile,
 * IopUtils.signApiRequest over RequestContext.getAllParams()): the system parameters
 * and the sign in the query, the text parameters signed and kept as text parts, the
 * files never signed and sent as they are. Signatures are checked with the sandbox's
 * own signer (test/sandbox/sign.ts), written apart from the node's. Also: the image
 * facts the Upload operation reads before any call.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest } from '../../credentials/AliExpressApi.credentials';
import { readImageFacts } from '../../nodes/AliExpress/helpers/imageFile';
import { gif, jpeg, png } from '../fixtures/images';
import { computeSign } from '../sandbox/sign';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);
const CREDENTIALS: ICredentialDataDecryptedObject = {
	protocol: 'iop',
	appKey: '123456',
	appSecret: 'helloworld',
	accessToken: 'token-1',
	gatewayUrl: 'https://api-sg.aliexpress.com',
};

function uploadRequest(): IHttpRequestOptions {
	const form = new FormData();
	form.append('method', 'aliexpress.photobank.redefining.uploadimageforsdk');
	form.append('file_name', 'dress.png');
	form.append('group_id', '  ');
	form.append(
		'image_bytes',
		new Blob([new Uint8Array(png(4, 4))], { type: 'image/png' }),
		'dress.png',
	);
	return { method: 'POST', url: '/sync', headers: { accept: 'application/json' }, body: form };
}

describe('signing a multipart body', () => {
	it('signs system and text parameters, puts system parameters and the sign in the query, keeps the file', async () => {
		const signed = await signRequest(CREDENTIALS, uploadRequest(), NOW);
		const qs = signed.qs as Record<string, string>;
		expect(Object.keys(qs).sort()).toEqual([
			'app_key',
			'format',
			'session',
			'sign',
			'sign_method',
			'simplify',
			'timestamp',
		]);
		expect(qs).toMatchObject({
			app_key: '123456',
			session: 'token-1',
			sign_method: 'sha256',
			timestamp: String(NOW),
			simplify: 'false',
		});
		const body = signed.body as FormData;
		const text: Record<string, string> = {};
		const files: Array<[string, File]> = [];
		body.forEach((value, key) => {
			if (typeof value === 'string') text[key] = value;
			else files.push([key, value]);
		});
		// the blank group_id is neither signed nor sent
		expect(text).toEqual({
			method: 'aliexpress.photobank.redefining.uploadimageforsdk',
			file_name: 'dress.png',
		});
		const { sign, ...unsigned } = qs;
		expect(sign).toBe(computeSign({ ...unsigned, ...text }, 'helloworld', 'sha256'));
		expect(files.map(([k, f]) => [k, f.name, f.type, f.size])).toEqual([
			['image_bytes', 'dress.png', 'image/png', png(4, 4).length],
		]);
		expect(Buffer.from(await files[0][1].arrayBuffer()).equals(png(4, 4))).toBe(true);
		// no content type of ours: the runtime writes multipart/form-data with its boundary
		expect(Object.keys(signed.headers ?? {}).map((k) => k.toLowerCase())).not.toContain(
			'content-type',
		);
		expect(signed.url).toBe('https://api-sg.aliexpress.com/sync');
	});

	it('a sign or system parameter in the body is replaced, not sent twice', async () => {
		const request = uploadRequest();
		(request.body as FormData).append('sign', 'forged');
		(request.body as FormData).append('app_key', 'other');
		const signed = await signRequest(CREDENTIALS, request, NOW);
		const keys: string[] = [];
		(signed.body as FormData).forEach((_v, k) => keys.push(k));
		expect(keys).toEqual(['method', 'file_name', 'image_bytes']);
		expect((signed.qs as Record<string, string>).app_key).toBe('123456');
	});
});

describe('image facts read from the first bytes', () => {
	it.each([
		['PNG', png(640, 480), { type: 'png', mimeType: 'image/png', width: 640, height: 480 }],
		['GIF', gif(5000, 1), { type: 'gif', mimeType: 'image/gif', width: 5000, height: 1 }],
		[
			'JPEG',
			jpeg(1200, 900),
			{ type: 'jpeg', mimeType: 'image/jpeg', extension: 'jpg', width: 1200, height: 900 },
		],
	])('%s', (_name, data, facts) => {
		expect(readImageFacts(data)).toMatchObject(facts);
	});

	it('nothing for other files or cut-short headers', () => {
		expect(readImageFacts(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBeUndefined();
		expect(readImageFacts(png(10, 10).subarray(0, 20))).toBeUndefined();
		expect(readImageFacts(jpeg(10, 10).subarray(0, 8))).toBeUndefined();
		expect(readImageFacts(Buffer.alloc(0))).toBeUndefined();
	});
});
