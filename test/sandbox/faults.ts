/** Injected failures, chosen per call by a seeded PRNG so a test run is reproducible. */

import { createRng, type Rng } from './prng';

export type FaultKind =
	| 'http500'
	| 'http502'
	| 'http503'
	| 'http429'
	| 'reset'
	| 'timeout'
	| 'malformed'
	| 'ispError'
	| 'rateLimit'
	/** TOP code 15 with an `isv.*` sub-code: the caller's request refused, never worth a retry */
	| 'callerError';

export interface FaultOptions {
	/** Probability 0..1 that a call gets a fault. */
	rate: number;
	kinds: FaultKind[];
	/** Only these API methods (e.g. 'aliexpress.solution.order.get', '/auth/token/create'). */
	methods?: string[];
	seed?: number;
	/** For 'reset'/'timeout': apply the change, then drop the answer (the client cannot know the fate). */
	afterProcessing?: boolean;
}

export class FaultPlanner {
	private readonly rng: Rng;

	constructor(private readonly opts?: FaultOptions) {
		this.rng = createRng(opts?.seed ?? 1);
	}

	/** The fault for this call, if any. */
	decide(method: string): FaultKind | undefined {
		const o = this.opts;
		if (!o || o.rate <= 0 || o.kinds.length === 0) return undefined;
		if (o.methods && !o.methods.includes(method)) return undefined;
		if (this.rng() >= o.rate) return undefined;
		return o.kinds[Math.floor(this.rng() * o.kinds.length)];
	}

	/** Whether the call should be processed before the fault strikes. */
	processesFirst(kind: FaultKind): boolean {
		// a truncated body is the real answer cut short, so the change has happened;
		// reset/timeout lose the answer after processing only when asked to
		if (kind === 'malformed') return true;
		return (kind === 'reset' || kind === 'timeout') && this.opts?.afterProcessing === true;
	}
}

/** What the HTTP-status faults send: an error page from a proxy in front of the gateway, or nothing. */
export const HTTP_FAULTS: Partial<
	Record<FaultKind, { status: number; body: string; headers?: Record<string, string> }>
> = {
	http500: {
		status: 500,
		body: '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>',
	},
	http502: {
		status: 502,
		body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n',
	},
	http503: { status: 503, body: '' },
	http429: {
		status: 429,
		body: '<html><body><h1>429 Too Many Requests</h1></body></html>',
		headers: { 'retry-after': '1' },
	},
};
