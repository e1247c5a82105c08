/**
 * Runs the sandbox gateway until Ctrl-C:
 *   ts-node --transpile-only test/sandbox/cli.ts [--port 8787] [--latency 100] [--rps 20] [--seed 42]
 */

import { parseArgs } from 'node:util';

import { startSandbox } from './index';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			latency: { type: 'string', default: '0' },
			rps: { type: 'string', default: '0' },
			seed: { type: 'string', default: '42' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(
			'usage: ts-node --transpile-only test/sandbox/cli.ts [--port 8787] [--latency ms] [--rps calls-per-second] [--seed n]',
		);
		return;
	}
	const number = (name: string, v: string | undefined) => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < 0) {
			throw new Error(`--${name} must be a whole number, got ${v}`);
		}
		return n;
	};
	const sb = await startSandbox({
		port: number('port', values.port),
		latencyMs: number('latency', values.latency),
		rateLimitPerSecond: number('rps', values.rps),
		seed: number('seed', values.seed),
	});

	console.log(`AliExpress sandbox listening on ${sb.url}
  IOP gateway      ${sb.url}/sync            (token: ${sb.url}/rest/auth/token/create)
  TOP gateway      ${sb.url}/router/rest
  App Key          ${sb.appKey}
  App Secret       ${sb.appSecret}
  Access Token     ${sb.accessToken}
  Refresh Token    ${sb.refreshToken}
  Auth code        ${sb.store.issueAuthCode()}   (one use, for /auth/token/create)
  Data             ${sb.store.products.size} products, ${sb.store.orders.size} orders
  latency ${values.latency} ms, rate cap ${values.rps === '0' ? 'none' : `${values.rps}/s per app key`}
Ctrl-C to stop.`);

	const stop = () => {
		console.log(`\nstopping after ${sb.callCount()} calls`);
		sb.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
