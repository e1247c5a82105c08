/**
 * The one way this package talks to AliExpress. Every call goes through
 * `AliExpressClient`: form-encoded POST (multipart when a call carries files) via n8n's
 * `httpRequestWithAuthentication` (the credential adds the system parameters
 * and signs), the answer unwrapped, errors turned into AliExpressError, and
 * transient failures retried with exponential backoff and full jitter under the
 * adaptive pace of pacing.ts (a learned rate per app key and gateway, shared by the
 * process, and an adaptive concurrency window). Quota answers are not attempts: they
 * wait as long as the gateway says (or back off when it does not say) within Max
 * Retry Time, and a ban longer than that fails at once saying when it ends.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { toWireParams, type Protocol } from '../../../credentials/AliExpressSigning';
import { findError, parseJson, unwrapResponse } from './envelope';
import {
	AliExpressError,
	BAN_MARGIN_MS,
	banError,
	scrubSecrets,
	statedBanMs,
	type AliExpressErrorInfo,
} from './errors';
import { buildRequest, type FileParam } from './multipart';
import { Pacer, SharedRate, sharedRateFor, START_RATE } from './pacing';

export { scrubSecrets } from './errors';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'aliExpressApi';

export interface TransportSettings {
	/** Attempts per call, the first included. */
	maxAttempts: number;
	/** No retry starts once this much time has passed since the call's first attempt. */
	maxRetryTimeMs: number;
	/** First backoff step; each retry doubles it (full jitter: a random wait up to the step). */
	baseDelayMs: number;
	maxDelayMs: number;
	/** Calls in flight at once, at most (the window adapts below it). */
	concurrency: number;
	/** Calls started per second at most, a ceiling over the learned rate; 0 = the learned rate alone. */
	requestsPerSecond: number;
	/** Time to wait for one answer. */
	timeoutMs: number;
}

export const DEFAULT_SETTINGS: TransportSettings = {
	maxAttempts: 5,
	maxRetryTimeMs: 120_000,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	concurrency: 5,
	requestsPerSecond: 0,
	timeoutMs: 30_000,
};

/**
 * `safe`: the call may be repeated without harm (reads, setting a value) and is
 * retried on every transient failure. `ifNotExecuted`: the call creates
 * something (publish) and is retried only when the answer proves nothing happened.
 */
export type RetryPolicy = 'safe' | 'ifNotExecuted';

/** Attempts made and when the first began: shared by calls that count as one operation (publish and its repeats). */
export interface RetryBudget {
	attempts: number;
	startedAt: number;
}

export function newBudget(): RetryBudget {
	return { attempts: 0, startedAt: Date.now() };
}

export interface CallOptions {
	retry?: RetryPolicy;
	/** Treat `result.success: false` as an error (default true). */
	checkResult?: boolean;
	/** Count attempts against this budget instead of a fresh one (Max Attempts and Max Retry Time span all calls sharing it). */
	budget?: RetryBudget;
	/** File parts: the call then goes as multipart/form-data (transport/multipart.ts). */
	files?: FileParam[];
}

const NETWORK_CODE = /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+)$/;
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

function findNetworkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && NETWORK_CODE.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	const match = /\b(ECONNRESET|ETIMEDOUT|ECONNABORTED|ECONNREFUSED|ESOCKETTIMEDOUT|EPIPE)\b/.exec(
		message,
	);
	if (match) return match[1];
	if (/timeout|socket hang up|aborted/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** A failure of the request itself, as a clean error: nothing of the request travels along. */
function requestFailure(error: unknown): AliExpressError {
	const code = findNetworkCode(error);
	if (code) {
		return new AliExpressError({
			kind: 'connection',
			code,
			message:
				code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT'
					? 'The AliExpress gateway did not answer in time'
					: 'The connection to the AliExpress gateway failed',
			notExecuted: NOT_SENT_CODES.has(code),
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new AliExpressError({
		kind: 'request',
		code: 'RequestFailed',
		message: scrubSecrets(message),
		notExecuted: true,
	});
}

interface FullResponse {
	body: unknown;
	statusCode: number;
}

export function isRetryable(info: AliExpressErrorInfo, policy: RetryPolicy): boolean {
	if (policy === 'ifNotExecuted') {
		return (
			info.notExecuted === true &&
			(info.kind === 'rateLimit' || info.kind === 'connection' || info.kind === 'platform')
		);
	}
	return info.kind === 'rateLimit' || info.kind === 'platform' || info.kind === 'connection';
}

export class AliExpressClient {
	readonly settings: TransportSettings;
	private readonly pacer: Pacer;
	private attached: Promise<void> | undefined;
	private protocolSeen: Protocol = 'iop'; // the credential's: order.get's query shape follows it
	constructor(
		private readonly ctx: RequestContext,
		settings: Partial<TransportSettings> = {},
	) {
		this.settings = { ...DEFAULT_SETTINGS, ...stripUndefined(settings) };
		this.settings.concurrency = Math.max(1, Math.floor(this.settings.concurrency));
		this.settings.maxAttempts = Math.max(1, Math.floor(this.settings.maxAttempts));
		this.pacer = new Pacer(this.settings);
	}

	/** Joins the rate learned for the credential's app key and gateway (read once; no secret is read). */
	private async attachSharedRate(): Promise<void> {
		this.attached ??= (async () => {
			const ceiling = this.settings.requestsPerSecond;
			try {
				const credentials = await this.ctx.getCredentials(CREDENTIAL_TYPE);
				if (credentials.protocol === 'top') this.protocolSeen = 'top';
				const gateway = String(credentials.gatewayUrl ?? '')
					.trim()
					.replace(/\/+$/, '');
				const key = [
					credentials.protocol ?? 'iop',
					gateway,
					String(credentials.appKey ?? '').trim(),
				].join('|');
				this.pacer.attach(sharedRateFor(key, ceiling));
			} catch {
				// no readable credential: the call fails on its own; pace alone meanwhile
				this.pacer.attach(new SharedRate(ceiling > 0 ? ceiling : START_RATE));
			}
		})();
		await this.attached;
	}

	/** The rate learned for this client's app key and gateway (calls per second), once known. */
	get learnedRate(): number | undefined {
		return this.pacer.rate;
	}

	async protocol(): Promise<Protocol> {
		return await this.attachSharedRate().then(() => this.protocolSeen);
	}

	/** A business method, e.g. `aliexpress.solution.order.get`. Returns the content of its `_response` wrapper. */
	async call(method: string, params: IDataObject, options: CallOptions = {}): Promise<IDataObject> {
		return await this.withRetry(method, '/sync', { ...params, method }, options);
	}

	/** An IOP system API such as `/auth/token/create`. Returns the flat answer. */
	async system(path: string, params: IDataObject, options: CallOptions = {}): Promise<IDataObject> {
		return await this.withRetry(path, `/rest${path}`, params, { checkResult: false, ...options });
	}

	/**
	 * Runs `fn` over `items` with the client's concurrency; results keep the input order.
	 * When one call fails, no further item starts, the calls already under way are waited
	 * for, and then the first failure is thrown: no call outlives the execution that made it
	 * (with Promise.all alone, the other workers went on calling, and retrying, after the
	 * node had already failed).
	 */
	async map<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
		const results = new Array<R>(items.length);
		let next = 0;
		let failure: { error: unknown } | undefined;
		const worker = async () => {
			while (!failure && next < items.length) {
				const index = next++;
				try {
					results[index] = await fn(items[index], index);
				} catch (error) {
					failure ??= { error };
				}
			}
		};
		const workers = Math.min(this.settings.concurrency, items.length);
		await Promise.all(Array.from({ length: workers }, worker));
		if (failure) throw failure.error;
		return results;
	}

	/** The wait before the retry that follows attempt `attempt` (1-based): full jitter up to base x 2^(attempt-1), capped. */
	backoffDelay(attempt: number): number {
		const { settings } = this;
		const step = Math.min(
			settings.maxDelayMs,
			settings.baseDelayMs * 2 ** Math.max(0, attempt - 1),
		);
		return Math.round(Math.random() * step);
	}

	/** Whether another attempt may start after waiting `delayMs`: Max Attempts and Max Retry Time. */
	mayRetry(budget: RetryBudget, delayMs: number): boolean {
		return (
			budget.attempts < this.settings.maxAttempts &&
			Date.now() - budget.startedAt + delayMs <= this.settings.maxRetryTimeMs
		);
	}

	private async withRetry(
		apiName: string,
		url: string,
		params: IDataObject,
		options: CallOptions,
	): Promise<IDataObject> {
		const policy = options.retry ?? 'safe';
		const budget = options.budget ?? newBudget();
		const body = toWireParams(params);
		let quotaAnswers = 0;
		await this.attachSharedRate();
		for (;;) {
			const start = await this.pacer.acquire();
			let error: AliExpressError;
			try {
				budget.attempts++;
				this.pacer.sent(start);
				const answer = await this.once(apiName, url, body, options);
				this.pacer.answered();
				return answer;
			} catch (caught) {
				error = caught instanceof AliExpressError ? caught : requestFailure(caught);
				// Any answer but a quota refusal says the pace was accepted; no answer says nothing.
				const { kind } = error.info;
				if (kind !== 'rateLimit' && kind !== 'connection' && kind !== 'request')
					this.pacer.answered();
			} finally {
				this.pacer.release();
			}
			if (!isRetryable(error.info, policy)) throw error;
			if (error.info.kind === 'rateLimit') {
				// A quota answer is not an attempt: Max Retry Time alone bounds the waiting.
				budget.attempts--;
				const banMs = statedBanMs(error.info);
				this.pacer.quota(start, banMs === undefined ? undefined : banMs + BAN_MARGIN_MS);
				const elapsed = Date.now() - budget.startedAt;
				if (banMs !== undefined) {
					if (elapsed + banMs > this.settings.maxRetryTimeMs) throw banError(error.info, banMs);
					this.ctx.logger?.debug(
						`AliExpress ${apiName}: ${error.info.code}, banned for ${banMs} ms`,
					);
					continue; // acquire() waits until the ban is over, for every call of this app key
				}
				const delay = this.backoffDelay(++quotaAnswers);
				if (elapsed + delay > this.settings.maxRetryTimeMs) throw error;
				this.ctx.logger?.debug(`AliExpress ${apiName}: ${error.info.code}, retry in ${delay} ms`);
				await sleep(delay);
				continue;
			}
			const delay = this.backoffDelay(budget.attempts);
			if (!this.mayRetry(budget, delay)) throw error;
			this.ctx.logger?.debug(
				`AliExpress ${apiName}: ${error.info.code}, retry ${budget.attempts} in ${delay} ms`,
			);
			await sleep(delay);
		}
	}

	private async once(
		apiName: string,
		url: string,
		body: Record<string, string>,
		options: CallOptions,
	): Promise<IDataObject> {
		const request = buildRequest(url, body, this.settings.timeoutMs, options.files);
		let response: FullResponse;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				request,
			)) as FullResponse;
		} catch (error) {
			throw requestFailure(error);
		}
		return parseAnswer(apiName, response, options);
	}
}

/** Turns an HTTP answer into the content of the AliExpress response, or an AliExpressError. */
export function parseAnswer(
	apiName: string,
	response: FullResponse,
	options: CallOptions = {},
): IDataObject {
	const status = Number(response.statusCode ?? 200);
	let parsed: unknown = response.body;
	if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
		const text = parsed.toString();
		try {
			parsed = parseJson(text);
		} catch {
			parsed = undefined;
		}
	}
	if (status >= 400) {
		// An AliExpress error body wins over the bare status.
		const apiError = findError(parsed, status);
		if (apiError) throw new AliExpressError(apiError);
		throw new AliExpressError({
			kind: status === 429 ? 'rateLimit' : status >= 500 ? 'platform' : 'unknown',
			code: `HTTP_${status}`,
			message:
				status === 429
					? 'The gateway asked to slow down (HTTP 429)'
					: `The gateway answered with HTTP status ${status}`,
			httpCode: status,
			notExecuted: status === 429,
		});
	}
	if (parsed === undefined) {
		throw new AliExpressError({
			kind: 'connection',
			code: 'MalformedResponse',
			message: 'The gateway answered with a body that is not valid JSON',
			httpCode: status,
		});
	}
	return unwrapResponse(apiName, parsed, { httpCode: status, checkResult: options.checkResult });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	const out: Partial<T> = {};
	for (const key of Object.keys(value) as Array<keyof T>) {
		if (value[key] !== undefined && value[key] !== null) out[key] = value[key];
	}
	return out;
}
