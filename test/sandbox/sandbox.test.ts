/**
 * The sandbox gateway over real HTTP: signatures, envelopes, errors, quotas, faults
 * and the business methods the node relies on.
 */

import { callIop, callIopSystem, callTop, type Target } from './client';
import { startSandbox, type FaultKind, type Sandbox } from './index';
import { computeSign, stringToSign } from './sign';
import { formatPacific } from './time';
import { REFERENCE_VECTORS, VECTOR_SECRET } from '../fixtures/reference-vectors';
import { REQUIRED_POST_FIELDS } from '../fixtures/post-request';

const ORDER_GET = 'aliexpress.solution.order.get';
const INFO_GET = 'aliexpress.solution.product.info.get';
const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';
const PRICE = 'aliexpress.solution.batch.product.price.update';

/**
 * An order.get query as IOP's flat parameters: order_status_list a JSON list, page_size and
 * current_page (required) as text (emsaniey20/java AliexpressSolutionOrderGetRequest.getApiParams).
 */
export function flatOrderQuery(q: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = { page_size: '20', current_page: '1' };
	for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? JSON.stringify(v) : String(v);
	return out;
}

/** true when the call fails at the HTTP level (reset, abort…). Errors from fetch come from another realm, so no instanceof. */
const fails = (p: Promise<unknown>) =>
	p.then(
		() => false,
		() => true,
	);

describe('signature (reference vectors, secret "helloworld")', () => {
	it.each(REFERENCE_VECTORS)('$name', ({ params, method, apiPath, sign }) => {
		expect(computeSign(params, VECTOR_SECRET, method, apiPath)).toBe(sign);
	});

	it('drops sign and empty values, sorts by code unit (appKey before app_key)', () => {
		expect(stringToSign({ sign: 'x', b: '', app_key: '1', appKey: '2' })).toBe('appKey2app_key1');
	});
});

describe('gateway', () => {
	let sb: Sandbox;
	let productId: string;

	beforeAll(async () => {
		sb = await startSandbox();
		productId = [...sb.store.products.keys()][0];
	});
	afterAll(() => sb.close());
	afterEach(() => sb.setOptions({ faults: undefined, rateLimitPerSecond: 0, latencyMs: 0 }));

	describe('IOP', () => {
		it('answers a signed call in the method wrapper and records it', async () => {
			sb.resetCalls();
			const r = await callIop(sb, INFO_GET, { product_id: productId });
			expect(r.status).toBe(200);
			const body = r.json.aliexpress_solution_product_info_get_response;
			expect(body.request_id).toEqual(expect.any(String));
			expect(body.result.product_id).toBeDefined(); // info.get documents no success flag
			expect(r.text).toContain(`"product_id":${productId},`); // a bare JSON number
			expect(sb.callCount(INFO_GET)).toBe(1);
			expect(sb.calls[0]).toMatchObject({ method: INFO_GET, protocol: 'iop', outcome: 'ok' });
			expect(sb.calls[0].params).toMatchObject({
				product_id: productId,
				app_key: sb.appKey,
				sign_method: 'sha256',
			});
		});

		it('accepts GET with a query string', async () => {
			const params: Record<string, string> = {
				method: INFO_GET,
				product_id: productId,
				app_key: sb.appKey,
				session: sb.accessToken,
				timestamp: String(Date.now()),
				sign_method: 'sha256',
			};
			params.sign = computeSign(params, sb.appSecret, 'sha256');
			const res = await fetch(`${sb.url}/sync?${new URLSearchParams(params)}`);
			const body = (await res.json()) as {
				aliexpress_solution_product_info_get_response: { result: { product_id: unknown } };
			};
			expect(body.aliexpress_solution_product_info_get_response.result.product_id).toBeDefined();
		});

		it('bad signature → flat IncompleteSignature', async () => {
			const r = await callIop(sb, INFO_GET, { product_id: productId }, { secret: 'wrong' });
			expect(r.json).toEqual({
				type: 'ISV',
				code: 'IncompleteSignature',
				message: 'The request signature does not conform to platform standards',
				request_id: expect.any(String),
			});
			const lower = await callIop(
				sb,
				INFO_GET,
				{ product_id: productId },
				{ sign: computeSign({}, 'x', 'sha256').toLowerCase() },
			);
			expect(lower.json.code).toBe('IncompleteSignature');
		});

		it('unknown app key → InvalidAppKey', async () => {
			const r = await callIop(
				sb,
				INFO_GET,
				{ product_id: productId },
				{ system: { app_key: '999999' } },
			);
			expect(r.json).toMatchObject({ type: 'ISV', code: 'InvalidAppKey' });
		});

		it('missing, unknown and expired session → error_response IllegalAccessToken', async () => {
			const expected = {
				error_response: {
					type: 'ISV',
					code: 'IllegalAccessToken',
					msg: expect.any(String),
					request_id: expect.any(String),
				},
			};
			expect(
				(await callIop(sb, INFO_GET, { product_id: productId }, { system: { session: null } }))
					.json,
			).toEqual(expected);
			expect(
				(await callIop(sb, INFO_GET, { product_id: productId }, { system: { session: 'nope' } }))
					.json,
			).toEqual(expected);
			sb.store.expireToken();
			expect((await callIop(sb, INFO_GET, { product_id: productId })).json).toEqual(expected);
			sb.store.issueToken(); // a fresh current token for the tests that follow
		});

		it('timestamp 11 minutes off → InvalidTimestamp', async () => {
			const r = await callIop(
				sb,
				INFO_GET,
				{ product_id: productId },
				{ system: { timestamp: String(Date.now() - 11 * 60_000) } },
			);
			expect(r.json).toMatchObject({ type: 'ISV', code: 'InvalidTimestamp' });
			const ok = await callIop(
				sb,
				INFO_GET,
				{ product_id: productId },
				{ system: { timestamp: String(Date.now() - 9 * 60_000) } },
			);
			expect(ok.json.aliexpress_solution_product_info_get_response).toBeDefined();
		});

		it('unknown method → InvalidApiPath; missing parameter → MissingParameter', async () => {
			expect((await callIop(sb, 'aliexpress.no.such.method')).json).toMatchObject({
				type: 'ISV',
				code: 'InvalidApiPath',
			});
			expect((await callIop(sb, INFO_GET)).json).toMatchObject({
				type: 'ISV',
				code: 'MissingParameter',
				message: expect.stringContaining('product_id'),
			});
		});
	});

	describe('TOP', () => {
		it.each(['md5', 'hmac'] as const)('%s-signed call succeeds', async (signMethod) => {
			const r = await callTop(sb, INFO_GET, { product_id: productId }, { signMethod });
			expect(r.json.aliexpress_solution_product_info_get_response.result.product_id).toBeDefined();
			expect(sb.calls[sb.calls.length - 1].protocol).toBe('top');
		});

		it('errors carry the numeric TOP codes', async () => {
			const err = async (o: Parameters<typeof callTop>[3], method = INFO_GET) =>
				(await callTop(sb, method, { product_id: productId }, o)).json.error_response;
			expect(await err({ secret: 'wrong' })).toEqual({
				code: 25,
				msg: 'Invalid signature',
				request_id: expect.any(String),
			});
			expect(await err({ system: { app_key: '999999' } })).toMatchObject({ code: 29 });
			expect(await err({ system: { session: null } })).toMatchObject({ code: 26 });
			expect(await err({ system: { session: 'nope' } })).toMatchObject({ code: 27 });
			expect(await err({ system: { timestamp: '2016-01-01 12:00:00' } })).toMatchObject({
				code: 31,
			});
			expect(await err({}, 'aliexpress.no.such.method')).toMatchObject({ code: 22 });
		});
	});

	it('rate cap answers ApiCallLimit without touching the store, then recovers', async () => {
		sb.setOptions({ rateLimitPerSecond: 3 });
		const product = sb.store.products.get(productId)!;
		const sku = product.skus[0];
		const before = sku.inventory;
		const update = (n: number) => ({
			mutiple_product_update_list: JSON.stringify([
				{
					product_id: productId,
					multiple_sku_update_list: [{ sku_code: sku.sku_code, inventory: n }],
				},
			]),
		});
		const results = await Promise.all(
			[1, 2, 3, 4, 5, 6].map(() => callIop(sb, INFO_GET, { product_id: productId })),
		);
		const limited = results.filter((r) => r.json.code === 'ApiCallLimit');
		expect(limited.length).toBe(3);
		expect(limited[0].json).toMatchObject({
			type: 'ISV',
			code: 'ApiCallLimit',
			message: expect.stringContaining('exceeded the limit'),
		});
		const refused = await callIop(sb, INVENTORY, update(before + 7));
		expect(refused.json.code).toBe('ApiCallLimit');
		expect(sku.inventory).toBe(before);
		const top = await callTop(sb, INFO_GET, { product_id: productId });
		expect(top.json.error_response).toMatchObject({
			code: 7,
			sub_code: 'accesscontrol.limited-by-api-access-count',
		});
		await new Promise((r) => setTimeout(r, 1050));
		expect((await callIop(sb, INFO_GET, { product_id: productId })).json.code).toBeUndefined();
	});

	it('latency delays the answer', async () => {
		sb.setOptions({ latencyMs: 150 });
		const t = Date.now();
		await callIop(sb, INFO_GET, { product_id: productId });
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
	});

	describe('faults', () => {
		const call = () => callIop(sb, INFO_GET, { product_id: productId }, { timeoutMs: 400 });
		const fault = (kind: FaultKind) => sb.setOptions({ faults: { rate: 1, kinds: [kind] } });

		it.each([
			['http500', 500],
			['http502', 502],
			['http503', 503],
			['http429', 429],
		] as const)('%s answers HTTP %i with no JSON', async (kind, status) => {
			fault(kind);
			const r = await call();
			expect(r.status).toBe(status);
			expect(r.json).toBeUndefined();
			expect(sb.calls[sb.calls.length - 1]).toMatchObject({ outcome: 'fault', errorCode: kind });
		});

		it('reset and timeout fail the request', async () => {
			fault('reset');
			expect(await fails(call())).toBe(true);
			fault('timeout');
			expect(await fails(call())).toBe(true);
		});

		it('malformed is a truncated JSON body', async () => {
			fault('malformed');
			const r = await call();
			expect(r.status).toBe(200);
			expect(r.text.startsWith('{"aliexpress_solution_product_info_get_response"')).toBe(true);
			expect(r.json).toBeUndefined();
		});

		it('ispError and rateLimit answer error envelopes', async () => {
			fault('ispError');
			expect((await call()).json.error_response).toMatchObject({
				type: 'ISP',
				code: 'isp.temporary-unavailable',
			});
			expect(
				(await callTop(sb, INFO_GET, { product_id: productId })).json.error_response,
			).toMatchObject({ code: 15, sub_code: expect.stringMatching(/^isp\./) });
			fault('rateLimit');
			expect((await call()).json).toMatchObject({ type: 'ISV', code: 'ApiCallLimit' });
		});

		it('methods limits faults; afterProcessing applies the change but loses the answer', async () => {
			const sku = sb.store.products.get(productId)!.skus[0];
			sb.setOptions({
				faults: { rate: 1, kinds: ['reset'], methods: [INVENTORY], afterProcessing: true },
			});
			expect((await call()).json.aliexpress_solution_product_info_get_response).toBeDefined();
			const list = JSON.stringify([
				{
					product_id: productId,
					multiple_sku_update_list: [{ sku_code: sku.sku_code, inventory: 4242 }],
				},
			]);
			expect(await fails(callIop(sb, INVENTORY, { mutiple_product_update_list: list }))).toBe(true);
			expect(sku.inventory).toBe(4242);
			sb.setOptions({ faults: { rate: 1, kinds: ['reset'], methods: [INVENTORY] } });
			const list2 = JSON.stringify([
				{
					product_id: productId,
					multiple_sku_update_list: [{ sku_code: sku.sku_code, inventory: 1 }],
				},
			]);
			expect(await fails(callIop(sb, INVENTORY, { mutiple_product_update_list: list2 }))).toBe(
				true,
			);
			expect(sku.inventory).toBe(4242);
		});
	});

	describe('products', () => {
		it('inventory update: partial failure per product, changes applied to the rest', async () => {
			const [a, b] = [...sb.store.products.values()].slice(1, 3);
			const bBefore = b.skus[0].inventory;
			const r = await callIop(sb, INVENTORY, {
				mutiple_product_update_list: JSON.stringify([
					{
						product_id: a.product_id,
						multiple_sku_update_list: [{ sku_code: a.skus[0].sku_code, inventory: 77 }],
					},
					{
						product_id: b.product_id,
						multiple_sku_update_list: [
							{ sku_code: b.skus[0].sku_code, inventory: 5 },
							{ sku_code: 'NOPE', inventory: 1 },
						],
					},
					{
						product_id: '1005006000000001',
						multiple_sku_update_list: [{ sku_code: 'X', inventory: 1 }],
					},
				]),
			});
			const body = r.json.aliexpress_solution_batch_product_inventory_update_response;
			expect(body.update_success).toBe(false);
			expect(body.update_successful_list.synchronize_product_response_dto).toEqual([
				{ product_id: Number(a.product_id) },
			]);
			const failed = body.update_failed_list.synchronize_product_response_dto;
			expect(failed.map((f: { error_code: string }) => f.error_code)).toEqual([
				'SKU_NOT_EXIST',
				'PRODUCT_NOT_EXIST',
			]);
			expect(a.skus[0].inventory).toBe(77);
			expect(b.skus[0].inventory).toBe(bBefore); // a failed product is not half-updated
		});

		it('inventory update: more than 20 products is refused whole', async () => {
			const list = Array.from({ length: 21 }, () => ({
				product_id: productId,
				multiple_sku_update_list: [{ sku_code: 'x', inventory: 1 }],
			}));
			const r = await callIop(sb, INVENTORY, { mutiple_product_update_list: JSON.stringify(list) });
			expect(r.json).toMatchObject({ type: 'ISV', code: 'InvalidParameter' });
		});

		it('price update without discount_price erases the discount', async () => {
			const p = sb.store.products.get(productId)!;
			p.skus[0].discount_price = 1;
			const r = await callIop(sb, PRICE, {
				mutiple_product_update_list: JSON.stringify([
					{
						product_id: productId,
						multiple_sku_update_list: [{ sku_code: p.skus[0].sku_code, price: '19.99' }],
					},
				]),
			});
			expect(r.json.aliexpress_solution_batch_product_price_update_response.update_success).toBe(
				true,
			);
			expect(p.skus[0]).toMatchObject({ price: 19.99, discount_price: undefined });
		});

		it('post checks the category is a leaf, then creates the product', async () => {
			const request = {
				aliexpress_category_id: 3,
				language: 'en',
				multi_language_subject_list: [{ language: 'en', subject: 'USB-C Fast Charger 65W' }],
				main_image_urls_list: ['https://example.com/1.jpg'],
				sku_info_list: [
					{ sku_code: 'CH-9-EU', price: '19.90', inventory: 10 },
					{ sku_code: 'CH-9-US', price: 21, discount_price: 18, inventory: 3 },
				],
				// the other fields product.post.json marks required
				...REQUIRED_POST_FIELDS,
			};
			const bad = await callIop(sb, 'aliexpress.solution.product.post', {
				post_product_request: JSON.stringify(request),
			});
			// product.post documents no failure fields: a refusal is an error_response
			expect(bad.json.error_response).toMatchObject({
				type: 'ISV',
				code: 'isv.invalid-parameter',
				msg: expect.stringContaining('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY'),
			});
			const ok = await callIop(sb, 'aliexpress.solution.product.post', {
				post_product_request: JSON.stringify({ ...request, aliexpress_category_id: 200003803 }),
			});
			const id = ok.text.match(/"product_id":(\d{16})/)![1];
			expect(id.startsWith('1005006')).toBe(true);
			expect(sb.store.products.get(id)).toMatchObject({
				subject: 'USB-C Fast Charger 65W',
				category_id: '200003803',
				status: 'onSelling',
			});
			expect(sb.store.products.get(id)!.skus.map((s) => s.sku_code)).toEqual([
				'CH-9-EU',
				'CH-9-US',
			]);
		});

		it('list pages with page_size < 100', async () => {
			const query = (q: object) =>
				callIop(sb, 'aliexpress.solution.product.list.get', {
					aeop_a_e_product_list_query: JSON.stringify(q),
				});
			const r = await query({ product_status_type: 'onSelling', current_page: 2, page_size: 10 });
			const result = r.json.aliexpress_solution_product_list_get_response.result;
			const onSelling = [...sb.store.products.values()].filter(
				(p) => p.status === 'onSelling',
			).length;
			expect(result).toMatchObject({
				current_page: 2,
				product_count: onSelling,
				total_page: Math.ceil(onSelling / 10),
			});
			expect(result.aeop_a_e_product_display_d_t_o_list.item_display_dto).toHaveLength(10);
			expect((await query({ product_status_type: 'onSelling', page_size: 100 })).json.code).toBe(
				'InvalidParameter',
			);
		});
	});

	describe('orders', () => {
		const orderGet = (q: Record<string, unknown>) => callIop(sb, ORDER_GET, flatOrderQuery(q));
		const result = (r: { json: any }) => r.json.aliexpress_solution_order_get_response.result; // eslint-disable-line @typescript-eslint/no-explicit-any

		it('pages newest first over every matching order', async () => {
			const status = 'WAIT_BUYER_ACCEPT_GOODS';
			const expected = [...sb.store.orders.values()]
				.filter((o) => o.order_status === status)
				.map((o) => o.order_id);
			const first = result(await orderGet({ order_status_list: [status], page_size: 50 }));
			expect(first).toMatchObject({
				success: true,
				total_count: expected.length,
				total_page: Math.ceil(expected.length / 50),
				current_page: 1,
				page_size: 50,
			});
			const seen: string[] = [];
			const created: string[] = [];
			for (let page = 1; page <= first.total_page; page++) {
				const r = await orderGet({
					order_status_list: [status],
					page_size: 50,
					current_page: page,
				});
				const list: { order_id: number; gmt_create: string }[] = [
					result(r).target_list.order_dto,
				].flat();
				seen.push(...list.map((o) => String(o.order_id))); // seeded ids stay below 2^53
				created.push(...list.map((o) => o.gmt_create));
			}
			expect(seen.sort()).toEqual(expected.sort());
			expect([...created].sort().reverse()).toEqual(created);
			// the same query in TOP's shape, param0, on the TOP gateway
			const top = await callTop(sb, ORDER_GET, {
				param0: JSON.stringify({ order_status_list: [status], page_size: 50, current_page: 1 }),
			});
			expect(result(top).total_count).toBe(expected.length);
		});

		it('enforces the 180-day range, FINISH alone in windows of ≤ 30 days, page_size ≤ 50', async () => {
			const now = Date.now();
			const days = (n: number) => formatPacific(now - n * 86_400_000);
			expect(
				result(await orderGet({ create_date_start: formatPacific(now - 181 * 86_400_000) })),
			).toMatchObject({ success: false });
			expect(result(await orderGet({ order_status_list: ['FINISH', 'IN_ISSUE'] }))).toMatchObject({
				success: false,
			});
			// FINISH needs a create window of at most 30 days
			expect(result(await orderGet({ order_status_list: ['FINISH'] }))).toMatchObject({
				success: false,
			});
			expect(
				result(await orderGet({ order_status_list: ['FINISH'], create_date_start: days(31) })),
			).toMatchObject({ success: false });
			const finish = result(
				await orderGet({
					order_status_list: ['FINISH'],
					page_size: 50,
					create_date_start: days(29.9),
				}),
			);
			expect(finish).toMatchObject({ success: true });
			expect(finish.total_count).toBeGreaterThan(0);
			// an older finished order is there for a 30-day window around it
			const old = sb.store.addOrder({ createdAt: now - 100 * 86_400_000, order_status: 'FINISH' });
			const older = result(
				await orderGet({
					order_status_list: ['FINISH'],
					create_date_start: days(110),
					create_date_end: days(90),
				}),
			);
			expect(
				[older.target_list.order_dto].flat().map((o: { order_id: number }) => String(o.order_id)),
			).toContain(old.order_id);
			expect((await orderGet({ page_size: 51 })).json.code).toBe('InvalidParameter');
		});

		it('empty result has no target_list; a late order shows up; fulfil moves it on', async () => {
			const buyer = 'us0000000000late';
			expect(result(await orderGet({ buyer_login_id: buyer }))).toMatchObject({
				success: true,
				total_count: 0,
			});
			expect(result(await orderGet({ buyer_login_id: buyer })).target_list).toBeUndefined();
			const late = sb.store.addOrder({ buyer_login_id: buyer, createdAt: Date.now() - 3_600_000 });
			const r = await orderGet({ buyer_login_id: buyer });
			// a page of one order is still a list (the IOP Java SDK's parser reads lists only)
			expect(result(r).target_list.order_dto).toMatchObject([
				{ order_status: 'WAIT_SELLER_SEND_GOODS' },
			]);
			expect(r.text).toContain(`"order_id":${late.order_id},`);
			const ship = await callIop(sb, 'aliexpress.solution.order.fulfill', {
				out_ref: late.order_id,
				service_name: 'CAINIAO_STANDARD',
				logistics_no: 'LP00123456789',
				send_type: 'all',
			});
			expect(ship.json.aliexpress_solution_order_fulfill_response.result).toEqual({
				result_success: true,
			});
			expect(late).toMatchObject({
				order_status: 'WAIT_BUYER_ACCEPT_GOODS',
				shipments: [expect.objectContaining({ logistics_no: 'LP00123456789' })],
			});
			const again = await callIop(sb, 'aliexpress.solution.order.fulfill', {
				out_ref: late.order_id,
				service_name: 'X',
				logistics_no: 'Y',
				send_type: 'all',
			});
			// shipping again after send_type all: the documented refusal (FAQ articleId=119601),
			// in the method's documented error shape (code 50, isv.invalid-parameter; apiId 42269)
			expect(again.json).toEqual({
				error_response: {
					type: 'ISV',
					code: 'isv.invalid-parameter',
					msg: '该交易订单已填写发货通知,无需重复操作。',
					request_id: expect.any(String),
				},
			});
			const info = await callIop(sb, 'aliexpress.solution.order.info.get', {
				param1: JSON.stringify({ order_id: late.order_id }),
			});
			expect(info.json.aliexpress_solution_order_info_get_response.result).toMatchObject({
				data: { order_status: 'WAIT_BUYER_ACCEPT_GOODS' },
			});
		});
	});

	describe('tokens', () => {
		it('create, refresh, and reject a reused code or refresh token', async () => {
			const code = sb.store.issueAuthCode();
			const created = await callIopSystem(sb, '/auth/token/create', { code });
			expect(created.json).toMatchObject({
				code: '0',
				sp: 'ae',
				access_token: expect.any(String),
				refresh_token: expect.any(String),
				expire_time: expect.any(Number),
				request_id: expect.any(String),
			});
			const target: Target = {
				url: sb.url,
				appKey: sb.appKey,
				appSecret: sb.appSecret,
				accessToken: created.json.access_token,
			};
			expect(
				(await callIop(target, INFO_GET, { product_id: productId })).json
					.aliexpress_solution_product_info_get_response,
			).toBeDefined();
			expect((await callIopSystem(sb, '/auth/token/create', { code })).json).toMatchObject({
				type: 'ISV',
				code: 'InvalidCode',
			});
			// a system call signed without the path prefix is refused
			const unprefixed = await callIopSystem(
				sb,
				'/auth/token/create',
				{ code: sb.store.issueAuthCode() },
				{ sign: computeSign({}, sb.appSecret, 'sha256') },
			);
			expect(unprefixed.json.code).toBe('IncompleteSignature');

			sb.store.expireToken(target.accessToken);
			expect(
				(await callIop(target, INFO_GET, { product_id: productId })).json.error_response.code,
			).toBe('IllegalAccessToken');
			const refreshed = await callIopSystem(sb, '/auth/token/refresh', {
				refresh_token: created.json.refresh_token,
			});
			expect(refreshed.json).toMatchObject({ code: '0', access_token: expect.any(String) });
			expect(refreshed.json.access_token).not.toBe(target.accessToken);
			expect(sb.accessToken).toBe(refreshed.json.access_token);
			expect(
				(
					await callIop({ ...target, accessToken: refreshed.json.access_token }, INFO_GET, {
						product_id: productId,
					})
				).json.error_response,
			).toBeUndefined();
			expect(
				(
					await callIopSystem(sb, '/auth/token/refresh', {
						refresh_token: created.json.refresh_token,
					})
				).json,
			).toMatchObject({ code: 'IllegalRefreshToken' });
		});
	});
});

describe('Pacific time and a fixed clock', () => {
	// 10 Mar 2024: US clocks jump from 02:00 PST to 03:00 PDT (10:00 UTC)
	const NOW = Date.UTC(2024, 2, 12, 18, 0, 0);
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ now: () => NOW, products: 20, orders: 60, seed: 7 });
	});
	afterAll(() => sb.close());

	const query = (q: Record<string, unknown>) =>
		callIop(sb, ORDER_GET, flatOrderQuery(q), { system: { timestamp: String(NOW) } });

	it('stores and filters order dates in US Pacific time across the DST switch', async () => {
		const pst = sb.store.addOrder({
			buyer_login_id: 'dst',
			createdAt: Date.UTC(2024, 2, 10, 9, 30),
		}); // 01:30 PST (UTC-8)
		const pdt = sb.store.addOrder({
			buyer_login_id: 'dst',
			createdAt: Date.UTC(2024, 2, 10, 10, 30),
		}); // 03:30 PDT (UTC-7)
		expect(pst.gmt_create).toBe('2024-03-10 01:30:00');
		expect(pdt.gmt_create).toBe('2024-03-10 03:30:00');

		const before = await query({
			buyer_login_id: 'dst',
			create_date_start: '2024-03-10 01:00:00',
			create_date_end: '2024-03-10 02:59:59',
		});
		const single = before.json.aliexpress_solution_order_get_response.result;
		expect(single.total_count).toBe(1);
		expect(single.target_list.order_dto).toHaveLength(1);
		expect(before.text).toContain(`"order_id":${pst.order_id},`);

		const both = await query({
			buyer_login_id: 'dst',
			create_date_start: '2024-03-10 00:00:00',
			create_date_end: '2024-03-10 04:00:00',
		});
		const list = both.json.aliexpress_solution_order_get_response.result.target_list.order_dto;
		expect(list.map((o: { gmt_create: string }) => o.gmt_create)).toEqual([
			'2024-03-10 03:30:00',
			'2024-03-10 01:30:00',
		]);

		sb.store.setOrderStatus(pst.order_id, 'IN_CANCEL');
		expect(pst.gmt_update).toBe('2024-03-12 11:00:00'); // NOW in PDT
		const modified = await query({
			modified_date_start: '2024-03-12 10:59:00',
			modified_date_end: '2024-03-12 11:01:00',
		});
		expect(modified.json.aliexpress_solution_order_get_response.result.total_count).toBe(1);
	});

	it('checks request timestamps against the sandbox clock', async () => {
		const r = await callIop(sb, ORDER_GET, flatOrderQuery({})); // Date.now() is years away from NOW
		expect(r.json.code).toBe('InvalidTimestamp');
	});

	it('close() ends a held (timeout) socket', async () => {
		const other = await startSandbox({
			products: 5,
			orders: 5,
			faults: { rate: 1, kinds: ['timeout'] },
		});
		const pending = fails(callIop(other, ORDER_GET, flatOrderQuery({}), { timeoutMs: 10_000 }));
		await new Promise((r) => setTimeout(r, 100));
		const t = Date.now();
		await other.close();
		expect(await pending).toBe(true);
		expect(Date.now() - t).toBeLessThan(1000);
	});
});
