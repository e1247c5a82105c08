/**
 * `npm run demo`: the package's main job, in real n8n, against the embedded
 * AliExpress sandbox. Builds (the npm script does), gets n8n (cached after the
 * first run), starts the sandbox, runs three example workflows from examples/
 * with `n8n execute`, and prints what each produced.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { startSandbox, type Sandbox } from '../test/sandbox';
import { harness, preparedUserFolder, sandboxCredential } from '../test/e2e/harness';

const ROOT = resolve(__dirname, '..');
const EXAMPLES = ['todays-paid-orders', 'sync-stock', 'publish-product'];

type Json = Record<string, unknown>;

export interface DemoResult {
	paidOrders: Json[];
	stockUpdates: Json[];
	published: Json[];
}

function example(
	name: string,
): Json & { id: string; nodes: Array<{ name: string; type: string }> } {
	return JSON.parse(readFileSync(join(ROOT, 'examples', `${name}.json`), 'utf8'));
}

/** The items of the workflow's last AliExpress node. */
function lastAliExpressItems(wf: ReturnType<typeof example>, run: unknown): Json[] {
	const nodes = wf.nodes.filter((n) => n.type.endsWith('.aliExpress'));
	return harness.nodeItems(run as never, nodes[nodes.length - 1].name);
}

/** A store's morning: a few paid orders today, so "today's paid orders" has something to show. */
function seedToday(sandbox: Sandbox) {
	const now = Date.now();
	const startOfDay = Date.UTC(
		new Date(now).getUTCFullYear(),
		new Date(now).getUTCMonth(),
		new Date(now).getUTCDate(),
	);
	for (let n = 0; n < 4; n++) {
		const at = startOfDay + Math.floor(((now - startOfDay) * (n + 1)) / 5);
		sandbox.store.addOrder({
			createdAt: at,
			updatedAt: at,
			order_status: 'WAIT_SELLER_SEND_GOODS',
		});
	}
}

export async function runDemo(
	log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<DemoResult> {
	log('• Getting real n8n (the first run installs it, see README)…');
	harness.ensureN8n();
	const sandbox = await startSandbox();
	try {
		seedToday(sandbox);
		log(
			`• Sandbox gateway on ${sandbox.url} (${sandbox.store.products.size} products, ${sandbox.store.orders.size} orders)`,
		);
		log('• Installing the package into a fresh n8n user folder…');
		const userFolder = preparedUserFolder();
		await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
		const workflows = EXAMPLES.map(example);
		await harness.importWorkflow(userFolder, workflows);

		const outputs: Json[][] = [];
		for (const wf of workflows) {
			log(`• Running "${String(wf.name)}"…`);
			const { code, run, stdout, stderr } = await harness.executeWorkflow(userFolder, wf.id);
			const error = (
				run as { data?: { resultData?: { error?: { message?: string } } } } | undefined
			)?.data?.resultData?.error;
			if (code !== 0 || !run || error) {
				throw new Error(
					`"${String(wf.name)}" failed (exit ${code}): ${error?.message ?? (stderr || stdout).trim().split('\n').slice(-5).join('\n')}`,
				);
			}
			outputs.push(lastAliExpressItems(wf, run));
		}
		const [paidOrders, stockUpdates, published] = outputs;
		return { paidOrders, stockUpdates, published };
	} finally {
		await sandbox.close();
	}
}

export function summary({ paidOrders, stockUpdates, published }: DemoResult): string {
	const lines: string[] = [];
	lines.push('', `Today's paid orders: ${paidOrders.length} waiting to ship`);
	for (const o of paidOrders.slice(0, 5)) {
		const items = (o.items as Json[] | undefined) ?? [];
		lines.push(
			`  ${String(o.orderId)}  ${String(o.createdAt)}  ${String(o.totalAmount)} ${String(o.currency)}  ${String(o.buyerLoginId)}  (${items.length} line${items.length === 1 ? '' : 's'})`,
		);
	}
	const ok = stockUpdates.filter((s) => s.success === true);
	const products = new Set(stockUpdates.map((s) => s.productId));
	lines.push(
		'',
		`Stock sync: ${ok.length} of ${stockUpdates.length} SKUs updated on ${products.size} products`,
	);
	for (const s of stockUpdates.slice(0, 5)) {
		lines.push(
			`  ${String(s.productId)}  ${String(s.skuCode).padEnd(18)} → ${String(s.quantity)}  ${s.success ? 'ok' : `FAILED ${String(s.errorMessage)}`}`,
		);
	}
	lines.push('', `Published: ${published.length} product${published.length === 1 ? '' : 's'}`);
	for (const p of published) {
		lines.push(
			`  ${String(p.productId)}  "${String(p.title)}"  ${String(p.skuCount)} SKU(s) in category ${String(p.categoryId)}`,
		);
	}
	return lines.join('\n');
}

if (require.main === module) {
	const started = Date.now();
	runDemo()
		.then((result) => {
			process.stdout.write(
				`${summary(result)}\n\nDone in ${Math.round((Date.now() - started) / 1000)} s.\n`,
			);
			const failed =
				result.stockUpdates.some((s) => s.success !== true) || result.published.length !== 1;
			process.exit(failed ? 1 : 0);
		})
		.catch((error: Error) => {
			process.stderr.write(`\nThe demo failed: ${error.message}\n`);
			process.exit(1);
		});
}
