/**
 * Secret scan. Every operation of the node (through its router), the
 * trigger's poll and the credential test run against the sandbox along
 * success and failure paths — bad secret, expired token, every fault kind,
 * bad input, business errors, a refused gateway — with Continue On Fail on
 * and off. Everything a user or a log could see is collected: every output
 * item, every thrown error (walked through all its own properties, hidden
 * ones and `cause` included, and JSON.stringify'd), every logger line. None
 * of it may contain the app secret, an access token, a refresh token or
 * authorization code given as input, or any signature the sandbox received.
 *
 * The fake context throws axios-like errors for lost connections, carrying the
 * signed request body in `config.data` as real axios does: the scan checks that
 * those errors were really thrown (and that the scanner finds the signature in
 * them), and that nothing of them came through.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IPollFunctions } from 'n8n-workflow';

import { AliExpress } from '../../nodes/AliExpress/AliExpress.node';
import { AliExpressTrigger } from '../../nodes/AliExpress/AliExpressTrigger.node';
import { createContext, createPollContext, type ParamValue } from '../helpers/context';
import { testCredential } from '../helpers/n8n-credential-test';
import { startSandbox, type FaultKind, type FaultOptions, type Sandbox } from '../sandbox';
import { POST, credentialsFor, publishParameters } from './harness';

// ------------------------------------------------------------------ the scanner

/** Every string reachable from `value`: own properties of any kind (non-enumerable too), to a depth. */
export function strings(
	value: unknown,
	out: string[] = [],
	seen = new Set<unknown>(),
	depth = 0,
): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (typeof value === 'number' || typeof value === 'bigint') {
		out.push(String(value));
		return out;
	}
	if (value === null || typeof value !== 'object' || seen.has(value) || depth > 10) return out;
	seen.add(value);
	if (value instanceof Map || value instanceof Set) {
		for (const entry of value) strings(entry, out, seen, depth + 1);
		return out;
	}
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		let inner: unknown;
		try {
			inner = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		strings(inner, out, seen, depth + 1);
	}
	return out;
}

/** What one error shows anywhere: message, description, its JSON, and every string inside it. */
export function errorTexts(error: unknown): string[] {
	const texts = strings(error);
	try {
		texts.push(JSON.stringify(error) ?? '');
	} catch {
		// a circular error cannot be stringified; its strings are already in
	}
	if (error instanceof Error) {
		texts.push(error.message, error.stack ?? '');
		const cause = (error as { cause?: unknown }).cause;
		if (cause instanceof Error)
			texts.push(cause.message, cause.stack ?? '', JSON.stringify(cause) ?? '');
	}
	return texts;
}

/** The secrets found in the texts, each with where it was found. */
export function findLeaks(
	texts: Array<{ where: string; text: string }>,
	secrets: string[],
): string[] {
	const leaks: string[] = [];
	const wanted = [...new Set(secrets.filter((s) => s.length >= 8))];
	for (const { where, text } of texts) {
		for (const secret of wanted) {
			if (text.includes(secret) || text.includes(secret.toLowerCase())) {
				leaks.push(
					`${where}: …${text.slice(Math.max(0, text.indexOf(secret) - 40), text.indexOf(secret) + 12)}…`,
				);
			}
		}
	}
	return leaks;
}

/** One scan: what was seen, the secrets in play, and the raw errors the fake HTTP stack threw. */
class Scan {
	readonly texts: Array<{ where: string; text: string }> = [];
	readonly secrets: string[] = [];
	/** Errors thrown by the fake HTTP stack (axios-like, with the signed body in config.data). */
	readonly rawErrors: unknown[] = [];
	errors = 0;
	outputs = 0;

	constructor(readonly sandbox: Sandbox) {}

	see(where: string, texts: string[]): void {
		for (const text of texts) this.texts.push({ where, text });
	}

	secret(...values: unknown[]): void {
		for (const v of values) if (typeof v === 'string' && v) this.secrets.push(v);
	}

	/** The signs the sandbox received so far are secrets too. */
	collectSigns(): void {
		for (const call of this.sandbox.calls) this.secret(call.params.sign);
	}

	leaks(): string[] {
		this.collectSigns();
		return findLeaks(this.texts, this.secrets);
	}
}

// ------------------------------------------------------------------ running things

interface Setup {
	credentials: ICredentialDataDecryptedObject;
	continueOnFail: boolean;
	options: IDataObject;
	noCredentialTest?: boolean;
}

/** Wraps the fake HTTP helper to keep every raw error it throws. */
function keepRawErrors<T extends { helpers: unknown }>(ctx: T, scan: Scan): void {
	const helpers = ctx.helpers as {
		httpRequestWithAuthentication: (...args: unknown[]) => Promise<unknown>;
	};
	const original = helpers.httpRequestWithAuthentication;
	helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
		try {
			return await original.apply(this, args);
		} catch (error) {
			scan.rawErrors.push(error);
			throw error;
		}
	};
}

async function runOperation(
	scan: Scan,
	label: string,
	parameters: Record<string, ParamValue>,
	items: IDataObject[],
	setup: Setup,
): Promise<void> {
	const where = `${label} (Continue On Fail ${setup.continueOnFail ? 'on' : 'off'})`;
	const test = createContext({
		credentials: setup.credentials,
		parameters: { options: setup.options, ...parameters },
		items,
		continueOnFail: setup.continueOnFail,
	});
	keepRawErrors(test.ctx, scan);
	try {
		const [out] = await new AliExpress().execute.call(test.ctx);
		scan.outputs += out.length;
		scan.see(`${where} output`, [JSON.stringify(out), ...strings(out)]);
	} catch (error) {
		scan.errors++;
		scan.see(`${where} error`, errorTexts(error));
	}
	scan.see(`${where} log`, test.logs);
}

async function runPoll(scan: Scan, label: string, manual: boolean, setup: Setup): Promise<void> {
	const where = `trigger ${label}`;
	const test = createPollContext({
		credentials: setup.credentials,
		parameters: {
			event: 'orderUpdated',
			statuses: [],
			simplify: true,
			options: {
				...setup.options,
				startDate: new Date(Date.now() - 20 * 86_400_000).toISOString(),
			},
		},
		mode: manual ? 'manual' : 'trigger',
	});
	keepRawErrors(test.ctx, scan);
	try {
		const out = await new AliExpressTrigger().poll.call(test.ctx as unknown as IPollFunctions);
		scan.outputs += out?.[0]?.length ?? 0;
		scan.see(`${where} output`, [JSON.stringify(out), ...strings(out)]);
	} catch (error) {
		scan.errors++;
		scan.see(`${where} error`, errorTexts(error));
	}
	scan.see(`${where} log`, test.logs);
	scan.see(`${where} state`, [JSON.stringify(test.staticData)]);
}

/** The credential's declarative test as n8n's tester runs it (n8n-core RoutingNode). */
async function runCredentialTest(scan: Scan, setup: Setup): Promise<void> {
	try {
		const result = await testCredential('aliExpressApi', setup.credentials);
		scan.see('credential test result', [JSON.stringify(result)]);
	} catch (error) {
		scan.errors++;
		scan.see('credential test error', errorTexts(error));
	}
}

/** Every operation, with parameters that succeed when nothing goes wrong. */
async function everyOperation(scan: Scan, setup: Setup): Promise<void> {
	const { sandbox } = scan;
	const product = sandbox.store.addProduct({
		status: 'onSelling',
		skus: [
			{ sku_code: 'SEC-1', price: 20, discount_price: 15, inventory: 3, attributes: [], id: 's1' },
			{ sku_code: 'SEC-2', price: 30, inventory: 4, attributes: [], id: 's2' },
		],
	});
	const order = sandbox.store.addOrder({ order_status: 'WAIT_SELLER_SEND_GOODS' });
	const code = sandbox.store.issueAuthCode();
	const grant = sandbox.store.issueToken();
	scan.secret(code, grant.accessToken, grant.refreshToken);
	const n = scan.outputs + scan.errors;
	const ops: Array<[string, Record<string, ParamValue>, IDataObject[]]> = [
		[
			'publish',
			publishParameters(),
			[
				{ title: `Secret scan ${n} A`, code: `SS${n}A` },
				{ title: `Secret scan ${n} B`, code: `SS${n}B` },
			],
		],
		[
			'publish JSON',
			{
				resource: 'product',
				operation: 'publish',
				mode: 'json',
				productJson: JSON.stringify({
					aliexpress_category_id: 200000347,
					language: 'en',
					multi_language_subject_list: [{ language: 'en', subject: `Secret scan JSON ${n}` }],
					sku_info_list: [{ sku_code: `SSJ${n}`, price: 9.5, inventory: 2 }],
				}),
			},
			[{}],
		],
		[
			'update',
			{
				resource: 'product',
				operation: 'update',
				productId: product.product_id,
				mode: 'fields',
				updateFields: { brandName: 'NoBrand' },
			},
			[{}],
		],
		[
			'get',
			{ resource: 'product', operation: 'get', productId: product.product_id, simplify: true },
			[{}],
		],
		[
			'get many products',
			{
				resource: 'product',
				operation: 'getMany',
				returnAll: false,
				limit: 3,
				filters: {},
				simplify: false,
			},
			[{}],
		],
		[
			'inventory',
			{
				resource: 'inventory',
				operation: 'update',
				inputMode: 'fromInput',
				productIdField: 'p',
				skuCodeField: 's',
				quantityField: 'q',
			},
			[
				{ p: product.product_id, s: 'SEC-1', q: 7 },
				{ p: product.product_id, s: 'SEC-2', q: 8 },
			],
		],
		[
			'price',
			{
				resource: 'price',
				operation: 'update',
				inputMode: 'fromInput',
				productIdField: 'p',
				skuCodeField: 's',
				priceField: 'price',
				discountPriceField: 'sale',
				missingDiscountPrice: 'keep',
			},
			[
				{ p: product.product_id, s: 'SEC-1', price: 21 },
				{ p: product.product_id, s: 'SEC-2', price: 31, sale: 29 },
			],
		],
		[
			'get many orders',
			{
				resource: 'order',
				operation: 'getMany',
				returnAll: false,
				limit: 5,
				filters: {},
				simplify: false,
			},
			[{}],
		],
		[
			'get order',
			{ resource: 'order', operation: 'get', orderId: order.order_id, simplify: false },
			[{}],
		],
		[
			'ship',
			{
				resource: 'order',
				operation: 'ship',
				orderId: order.order_id,
				serviceName: 'CAINIAO_STANDARD',
				trackingNumber: `LP${n}`,
				sendType: 'all',
				trackingWebsite: '',
			},
			[{}],
		],
		['token create', { resource: 'token', operation: 'create', code }, [{}]],
		[
			'token refresh',
			{ resource: 'token', operation: 'refresh', refreshToken: grant.refreshToken },
			[{}],
		],
	];
	// Side by side: they touch different things, and lost answers cost a timeout each.
	await Promise.all([
		...ops.map(
			async ([label, parameters, items]) =>
				await runOperation(scan, label, parameters, items, setup),
		),
		runPoll(scan, 'poll', false, setup),
		runPoll(scan, 'fetch test event', true, setup),
		// The fake context's `request` helper (all the credential-test context offers) has no timeout: a
		// 'timeout' fault would hold it until the sandbox closes.
		setup.noCredentialTest ? Promise.resolve() : runCredentialTest(scan, setup),
	]);
}

/** Bad input and business errors: the node refuses, or AliExpress does. */
async function refusals(scan: Scan, setup: Setup): Promise<void> {
	const used = scan.sandbox.store.issueAuthCode();
	scan.sandbox.store.redeemAuthCode(used);
	scan.secret(used, '50001notarefreshtoken0000');
	const cases: Array<[string, Record<string, ParamValue>, IDataObject[]]> = [
		['bad input: publish', publishParameters({ weight: -1 }), [{ title: 'Bad', code: 'BAD' }]],
		[
			'bad input: inventory',
			{
				resource: 'inventory',
				operation: 'update',
				inputMode: 'fields',
				productId: 'x',
				skuCode: 'A',
				quantity: 1,
			},
			[{}],
		],
		[
			'bad input: orders',
			{
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				filters: { createdAfter: 'soon' },
				simplify: true,
			},
			[{}],
		],
		['bad input: token', { resource: 'token', operation: 'refresh', refreshToken: '' }, [{}]],
		[
			'business: non-leaf category',
			publishParameters({ categoryId: { __rl: true, mode: 'id', value: '3' } }),
			[{ title: 'Non leaf', code: 'NL' }],
		],
		[
			'business: unknown product',
			{ resource: 'product', operation: 'get', productId: '1', simplify: true },
			[{}],
		],
		[
			'business: unknown SKU',
			{
				resource: 'inventory',
				operation: 'update',
				inputMode: 'fields',
				productId: '1',
				skuCode: 'NOPE',
				quantity: 1,
			},
			[{}],
		],
		[
			'business: unknown order',
			{
				resource: 'order',
				operation: 'ship',
				orderId: '1',
				serviceName: 'UPS',
				trackingNumber: 'T1',
				sendType: 'all',
				trackingWebsite: '',
			},
			[{}],
		],
		['business: used code', { resource: 'token', operation: 'create', code: used }, [{}]],
		[
			'business: bad refresh token',
			{ resource: 'token', operation: 'refresh', refreshToken: '50001notarefreshtoken0000' },
			[{}],
		],
	];
	await Promise.all(
		cases.map(
			async ([label, parameters, items]) =>
				await runOperation(scan, label, parameters, items, setup),
		),
	);
}

// ------------------------------------------------------------------ the scenarios

interface Scenario {
	name: string;
	/** Changes credentials or sandbox; returns the credentials to use. */
	prepare: (sandbox: Sandbox, scan: Scan) => ICredentialDataDecryptedObject;
	faults?: FaultOptions;
	refusals?: boolean;
	/** Whether operations must fail (errors expected without Continue On Fail). */
	fails: boolean;
	/** Whether the fake HTTP stack must have thrown axios-like errors. */
	lostConnections?: boolean;
}

const fault = (kind: FaultKind, afterProcessing = false): Scenario => ({
	name: `fault ${kind}${afterProcessing ? ' after processing' : ''}`,
	prepare: (sandbox) => credentialsFor(sandbox),
	faults: { rate: 1, kinds: [kind], afterProcessing },
	fails: true,
	lostConnections: kind === 'reset' || kind === 'timeout',
});

const SCENARIOS: Scenario[] = [
	{ name: 'everything fine', prepare: (sandbox) => credentialsFor(sandbox), fails: false },
	{
		name: 'bad input and business errors',
		prepare: (sandbox) => credentialsFor(sandbox),
		refusals: true,
		fails: true,
	},
	{
		name: 'bad app secret',
		prepare: (sandbox, scan) => {
			const wrong = `${sandbox.appSecret.slice(0, 16)}WRONGWRONGWRONGW`;
			scan.secret(wrong);
			return credentialsFor(sandbox, { appSecret: wrong });
		},
		fails: true,
	},
	{
		name: 'expired access token',
		prepare: (sandbox, scan) => {
			const grant = sandbox.store.issueToken();
			sandbox.store.expireToken(grant.accessToken);
			scan.secret(grant.accessToken);
			return credentialsFor(sandbox, { accessToken: grant.accessToken });
		},
		fails: true,
	},
	{
		name: 'gateway refused',
		prepare: (sandbox) => credentialsFor(sandbox, { gatewayUrl: 'http://shop.example.com' }),
		fails: true,
	},
	{
		name: 'publish answers lost after processing (recovered)',
		prepare: (sandbox) => credentialsFor(sandbox),
		faults: { rate: 1, kinds: ['reset'], afterProcessing: true, methods: [POST] },
		fails: false,
		lostConnections: true,
	},
	fault('timeout'),
	fault('timeout', true),
	fault('reset'),
	fault('reset', true),
	fault('malformed'),
	fault('http500'),
	fault('http502'),
	fault('http503'),
	fault('http429'),
	fault('ispError'),
	fault('rateLimit'),
];

/** Retries happen (and log) but stay short. */
const OPTIONS = { maxAttempts: 2, maxRetryTime: 2, timeout: 0.25, concurrency: 5 };

describe('the scanner', () => {
	it('finds a planted secret wherever it hides: output, message, hidden property, cause, config.data, log', () => {
		const secret = 'S3CRETS3CRETS3CRET';
		const hidden = new Error('clean');
		Object.defineProperty(hidden, 'request', {
			value: { body: `sign=${secret}` },
			enumerable: false,
		});
		const axiosLike = Object.assign(new Error('socket hang up'), {
			config: { data: `app_key=1&sign=${secret}` },
		});
		const wrapped = new Error('wrapped', { cause: axiosLike });
		const cases: unknown[] = [
			[{ json: { token: secret } }],
			new Error(`failed for ${secret}`),
			hidden,
			wrapped,
			{ deep: { deeper: { list: [1, { v: secret.toLowerCase() }] } } },
		];
		for (const value of cases) {
			const texts = errorTexts(value).map((text) => ({ where: 'planted', text }));
			expect(findLeaks(texts, [secret])).not.toEqual([]);
		}
		expect(findLeaks([{ where: 'log', text: `debug retry ${secret}` }], [secret])).toHaveLength(1);
		expect(findLeaks([{ where: 'clean', text: 'nothing to see' }], [secret])).toEqual([]);
	});
});

describe('no secret in any output, error or log', () => {
	it.concurrent.each(SCENARIOS.map((s) => [s.name, s] as const))(
		'%s',
		async (_name, scenario) => {
			const sandbox = await startSandbox({ products: 20, orders: 40 });
			try {
				const scan = new Scan(sandbox);
				scan.secret(sandbox.appSecret, sandbox.accessToken, sandbox.refreshToken);
				const credentials = scenario.prepare(sandbox, scan);
				scan.secret(credentials.appSecret, credentials.accessToken);
				sandbox.setOptions({ faults: scenario.faults });
				for (const continueOnFail of [false, true]) {
					const setup = {
						credentials,
						continueOnFail,
						options: OPTIONS,
						noCredentialTest: scenario.faults?.kinds.includes('timeout'),
					};
					if (scenario.refusals) await refusals(scan, setup);
					else await everyOperation(scan, setup);
				}

				// The paths were really taken.
				expect(scan.texts.length).toBeGreaterThan(30);
				if (scenario.fails) expect(scan.errors).toBeGreaterThan(0);
				else expect(scan.errors).toBe(0);
				if (
					scenario.name !== 'gateway refused' &&
					scenario.name !== 'bad input and business errors'
				) {
					expect(sandbox.calls.some((c) => c.params.sign)).toBe(true);
				}
				if (scenario.lostConnections) {
					// The fake HTTP stack threw axios-like errors with the signed body: the dangerous material existed.
					const raw = scan.rawErrors.filter(
						(e) => typeof (e as { config?: { data?: unknown } }).config?.data === 'string',
					);
					expect(raw.length).toBeGreaterThan(0);
					scan.collectSigns();
					const rawTexts = raw
						.flatMap((e) => errorTexts(e))
						.map((text) => ({ where: 'raw', text }));
					expect(findLeaks(rawTexts, scan.secrets).length).toBeGreaterThan(0);
				}

				expect(scan.leaks()).toEqual([]);
			} finally {
				await sandbox.close();
			}
		},
		60_000,
	);
});
