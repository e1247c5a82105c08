/**
 * A local AliExpress Open Platform look-alike on 127.0.0.1 for integration tests,
 * demos and benchmarks. It checks signatures like the real gateway, answers with the
 * real envelopes and errors, and can add latency, a per-app-key rate cap and faults.
 *
 *   IOP business   POST <url>/sync                      (method=…, sign_method=sha256, timestamp=epoch ms)
 *   IOP system     POST <url>/rest/auth/token/create    (code=…)   and  /rest/auth/token/refresh (refresh_token=…)
 *   TOP            POST <url>/router/rest               (sign_method=md5|hmac, timestamp=yyyy-MM-dd HH:mm:ss GMT+8, v=2.0)
 *
 * Parameters may come in an application/x-www-form-urlencoded body, the query string, or both;
 * a multipart/form-data body gives text parameters (signed) and file parts (never signed).
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { GatewayError, missingParam, renderError, type Protocol } from './errors';
import { FaultPlanner, HTTP_FAULTS, type FaultKind, type FaultOptions } from './faults';
import { answerProblems, contractOf, validateRequest, type Contract } from './contract';
import { businessErrorCode, METHODS, settleFeeds } from './methods';
import { multipartBoundary, parseMultipart, type FilePart } from './multipart';
import { computeSign, type SignMethod } from './sign';
import { SandboxStore, type TokenGrant } from './store';
import { BEIJING, parseInZone } from './time';
import { newRequestId, toJson } from './wire';

export type { FaultKind, FaultOptions } from './faults';
export { SandboxStore } from './store';
export type {
	Product,
	Sku,
	Order,
	OrderStatus,
	OrderInput,
	ProductStatus,
	TokenGrant,
} from './store';
export { ORDER_STATUSES, PRODUCT_STATUSES } from './store';

export interface SandboxOptions {
	/** default 0 = random free port */
	port?: number;
	/** added delay per call, default 0 */
	latencyMs?: number;
	/** per app key, over a sliding 1 s window; excess calls get ApiCallLimit. default 0 = no cap */
	rateLimitPerSecond?: number;
	faults?: FaultOptions;
	/** deterministic seeded catalogue/orders (default 42) */
	seed?: number;
	/** seeded products, default 250 (each 2–8 SKUs) */
	products?: number;
	/** seeded orders, default 1200 over the last 90 days in every status */
	orders?: number;
	/** clock (ms) used for timestamp checks and order dates; default Date.now */
	now?: () => number;
	/** calls per app key per day (the day ends at 24:00 GMT+8); past it, a ban until then. default 0 = none */
	dailyLimit?: number;
	/** when the current quota day ends (epoch ms); default the next 24:00 GMT+8 */
	dailyResetAt?: number;
	/** caller addresses the app accepts (e.g. ['10.0.0.1']); others get AppWhiteIpLimit. default: any */
	ipWhitelist?: string[];
	/** business methods the app has no API permission for (InsufficientPermission / TOP 11) */
	deniedMethods?: string[];
	/** how long the platform takes to process one feed job (jobs run one after another), ms; default 1000 */
	feedDelayMs?: number;
}

export interface CallRecord {
	/** e.g. 'aliexpress.solution.order.get' or '/auth/token/create' ('' when no method was sent) */
	method: string;
	protocol: 'iop' | 'top';
	/** all received params incl. system ones */
	params: Record<string, string>;
	at: number;
	/** 'error': an error envelope or an unsuccessful result; 'fault': an injected fault */
	outcome: 'ok' | 'error' | 'fault';
	/** the error code sent, or the fault kind for faults */
	errorCode?: string;
	/** file parts of a multipart body, by parameter name (never among `params`, never signed) */
	files?: Record<string, FilePart>;
}

export interface Sandbox {
	url: string;
	appKey: string;
	appSecret: string;
	accessToken: string;
	refreshToken: string;
	store: SandboxStore;
	calls: CallRecord[];
	callCount(method?: string): number;
	resetCalls(): void;
	/**
	 * Called with each request as it arrives, before it is answered: tests use it
	 * to change the store while the node pages (an order changing between two reads).
	 */
	onCall?: (record: CallRecord) => void;
	setOptions(
		o: Partial<
			Pick<
				SandboxOptions,
				| 'latencyMs'
				| 'rateLimitPerSecond'
				| 'faults'
				| 'ipWhitelist'
				| 'deniedMethods'
				| 'dailyLimit'
				| 'feedDelayMs'
			>
		>,
	): void;
	close(): Promise<void>;
}

/** Accepted distance between a request's timestamp and the sandbox clock. */
export const TIMESTAMP_TOLERANCE_MS = 10 * 60_000;
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

type Route = { protocol: Protocol; systemApi?: string };

/** URL path → protocol, and for IOP system calls the API path that is signed. */
function routeOf(pathname: string): Route | undefined {
	if (pathname === '/sync') return { protocol: 'iop' };
	if (pathname === '/router/rest') return { protocol: 'top' };
	if (pathname.startsWith('/rest/')) {
		return { protocol: 'iop', systemApi: pathname.slice('/rest'.length) };
	}
	return undefined;
}

/** Calls per key over a sliding one-second window (real time, not the `now` option). */
class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	allow(key: string, perSecond: number): boolean {
		if (perSecond <= 0) return true;
		const t = performance.now();
		const recent = (this.hits.get(key) ?? []).filter((h) => h > t - 1000);
		const allowed = recent.length < perSecond;
		if (allowed) recent.push(t); // refused calls do not use up the quota
		this.hits.set(key, recent);
		return allowed;
	}
}

/**
 * The answer asked for with `simplify=true`: no `<method>_response` wrapper, and each
 * list bare under its list name instead of wrapped in its item name. That is the shape
 * the IOP Java SDK's SimplifyJsonConverter reads (emsaniey20/java
 * src/main/java/com/global/iop/infra/parser/json/SimplifyJsonConverter.java: the root
 * is the content, `getListObjects` takes `json.get(listName)` as the array); the SDK
 * sends simplify=true by default (BaseExecutor.java, TopExecutor.java). Anything else
 * (or nothing) answers the wrapped shape. Errors are not simplified (the converter
 * still reads `error_response`).
 */
function simplified(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(simplified);
	if (value === null || typeof value !== 'object' || value.constructor !== Object) return value;
	const obj = value as Record<string, unknown>;
	const keys = Object.keys(obj);
	if (keys.length === 1 && Array.isArray(obj[keys[0]])) return simplified(obj[keys[0]]);
	return Object.fromEntries(keys.map((k) => [k, simplified(obj[k])]));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function tokenAnswer(grant: TokenGrant, now: number) {
	return {
		access_token: grant.accessToken,
		refresh_token: grant.refreshToken,
		expire_time: grant.expiresAt,
		refresh_token_valid_time: grant.refreshExpiresAt,
		expires_in: Math.floor((grant.expiresAt - now) / 1000),
		refresh_expires_in: Math.floor((grant.refreshExpiresAt - now) / 1000),
		user_id: grant.userId,
		seller_id: grant.sellerId,
		account: grant.account,
		account_platform: 'seller_center',
		user_nick: 'sandbox-seller',
		sp: 'ae',
		locale: 'en_US',
		code: '0',
	};
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const now = opts.now ?? Date.now;
	const store = new SandboxStore({
		seed: opts.seed ?? 42,
		products: opts.products ?? 250,
		orders: opts.orders ?? 1200,
		now,
	});
	store.feeds.delayMs = opts.feedDelayMs ?? store.feeds.delayMs;
	const settings = {
		latencyMs: opts.latencyMs ?? 0,
		rateLimitPerSecond: opts.rateLimitPerSecond ?? 0,
		ipWhitelist: opts.ipWhitelist,
		deniedMethods: opts.deniedMethods ?? [],
		dailyLimit: opts.dailyLimit ?? 0,
	};
	/** app key → calls accepted in the current day, which ends at `dailyEnds` */
	const daily = new Map<string, number>();
	const BEIJING_MS = 8 * 3_600_000;
	let dailyEnds =
		opts.dailyResetAt ??
		(Math.floor((now() + BEIJING_MS) / 86_400_000) + 1) * 86_400_000 - BEIJING_MS;
	let faults = new FaultPlanner(opts.faults);
	const limiter = new RateLimiter();
	const calls: CallRecord[] = [];
	let closing = false;

	/** IOP system APIs (signed with their path in front). They answer flat with code "0". */
	const SYSTEM_APIS: Record<string, (params: Record<string, string>, appKey: string) => object> = {
		'/auth/token/create': (params, appKey) => {
			if (!params.code) throw missingParam('code');
			if (!store.redeemAuthCode(params.code)) throw new GatewayError('invalidCode');
			return tokenAnswer(store.issueToken({ appKey }), now());
		},
		'/auth/token/refresh': (params, appKey) => {
			if (!params.refresh_token) throw missingParam('refresh_token');
			const grant = store.refreshGrant(params.refresh_token, appKey);
			if (!grant) throw new GatewayError('invalidRefreshToken');
			return tokenAnswer(grant, now());
		},
	};

	/**
	 * Gateway checks in the real gateway's order, then the call itself.
	 * Returns the answer and, for an unsuccessful business result, its error code. Throws GatewayError.
	 */
	function processCall(
		route: Route,
		params: Record<string, string>,
		requestId: string,
		remoteAddress: string,
		files: Record<string, FilePart> = {},
	): { answer: object; errorCode?: string } {
		const top = route.protocol === 'top';
		const appKey = params.app_key;
		if (!appKey) throw new GatewayError('missingAppKey');
		const secret = store.apps.get(appKey);
		if (secret === undefined) throw new GatewayError('invalidAppKey');
		if (
			settings.ipWhitelist &&
			!settings.ipWhitelist.includes(remoteAddress.replace(/^::ffff:/, ''))
		) {
			throw new GatewayError('ipNotWhitelisted');
		}

		const method = route.systemApi ?? params.method;
		if (!method) throw new GatewayError('missingMethod');
		if (route.systemApi ? !SYSTEM_APIS[route.systemApi] : !METHODS[method]) {
			throw new GatewayError('invalidMethod');
		}

		if (!limiter.allow(appKey, settings.rateLimitPerSecond)) {
			throw new GatewayError('callLimit', {
				detail: `${settings.rateLimitPerSecond} calls per second`,
			});
		}
		if (settings.dailyLimit > 0) {
			const t = now();
			if (t >= dailyEnds) {
				while (t >= dailyEnds) dailyEnds += 86_400_000;
				daily.clear();
			}
			const used = daily.get(appKey) ?? 0;
			if (used >= settings.dailyLimit) {
				throw new GatewayError('dailyLimit', { detail: String(Math.ceil((dailyEnds - t) / 1000)) });
			}
			daily.set(appKey, used + 1);
		}

		if (top) {
			if (params.format !== 'json') throw new GatewayError('invalidFormat');
			if (!params.v) throw new GatewayError('missingVersion');
			if (params.v !== '2.0') throw new GatewayError('unsupportedVersion');
		}

		const ts = params.timestamp;
		if (!ts) throw new GatewayError('missingTimestamp');
		const tsMs = top ? parseInZone(ts, BEIJING) : /^\d+$/.test(ts) ? Number(ts) : NaN;
		if (!(Math.abs(now() - tsMs) <= TIMESTAMP_TOLERANCE_MS)) {
			throw new GatewayError('invalidTimestamp');
		}

		// IOP signs with sha256 only; TOP with md5 (its default) or hmac
		const signMethod = params.sign_method ?? (top ? 'md5' : undefined);
		if (!signMethod) throw missingParam('sign_method');
		if (!params.sign) throw new GatewayError('missingSignature');
		const allowed: SignMethod[] = top ? ['md5', 'hmac'] : ['sha256'];
		if (!allowed.includes(signMethod as SignMethod)) throw new GatewayError('invalidSignature');
		if (params.sign !== computeSign(params, secret, signMethod as SignMethod, route.systemApi)) {
			throw new GatewayError('invalidSignature');
		}

		// every request is checked against the method's documented contract (test/contract/),
		// after the gateway's own checks (for business calls: after the session's)
		const contract = contractOf(method);
		if (route.systemApi) {
			validateRequest(contract, params, route.protocol);
			const flat = SYSTEM_APIS[route.systemApi](params, appKey);
			keepsToContract(contract, flat as Record<string, unknown>);
			return { answer: { ...flat, request_id: requestId } };
		}

		// IOP SDKs send the token as `session`; some clients use `access_token`
		const session = top ? params.session : (params.session ?? params.access_token);
		if (!session) throw new GatewayError('missingSession');
		if (!store.validSession(session, appKey)) throw new GatewayError('invalidSession');
		if (settings.deniedMethods.includes(method))
			throw new GatewayError('permissionDenied', { param: method });

		validateRequest(contract, params, route.protocol, files);
		settleFeeds(store, now()); // feed jobs whose time has come are applied before this call
		const body = METHODS[method]({ params, store, now: now(), protocol: route.protocol, files });
		keepsToContract(contract, body);
		const inner = { ...body, request_id: requestId };
		return {
			answer:
				params.simplify === 'true'
					? (simplified(inner) as object)
					: { [`${method.replace(/\./g, '_')}_response`]: inner },
			errorCode: businessErrorCode(body),
		};
	}

	/** An answer beyond the documented tree is a sandbox bug: it fails loudly (HTTP 500), never reaches a test as data. */
	function keepsToContract(contract: Contract, body: Record<string, unknown>): void {
		// checked as it goes out on the wire (long ids are written as bare JSON numbers)
		const problems = answerProblems(contract, JSON.parse(toJson(body)) as Record<string, unknown>);
		if (problems.length > 0) {
			const shown =
				problems.slice(0, 5).join('; ') +
				(problems.length > 5 ? `; … ${problems.length - 5} more` : '');
			throw new Error(`${contract.method} answered outside its contract: ${shown}`);
		}
	}

	function send(
		res: ServerResponse,
		status: number,
		body: string,
		contentType = JSON_TYPE,
		headers: Record<string, string> = {},
	) {
		if (res.destroyed || res.writableEnded) return;
		res.writeHead(status, {
			'content-type': contentType,
			'content-length': Buffer.byteLength(body),
			...headers,
		});
		res.end(body);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const route = routeOf(url.pathname);
		if (!route) return send(res, 404, 'Not Found', 'text/plain');
		if (req.method !== 'POST' && req.method !== 'GET') {
			return send(res, 405, 'Method Not Allowed', 'text/plain');
		}

		const raw = await readBody(req);
		const params: Record<string, string> = Object.fromEntries(url.searchParams);
		const boundary = multipartBoundary(req.headers['content-type']);
		let files: Record<string, FilePart> | undefined;
		if (boundary) {
			let parsed;
			try {
				parsed = parseMultipart(raw, boundary);
			} catch {
				return send(res, 400, 'Bad Request: malformed multipart body', 'text/plain');
			}
			Object.assign(params, parsed.fields);
			files = parsed.files;
		} else if (raw.length && !/multipart\//i.test(req.headers['content-type'] ?? '')) {
			Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
		}
		const method = route.systemApi ?? params.method ?? '';
		const record: CallRecord = {
			method,
			protocol: route.protocol,
			params,
			at: now(),
			outcome: 'ok',
			...(files ? { files } : {}),
		};
		calls.push(record);
		sandbox.onCall?.(record);

		if (settings.latencyMs > 0) await new Promise((r) => setTimeout(r, settings.latencyMs));
		if (closing) return;

		const fault = faults.decide(method);
		const requestId = newRequestId();
		let answer = '';
		if (!fault || faults.processesFirst(fault)) {
			try {
				const remote = req.socket.remoteAddress ?? '';
				const result = processCall(route, params, requestId, remote, files);
				record.errorCode = result.errorCode;
				answer = toJson(result.answer);
			} catch (e) {
				if (!(e instanceof GatewayError)) throw e;
				const rendered = renderError(e, route.protocol, requestId);
				record.errorCode = rendered.code;
				answer = toJson(rendered.body);
			}
			record.outcome = record.errorCode ? 'error' : 'ok';
		}
		if (!fault) return send(res, 200, answer);

		record.outcome = 'fault';
		record.errorCode = fault;
		applyFault(fault, req, res, answer, route.protocol, requestId);
	}

	function applyFault(
		kind: FaultKind,
		req: IncomingMessage,
		res: ServerResponse,
		answer: string,
		protocol: Protocol,
		requestId: string,
	) {
		const http = HTTP_FAULTS[kind];
		if (http) return send(res, http.status, http.body, 'text/html', http.headers);
		switch (kind) {
			case 'reset':
				return void req.socket.destroy();
			case 'timeout':
				return; // never answer; close() ends the socket
			case 'malformed':
				return send(res, 200, answer.slice(0, Math.max(1, Math.floor(answer.length / 2))));
			case 'ispError':
				return send(
					res,
					200,
					toJson(renderError(new GatewayError('isp'), protocol, requestId).body),
				);
			case 'rateLimit':
				return send(
					res,
					200,
					toJson(renderError(new GatewayError('callLimit'), protocol, requestId).body),
				);
			case 'callerError':
				return send(
					res,
					200,
					toJson(renderError(new GatewayError('callerError'), protocol, requestId).body),
				);
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((e: unknown) => {
			// a bug in the sandbox, not a simulated failure: make it loud
			console.error('sandbox: internal error', e);
			send(
				res,
				500,
				`sandbox internal error: ${e instanceof Error ? e.message : String(e)}`,
				'text/plain',
			);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	const sandbox: Sandbox = {
		url: `http://127.0.0.1:${port}`,
		get appKey() {
			return store.appKey;
		},
		get appSecret() {
			return store.appSecret;
		},
		get accessToken() {
			return store.current.accessToken;
		},
		get refreshToken() {
			return store.current.refreshToken;
		},
		store,
		calls,
		callCount: (method?: string) =>
			method === undefined ? calls.length : calls.filter((c) => c.method === method).length,
		resetCalls: () => {
			calls.length = 0;
		},
		setOptions(o) {
			if (o.latencyMs !== undefined) settings.latencyMs = o.latencyMs;
			if (o.rateLimitPerSecond !== undefined) settings.rateLimitPerSecond = o.rateLimitPerSecond;
			if ('faults' in o) faults = new FaultPlanner(o.faults);
			if ('ipWhitelist' in o) settings.ipWhitelist = o.ipWhitelist;
			if (o.deniedMethods !== undefined) settings.deniedMethods = o.deniedMethods;
			if (o.dailyLimit !== undefined) settings.dailyLimit = o.dailyLimit;
			if (o.feedDelayMs !== undefined) store.feeds.delayMs = o.feedDelayMs;
		},
		close: () =>
			new Promise<void>((resolve) => {
				closing = true;
				server.close(() => resolve());
				server.closeAllConnections(); // includes sockets held by 'timeout' faults
			}),
	};
	return sandbox;
}
