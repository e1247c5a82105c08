/**
 * Secret scan. Every operation of the node, the trigger's poll, the list
 * searches and the credential test run inside n8n's own engine
 * (test/helpers/engine.ts: WorkflowExecute, PollContext, LoadOptionsContext,
 * RoutingNode; n8n's HTTP stack, i.e. axios over real HTTP) against the
 * sandbox along success and failure paths — bad secret, expired token, every
 * fault kind, bad input, business errors, a refused gateway — with Continue On
 * Fail on and off. Everything n8n keeps or shows is collected: the whole run
 * (n8n's IRun, what it stores as the execution), the error n8n recorded (every
 * own property, and its JSON), every output item, the trigger's static data,
 * every list search answer or error, the credential test's result, and every
 * line n8n's logger got. None of it may contain the app secret, an access token,
 * the account's refresh token or any signature the sandbox received; nor a
 * refresh token or authorization code given as input, outside the copy of the
 * user's own input n8n keeps (the node's parameters, the input items on the
 * execution stack). Two tests at the end fail on purpose: n8n logs a pasted one.
 *
 * The raw errors of n8n's HTTP stack (axios errors, which carry the signed
 * request body in `config.data`) are kept by an axios interceptor: the scan
 * checks that lost connections really produced them, that the scanner finds the
 * signature in them, and that nothing of them came through.
 */
import * as path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { captureLogs, listSearch, TriggerUnderTest } from '../helpers/engine';
import { testCredential } from '../helpers/n8n-credential-test';
import { startSandbox, type FaultKind, type FaultOptions, type Sandbox } from '../sandbox';
import { POST, credentialsFor, publishParameters, runNode } from './harness';
import { REQUIRED_POST_FIELDS } from '../fixtures/post-request';

// ------------------------------------------------------------------ the scanner

/** Where n8n keeps the user's own input: a node's parameters, the input items on the execution stack. */
export type Skip = (parent: object, key: string) => boolean;

export const userInput: Skip = (parent, key) => {
	const p = parent as Record<string, unknown>;
	if (key === 'parameters') return typeof p.type === 'string' && typeof p.typeVersion === 'number';
	if (key === 'data') return 'node' in p && 'source' in p;
	return false;
};

/** Every string reachable from `value`: own properties of any kind (non-enumerable too), to a depth. */
export function strings(
	value: unknown,
	out: string[] = [],
	seen = new Set<unknown>(),
	depth = 0,
	skip?: Skip,
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
		for (const entry of value) strings(entry, out, seen, depth + 1, skip);
		return out;
	}
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		if (skip?.(value, key)) continue;
		let inner: unknown;
		try {
			inner = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		strings(inner, out, seen, depth + 1, skip);
	}
	return out;
}

/** JSON of a value, with what `skip` names left out. */
function json(value: unknown, skip?: Skip): string {
	try {
		return (
			JSON.stringify(value, function (this: object, key: string, inner: unknown) {
				return skip && key && skip(this, key) ? undefined : inner;
			}) ?? ''
		);
	} catch {
		// a circular value cannot be stringified; its strings are already in
		return '';
	}
}

/** What one error shows anywhere: message, description, its JSON, and every string inside it. */
export function errorTexts(error: unknown, skip?: Skip): string[] {
	const texts = strings(error, [], new Set(), 0, skip);
	texts.push(json(error, skip));
	if (error instanceof Error) {
		texts.push(error.message, error.stack ?? '');
		const cause = (error as { cause?: unknown }).cause;
		if (cause instanceof Error) texts.push(cause.message, cause.stack ?? '', json(cause, skip));
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

// ------------------------------------------------------------------ n8n's logger and HTTP stack

/** Every line n8n's logger (the node's `this.logger`, WorkflowExecute's) got, for the whole file. */
let n8nLog: string[] = [];
let stopLog = () => {};

/** Every error n8n's HTTP stack (axios) threw, as axios threw it. */
const rawHttpErrors: Array<{ config?: { url?: string; data?: unknown } }> = [];
let removeInterceptor = () => {};

beforeAll(() => {
	// First, so that every capture started later (the harness's, per run) chains onto this one.
	const log = captureLogs();
	n8nLog = log.lines;
	stopLog = log.stop;

	// The axios n8n's outbound HTTP (@n8n/backend-network, under n8n-core) calls.
	const core = path.dirname(require.resolve('n8n-core'));
	const network = path.dirname(require.resolve('@n8n/backend-network', { paths: [core] }));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const axios = (require(require.resolve('axios', { paths: [network] })) as typeof import('axios'))
		.default;
	const id = axios.interceptors.response.use(undefined, (error: unknown) => {
		rawHttpErrors.push(error as (typeof rawHttpErrors)[number]);
		return Promise.reject(error);
	});
	removeInterceptor = () => axios.interceptors.response.eject(id);
});
afterAll(() => {
	stopLog();
	removeInterceptor();
});

// ------------------------------------------------------------------ one scan

/** One scan: what was seen, the secrets in play. */
class Scan {
	/** Everything seen, whole. */
	readonly texts: Array<{ where: string; text: string }> = [];
	/** The same without the user's own input n8n keeps (see `userInput`). */
	readonly shown: Array<{ where: string; text: string }> = [];
	/** Never anywhere: app secrets, access tokens, signs. */
	readonly secrets: string[] = [];
	/** Given as the node's input: nowhere but where n8n keeps that input. */
	readonly inputSecrets: string[] = [];
	readonly logStart = n8nLog.length;
	/** Where each error came from, and its message. */
	readonly errorList: string[] = [];
	errors = 0;
	outputs = 0;

	constructor(readonly sandbox: Sandbox) {}

	/** `whole`: the texts of a value; `shown`: the same texts without the user's input. */
	see(where: string, whole: string[], shown: string[] = whole): void {
		for (const text of whole) this.texts.push({ where, text });
		for (const text of shown) this.shown.push({ where, text });
	}

	seeValue(where: string, value: unknown): void {
		this.see(
			where,
			[json(value), ...strings(value)],
			[json(value, userInput), ...strings(value, [], new Set(), 0, userInput)],
		);
	}

	seeError(where: string, error: unknown): void {
		this.errors++;
		this.errorList.push(`${where}: ${(error as { message?: string }).message}`);
		this.see(where, errorTexts(error), errorTexts(error, userInput));
	}

	secret(...values: unknown[]): void {
		for (const v of values) if (typeof v === 'string' && v) this.secrets.push(v);
	}

	inputSecret(...values: unknown[]): void {
		for (const v of values) if (typeof v === 'string' && v) this.inputSecrets.push(v);
	}

	/** The signs the sandbox received so far are secrets too. */
	collectSigns(): void {
		for (const call of this.sandbox.calls) this.secret(call.params.sign);
	}

	/** The raw errors n8n's HTTP stack threw for calls to this scan's sandbox. */
	rawErrors(): typeof rawHttpErrors {
		return rawHttpErrors.filter((e) => e.config?.url?.startsWith(this.sandbox.url));
	}

	leaks(): string[] {
		this.collectSigns();
		// The logger is n8n's one: lines of scenarios running side by side are in it too, which only adds.
		const log = n8nLog.slice(this.logStart).map((text) => ({ where: 'n8n log', text }));
		return [
			...findLeaks([...this.texts, ...log], this.secrets),
			...findLeaks([...this.shown, ...log], [...this.inputSecrets, ...this.secrets]),
		];
	}
}

// ------------------------------------------------------------------ running things

interface Setup {
	credentials: ICredentialDataDecryptedObject;
	continueOnFail: boolean;
	options: INodeParameters;
	/** The credential test has no timeout of its own: a 'timeout' fault would hold it until the sandbox closes. */
	credentialTest: boolean;
	/**
	 * The list searches have no Options (5 attempts, 30 s timeout, 2 minutes of retry time):
	 * not under timeouts or rate limits, where they would wait that long.
	 */
	listSearches: boolean;
}

async function runOperation(
	scan: Scan,
	label: string,
	parameters: INodeParameters,
	items: IDataObject[],
	setup: Setup,
): Promise<void> {
	const where = `${label} (Continue On Fail ${setup.continueOnFail ? 'on' : 'off'})`;
	const { out, error, logs, run } = await runNode(
		scan.sandbox,
		{ ...parameters, options: setup.options },
		items,
		{ credentials: setup.credentials, continueOnFail: setup.continueOnFail },
	);
	if (error) scan.seeError(`${where} error`, error);
	else {
		scan.outputs += out!.length;
		scan.seeValue(`${where} output`, out);
	}
	scan.seeValue(`${where} run`, run);
	scan.see(`${where} log`, logs);
}

async function runPoll(
	scan: Scan,
	label: string,
	mode: WorkflowExecuteMode,
	setup: Setup,
): Promise<void> {
	const where = `trigger ${label}`;
	const trigger = await TriggerUnderTest.create({
		parameters: {
			event: 'orderUpdated',
			options: {
				...setup.options,
				startDate: new Date(Date.now() - 20 * 86_400_000).toISOString(),
			},
		},
		credentials: setup.credentials,
	});
	try {
		const out = await trigger.poll(mode, mode === 'manual' ? 'manual' : 'activate');
		scan.outputs += out?.[0]?.length ?? 0;
		scan.seeValue(`${where} output`, out);
	} catch (error) {
		scan.seeError(`${where} error`, error);
	}
	// What n8n saves with the workflow: the static data of every node.
	scan.seeValue(`${where} static data`, trigger.workflow.staticData);
}

async function runListSearch(
	scan: Scan,
	method: string,
	parameters: INodeParameters,
	setup: Setup,
): Promise<void> {
	const where = `list search ${method}`;
	try {
		const result = await listSearch({ method, parameters, credentials: setup.credentials });
		scan.seeValue(`${where} result`, result);
	} catch (error) {
		scan.seeError(`${where} error`, error);
	}
}

/** The credential's declarative test as n8n's tester runs it (n8n-core RoutingNode). */
async function runCredentialTest(scan: Scan, setup: Setup): Promise<void> {
	try {
		const result = await testCredential('aliExpressApi', setup.credentials);
		scan.seeValue('credential test result', result);
	} catch (error) {
		scan.seeError('credential test error', error);
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
	scan.inputSecret(code, grant.refreshToken);
	scan.secret(grant.accessToken);
	const n = scan.outputs + scan.errors;
	const ops: Array<[string, INodeParameters, IDataObject[]]> = [
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
					// the other fields aliexpress_solution_product_post.json marks required
					main_image_urls_list: ['https://img.example.com/s.jpg'],
					...REQUIRED_POST_FIELDS,
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
				updateFields: { brandName: 'NoBrand' },
			},
			[{}],
		],
		['get', { resource: 'product', operation: 'get', productId: product.product_id }, [{}]],
		[
			'get many products',
			{ resource: 'product', operation: 'getMany', limit: 3, simplify: false },
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
			},
			[
				{ p: product.product_id, s: 'SEC-1', price: 21 },
				{ p: product.product_id, s: 'SEC-2', price: 31, sale: 29 },
			],
		],
		[
			'get many orders',
			{ resource: 'order', operation: 'getMany', limit: 5, simplify: false },
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
				trackingNumber: `LP${String(n).padStart(11, '0')}`, // the carrier's pattern (sandbox orderOps.ts)
			},
			[{}],
		],
		// Mapped from the input (a pasted one: see "a pasted authorization code or refresh token" below).
		[
			'token create',
			{ resource: 'token', operation: 'create', code: '={{ $json.code }}' },
			[{ code }],
		],
		[
			'token refresh',
			{ resource: 'token', operation: 'refresh', refreshToken: '={{ $json.refreshToken }}' },
			[{ refreshToken: grant.refreshToken }],
		],
	];
	const publish = { resource: 'product', operation: 'publish' };
	// Side by side: they touch different things, and lost answers cost a timeout each.
	await Promise.all([
		...ops.map(
			async ([label, parameters, items]) =>
				await runOperation(scan, label, parameters, items, setup),
		),
		runPoll(scan, 'poll', 'trigger', setup),
		runPoll(scan, 'fetch test event', 'manual', setup),
		...(setup.credentialTest ? [runCredentialTest(scan, setup)] : []),
		...(!setup.listSearches
			? []
			: [
					runListSearch(scan, 'searchCategories', publish, setup),
					runListSearch(scan, 'searchFreightTemplates', publish, setup),
					runListSearch(
						scan,
						'searchEuResponsiblePersons',
						{ ...publish, categoryId: { __rl: true, mode: 'id', value: '200000347' } },
						setup,
					),
				]),
	]);
}

/** Bad input and business errors: the node refuses, or AliExpress does. */
async function refusals(scan: Scan, setup: Setup): Promise<void> {
	const used = scan.sandbox.store.issueAuthCode();
	scan.sandbox.store.redeemAuthCode(used);
	scan.inputSecret(used, '50001notarefreshtoken0000');
	const cases: Array<[string, INodeParameters, IDataObject[]]> = [
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
			},
			[{}],
		],
		['bad input: token', { resource: 'token', operation: 'refresh', refreshToken: '' }, [{}]],
		[
			'business: non-leaf category',
			publishParameters({ categoryId: { __rl: true, mode: 'id', value: '3' } }),
			[{ title: 'Non leaf', code: 'NL' }],
		],
		['business: unknown product', { resource: 'product', operation: 'get', productId: '1' }, [{}]],
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
				serviceName: 'CAINIAO_STANDARD',
				trackingNumber: 'LP00000000001',
			},
			[{}],
		],
		[
			'business: used code',
			{ resource: 'token', operation: 'create', code: '={{ $json.code }}' },
			[{ code: used }],
		],
		[
			'business: bad refresh token',
			{ resource: 'token', operation: 'refresh', refreshToken: '={{ $json.token }}' },
			[{ token: '50001notarefreshtoken0000' }],
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
	/** Whether n8n's HTTP stack must have thrown axios errors (lost connections). */
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

/**
 * Retries happen (and log) but stay short. The timeout is short only where a 'timeout'
 * fault holds calls: elsewhere the scenarios run side by side on a loaded machine, and
 * a quarter of a second cut short answers that were merely slow (the trigger's poll
 * makes about eight calls since FINISH is read in 30-day windows).
 */
const OPTIONS = { maxAttempts: 2, maxRetryTime: 2, timeout: 10, concurrency: 5 };
const TIMEOUT_FAULT_OPTIONS = { ...OPTIONS, timeout: 0.25 };

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
			// Outside the user's own input, too.
			const shown = errorTexts(value, userInput).map((text) => ({ where: 'planted', text }));
			expect(findLeaks(shown, [secret])).not.toEqual([]);
		}
		expect(findLeaks([{ where: 'log', text: `debug retry ${secret}` }], [secret])).toHaveLength(1);
		expect(findLeaks([{ where: 'clean', text: 'nothing to see' }], [secret])).toEqual([]);
	});

	it("leaves out only the user's own input: a node's parameters and the input items on the execution stack", () => {
		const secret = 'S3CRETS3CRETS3CRET';
		const node = { name: 'AliExpress', type: 'x.y', typeVersion: 1, parameters: { code: secret } };
		const run = {
			error: { node, description: 'clean' },
			executionData: {
				nodeExecutionStack: [{ node, data: { main: [[{ json: { secret } }]] }, source: null }],
			},
		};
		const shown = errorTexts(run, userInput).map((text) => ({ where: 'run', text }));
		expect(findLeaks(shown, [secret])).toEqual([]);
		expect(
			findLeaks(
				errorTexts(run).map((text) => ({ where: 'run', text })),
				[secret],
			),
		).not.toEqual([]);
		// Anywhere else it is found: an output item, an error's description, a parameter-like key elsewhere.
		for (const value of [
			{ ...run, error: { node, description: secret } },
			{ ...run, output: [{ json: { parameters: secret } }] },
			{ ...run, data: { main: [[{ json: { secret } }]] } },
		]) {
			const texts = errorTexts(value, userInput).map((text) => ({ where: 'run', text }));
			expect(findLeaks(texts, [secret])).not.toEqual([]);
		}
	});
});

describe("n8n's logger and HTTP stack are the ones watched", () => {
	it("the node's retry lines reach the log and axios's errors are kept, with the signed body", async () => {
		const sandbox = await startSandbox({ products: 1, orders: 0 });
		try {
			sandbox.setOptions({ faults: { rate: 1, kinds: ['reset'] } });
			const from = n8nLog.length;
			const { error } = await runNode(sandbox, {
				resource: 'product',
				operation: 'get',
				productId: '1',
				options: { maxAttempts: 2 },
			});
			expect(error?.message).toBe(
				'AliExpress error ECONNRESET: The connection to the AliExpress gateway failed',
			);
			expect(n8nLog.slice(from).some((l) => /ECONNRESET, retry 1 in \d+ ms/.test(l))).toBe(true);
			const raw = rawHttpErrors.filter((e) => e.config?.url?.startsWith(sandbox.url));
			expect(raw).toHaveLength(2);
			for (const [n, e] of raw.entries())
				expect(String(e.config?.data)).toContain(`sign=${sandbox.calls[n].params.sign}`);
		} finally {
			await sandbox.close();
		}
	});
});

describe('no secret in any output, error, run or log', () => {
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
				const kinds = scenario.faults?.kinds ?? [];
				for (const continueOnFail of [false, true]) {
					const setup = {
						credentials,
						continueOnFail,
						options: kinds.includes('timeout') ? TIMEOUT_FAULT_OPTIONS : OPTIONS,
						credentialTest: !kinds.includes('timeout'),
						// Once per scenario: Continue On Fail is no setting of theirs.
						listSearches:
							!continueOnFail &&
							!kinds.some((k) => ['timeout', 'http429', 'rateLimit'].includes(k)),
					};
					if (scenario.refusals) await refusals(scan, setup);
					else await everyOperation(scan, setup);
				}

				// The paths were really taken: every run whole, the polls' static data, the list searches.
				expect(scan.texts.length).toBeGreaterThan(30);
				const seen = [...new Set(scan.texts.map((t) => t.where))];
				expect(seen.filter((w) => w.endsWith(' run'))).toHaveLength(scenario.refusals ? 20 : 24);
				if (!scenario.refusals) {
					expect(seen.filter((w) => w.endsWith(' static data'))).toHaveLength(2);
					const lists = seen.filter((w) => w.startsWith('list search '));
					expect(lists).toHaveLength(
						kinds.some((k) => ['timeout', 'http429', 'rateLimit'].includes(k)) ? 0 : 3,
					);
				}
				if (scenario.fails) expect(scan.errors).toBeGreaterThan(0);
				else expect(scan.errorList).toEqual([]);
				if (
					scenario.name !== 'gateway refused' &&
					scenario.name !== 'bad input and business errors'
				) {
					expect(sandbox.calls.some((c) => c.params.sign)).toBe(true);
				}
				if (scenario.lostConnections) {
					// n8n's HTTP stack threw axios errors with the signed body: the dangerous material existed.
					const raw = scan.rawErrors().filter((e) => typeof e.config?.data === 'string');
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

describe('a pasted authorization code or refresh token', () => {
	// The fields' help says to paste the code (Token → Create). n8n keeps what was pasted in the
	// workflow, and so in the node it records with an error: that copy is the user's own. Its log is
	// another place: WorkflowExecute logs "Workflow execution finished with error" with the error
	// n8n recorded, node parameters and all.
	it.each([
		['Token → Create', 'create', 'code'],
		['Token → Refresh', 'refresh', 'refreshToken'],
	] as const)(
		"%s: a refused one stays out of n8n's log (n8n logs the failed node's parameters)",
		async (_name, operation, field) => {
			const sandbox = await startSandbox({ products: 0, orders: 0 });
			try {
				const used = sandbox.store.issueAuthCode();
				sandbox.store.redeemAuthCode(used);
				const pasted = operation === 'create' ? used : '50001notarefreshtoken0000';
				const from = n8nLog.length;
				const { error, run } = await runNode(sandbox, {
					resource: 'token',
					operation,
					[field]: pasted,
				});
				expect(error?.name).toBe('NodeApiError');
				// Outside the user's own copies (the node's parameters), n8n's run holds none of it.
				const shown = [json(run, userInput), ...errorTexts(error, userInput)].map((text) => ({
					where: 'run',
					text,
				}));
				expect(findLeaks(shown, [pasted])).toEqual([]);
				const log = n8nLog.slice(from).map((text) => ({ where: 'n8n log', text }));
				expect(findLeaks(log, [pasted])).toEqual([]);
			} finally {
				await sandbox.close();
			}
		},
	);
});
