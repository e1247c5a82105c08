/**
 * `npm run screenshots`: pictures of the nodes in the real n8n editor, for the README.
 *
 * Starts the editor of scripts/n8n-editor.ts (n8n 2.41.1 + this package + the sandbox
 * gateway + the example workflows), signs in with headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) at 1280×800 and saves:
 *
 *   docs/update-inventory.png   "sync stock" example, the "Update stock on AliExpress" node panel
 *   docs/get-many-orders.png    "today's paid orders" example, the "Get paid orders" node panel
 *   docs/output-table.png       "sync stock" executed in the editor: that node's input and output tables
 *
 * Options: --url <n8n url> uses an editor that is already running (`npm run n8n`) instead
 * of starting one; --out <dir> (default docs); CHROMIUM=<path> another Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { chromium, type Page } from 'playwright-core';

import { OWNER, startEditor } from './n8n-editor';

const SYNC_STOCK = { id: 'aeExSyncStock', node: 'Update stock on AliExpress' };
const PAID_ORDERS = { id: 'aeExTodaysPaidOrders', node: 'Get paid orders' };

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const log = (line: string) => process.stderr.write(`[screenshots] ${line}\n`);

async function signIn(page: Page, url: string, email: string, password: string) {
	await page.goto(`${url}/signin`);
	await page.fill('#emailOrLdapLoginId', email);
	await page.fill('#password', password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function openWorkflow(page: Page, url: string, id: string) {
	await page.goto(`${url}/workflow/${id}`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30_000 });
	await page.waitForTimeout(1000);
}

const canvasNode = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

async function openNode(page: Page, name: string) {
	await page.dblclick(canvasNode(name));
	await page.waitForSelector('[data-test-id="ndv"]', { timeout: 15_000 });
	await page.waitForTimeout(1500); // panel animation, parameter lists loading
}

async function closeNode(page: Page) {
	await page.click('[data-test-id="ndv-close-button"]');
	await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden', timeout: 10_000 });
}

async function shoot(page: Page, file: string) {
	await page.mouse.move(2, 790); // no hover effects or tooltips in the picture
	await page.waitForTimeout(500);
	await page.screenshot({ path: file });
	log(`saved ${file}`);
}

/** Clicks "Execute workflow" and waits until every node of the canvas has run. */
async function executeWorkflow(page: Page, nodeCount: number) {
	await page.click('[data-test-id="execute-workflow-button"]');
	const done = page.locator(
		'[data-test-id="canvas-node"] [data-test-id="canvas-node-status-success"]',
	);
	const deadline = Date.now() + 60_000;
	while ((await done.count()) < nodeCount) {
		if (Date.now() > deadline)
			throw new Error(
				`the workflow did not finish: ${await done.count()} of ${nodeCount} nodes succeeded`,
			);
		await page.waitForTimeout(250);
	}
	await page.waitForTimeout(1000);
}

async function main() {
	const { values } = parseArgs({
		options: { url: { type: 'string' }, out: { type: 'string', default: 'docs' } },
	});
	const outDir = resolve(__dirname, '..', values.out!);
	mkdirSync(outDir, { recursive: true });
	const t0 = Date.now();

	const editor = values.url
		? {
				url: values.url.replace(/\/$/, ''),
				email: OWNER.email,
				password: OWNER.password,
				stop: async () => {},
			}
		: await startEditor();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await signIn(page, editor.url, editor.email, editor.password);
		log(`signed in to ${editor.url}`);

		await openWorkflow(page, editor.url, SYNC_STOCK.id);
		await openNode(page, SYNC_STOCK.node);
		await shoot(page, join(outDir, 'update-inventory.png'));
		await closeNode(page);

		await openWorkflow(page, editor.url, PAID_ORDERS.id);
		await openNode(page, PAID_ORDERS.node);
		await shoot(page, join(outDir, 'get-many-orders.png'));
		await closeNode(page);

		await openWorkflow(page, editor.url, SYNC_STOCK.id);
		await executeWorkflow(page, 5);
		await openNode(page, SYNC_STOCK.node);
		await page.click('[data-test-id="output-panel"] [data-test-id="radio-button-table"]');
		await page.waitForSelector('[data-test-id="output-panel"] table', { timeout: 10_000 });
		await shoot(page, join(outDir, 'output-table.png'));
	} finally {
		await browser.close();
		await editor.stop();
	}
	log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.stack : e);
	process.exit(1);
});
