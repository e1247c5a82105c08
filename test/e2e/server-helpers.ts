/**
 * Small helpers for tests against a running n8n server: a collector that keeps what
 * workflows POST to it, n8n's flatted execution data, and waiting for a condition.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Posted = { at: number; body: Record<string, unknown> };

/** A tiny HTTP server on 127.0.0.1 that keeps every JSON body POSTed to it. */
export async function startCollector() {
	const posted: Posted[] = [];
	const srv: Server = createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8').on('data', (d: string) => (body += d));
		req.on('end', () => {
			try {
				posted.push({ at: Date.now(), body: JSON.parse(body) as Record<string, unknown> });
			} catch {
				posted.push({ at: Date.now(), body: { unparsable: body } });
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
	const { port } = srv.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/orders`,
		posted,
		close: () => new Promise<void>((ok) => srv.close(() => ok())),
	};
}

/** flatted's parse (n8n sends execution data as flatted JSON): strings in objects are indexes into the array. */
export function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const done = new Set<unknown>();
	const revive = (value: unknown): unknown => {
		if (!value || typeof value !== 'object' || done.has(value)) return value;
		done.add(value);
		const obj = value as Record<string, unknown>;
		for (const key of Object.keys(obj)) {
			const v = obj[key];
			obj[key] = typeof v === 'string' ? revive(input[Number(v)]) : revive(v);
		}
		return obj;
	};
	return revive(input[0]);
}

export async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((ok) => setTimeout(ok, 500));
	}
}
