/**
 * Pacing: how fast and how many calls at once.
 *
 * AliExpress does not publish its quotas (a daily limit per app key, per-API limits per
 * second or per day, per-API-per-app-key limits; they differ by app and method), so the node
 * finds and follows the quota instead of being told it. The scheme is AIMD (additive
 * increase, multiplicative decrease), TCP's congestion control applied to a call rate, with
 * a slow start, as AWS SDKs' "adaptive" retry mode does for throttling:
 *
 *   - the learned rate is kept per app key and gateway and shared by every execution in this
 *     n8n process, so two workflows syncing at once split the quota instead of both running
 *     into it, and a run starts from what the last one learned;
 *   - slow start: from START_RATE (or the user's Requests per Second), every answer that is
 *     not a quota refusal adds one call per second, so the rate doubles about every second
 *     until the first quota answer (a lost connection says nothing either way);
 *   - a quota answer multiplies the rate by BETA (0.75; AWS's adaptive mode and CUBIC use 0.7,
 *     TCP Reno 0.5: a shallow cut keeps more of the rate; measured in `npm run bench`, 8a/8c,
 *     0.7 gave 1.20× the bound with 2 % refused, 0.8 1.15× with 4 %), at most once per window:
 *     the gateway counts calls over a sliding second, so a refusal of a call sent less than a
 *     second after the last cut may still be the old rate's doing and says nothing new;
 *   - after that, every such answer adds 1/rate (about one call per second, per second);
 *   - Requests per Second, when the user sets it, is a ceiling and the starting rate;
 *   - a ban whose length the gateway states stops every call of that key until it ends.
 *
 * Concurrency adapts the same way per client: a window that grows by one per success up to
 * the user's Concurrency and halves on a quota answer.
 *
 * Calls are also spread evenly (1/rate apart) and, under a user's ceiling, never more than
 * ⌈R⌉ in any second plus PACE_MARGIN_MS, counted from when they really went out.
 */
import { sleep } from 'n8n-workflow';

/** Where a learned rate starts when the user gave no Requests per Second: safe for small apps. */
export const START_RATE = 5;
/** The learned rate never drops below this (calls per second). */
export const MIN_RATE = 1;
/** No learned rate above this. */
export const MAX_RATE = 500;
/** A quota answer multiplies the rate by this. */
export const BETA = 0.75;
/** The gateway's counting window: one cut per window. */
const WINDOW_MS = 1000;

/**
 * Headroom under a user's Requests per Second. The gateway counts calls over a sliding
 * second as they reach it; calls that leave exactly 1/R s apart are refused whenever one of
 * them is held up a little longer than the one R calls later (a busy event loop, the network,
 * the gateway's own timing). 20 ms per second costs 2 % of the rate.
 */
export const PACE_MARGIN_MS = 20;

export interface PaceSettings {
	/** Calls in flight at once, at most (the user's Concurrency). */
	concurrency: number;
	/** The user's Requests per Second: a ceiling; 0 = none (the learned rate alone). */
	requestsPerSecond: number;
}

/** The rate learned for one app key on one gateway, shared by every client of this process. */
export class SharedRate {
	rate: number;
	/** Slow start ends at the first quota answer. */
	slowStart = true;
	private nextSlot = 0;
	private pausedUntil = 0;
	private lastCut = 0;
	/** Quota answers seen, and cuts made (for logs and tests). */
	refusals = 0;
	cuts = 0;

	constructor(startRate: number) {
		this.rate = clampRate(startRate);
	}

	/** The earliest time the next call may start, reserved for the caller. */
	reserve(ceiling: number, now: number): number {
		const rate = ceiling > 0 ? Math.min(this.rate, ceiling) : this.rate;
		const at = Math.max(now, this.nextSlot, this.pausedUntil);
		this.nextSlot = at + 1000 / rate;
		return at;
	}

	/** No call of this key starts before this (a ban the gateway stated). */
	get bannedUntil(): number {
		return this.pausedUntil;
	}

	/**
	 * The gateway accepted a call of a client whose ceiling is `ceiling` (0 = none). A client
	 * held at its own ceiling learns nothing above it, and never lowers what others learned.
	 */
	onAnswer(ceiling: number): void {
		if (ceiling > 0 && this.rate >= ceiling) return;
		const grown = this.rate + (this.slowStart ? 1 : 1 / this.rate);
		this.rate = clampRate(ceiling > 0 ? Math.min(grown, ceiling) : grown);
	}

	/** The gateway refused a call sent at `sentAt` for quota; `banMs`, when it said how long. */
	onQuota(sentAt: number, now: number, banMs?: number): void {
		this.refusals++;
		if (banMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + banMs);
		if (this.cuts > 0 && sentAt < this.lastCut + WINDOW_MS) return;
		this.slowStart = false;
		this.rate = clampRate(this.rate * BETA);
		this.lastCut = now;
		this.cuts++;
		// calls already spaced at the old rate move to the new spacing
		this.nextSlot = Math.max(this.nextSlot, now + 1000 / this.rate);
	}

	/** A ceiling set by the user raises a rate that has never been refused. */
	trustCeiling(ceiling: number): void {
		if (ceiling > 0 && this.slowStart && this.rate < ceiling) this.rate = clampRate(ceiling);
	}
}

function clampRate(rate: number): number {
	return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

const shared = new Map<string, SharedRate>();
/** Keys kept at most (one per app key and gateway this process has used). */
const MAX_KEYS = 200;

/** The shared rate for `key` (app key and gateway), made on first use. */
export function sharedRateFor(key: string, ceiling: number): SharedRate {
	let state = shared.get(key);
	if (!state) {
		if (shared.size >= MAX_KEYS) shared.delete(shared.keys().next().value as string);
		state = new SharedRate(ceiling > 0 ? ceiling : START_RATE);
		shared.set(key, state);
	} else {
		state.trustCeiling(ceiling);
	}
	return state;
}

/** When a call started; `sent` moves it to when the request really went out. */
export interface CallStart {
	at: number;
}

/**
 * One client's pace: its adaptive concurrency window and the user's ceiling, on top of the
 * shared learned rate.
 */
export class Pacer {
	private active = 0;
	private window: number;
	private readonly waiting: Array<() => void> = [];
	private nextStart = 0;
	/** The latest starts under a user's ceiling (at most ⌈R⌉), oldest first. */
	private readonly starts: CallStart[] = [];
	private shared: SharedRate | undefined;

	constructor(private readonly settings: PaceSettings) {
		this.window = Math.min(settings.concurrency, 2);
	}

	/** Attaches the learned rate of the app key and gateway in use (once known). */
	attach(state: SharedRate): void {
		this.shared = state;
	}

	async acquire(): Promise<CallStart> {
		// a place in the window; a waiter is given its place by release()
		if (this.active < Math.floor(this.window)) this.active++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		const rps = this.settings.requestsPerSecond;
		const perWindow = Math.max(1, Math.ceil(rps));
		// The user's ceiling first (checked again after each wait), then a slot of the shared rate.
		for (;;) {
			const now = Date.now();
			let at = this.shared?.bannedUntil ?? 0;
			if (rps > 0) {
				at = Math.max(at, this.nextStart);
				if (this.starts.length >= perWindow) {
					at = Math.max(at, this.starts[this.starts.length - perWindow].at + 1000 + PACE_MARGIN_MS);
				}
			}
			if (at <= now) break;
			await sleep(at - now);
		}
		if (this.shared) {
			const slot = this.shared.reserve(rps, Date.now());
			const wait = slot - Date.now();
			if (wait > 0) await sleep(wait);
		}
		const start = { at: Date.now() };
		if (rps > 0) {
			this.nextStart = start.at + (1000 + PACE_MARGIN_MS) / rps;
			this.starts.push(start);
			if (this.starts.length > perWindow) this.starts.shift();
		}
		return start;
	}

	/** The request goes out now: later than acquire() ended when the event loop was busy in between. */
	sent(start: CallStart): void {
		const rps = this.settings.requestsPerSecond;
		const now = Date.now();
		if (now <= start.at) return;
		start.at = now;
		if (rps > 0) this.nextStart = Math.max(this.nextStart, now + (1000 + PACE_MARGIN_MS) / rps);
	}

	/** The call is over: its place goes to a waiting call, as many as the window now allows. */
	release(): void {
		this.active--;
		while (this.waiting.length > 0 && this.active < Math.floor(this.window)) {
			this.active++;
			this.waiting.shift()!();
		}
	}

	/** The gateway answered, and not with a quota refusal. */
	answered(): void {
		this.window = Math.min(this.settings.concurrency, this.window + 1);
		this.shared?.onAnswer(this.settings.requestsPerSecond);
	}

	quota(start: CallStart, banMs?: number): void {
		this.window = Math.max(1, this.window / 2);
		this.shared?.onQuota(start.at, Date.now(), banMs);
	}

	/** The learned rate now (for logs and tests). */
	get rate(): number | undefined {
		return this.shared?.rate;
	}
}
