/**
 * The example workflows (examples/*.json) in real n8n: the three the demo runs
 * produce what they promise, and every example imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { runDemo, summary } from '../../scripts/demo';
import { harness, preparedUserFolder } from './harness';

jest.setTimeout(30 * 60_000);

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');

it('the demo runs today’s paid orders, a stock sync and a publish', async () => {
	const lines: string[] = [];
	const result = await runDemo((l) => lines.push(l));
	const startOfDay = new Date(new Date().toISOString().slice(0, 10)).getTime();
	expect(result.paidOrders.length).toBeGreaterThanOrEqual(4);
	for (const o of result.paidOrders) {
		expect(o.status).toBe('WAIT_SELLER_SEND_GOODS');
		expect(new Date(String(o.createdAt)).getTime()).toBeGreaterThanOrEqual(startOfDay);
	}
	expect(result.stockUpdates.length).toBeGreaterThan(3);
	expect(result.stockUpdates.every((s) => s.success === true)).toBe(true);
	expect(result.published).toEqual([
		expect.objectContaining({ title: 'Organic Cotton Crew T-Shirt', skuCount: 1 }),
	]);
	expect(summary(result)).toMatch(/Stock sync: (\d+) of \1 SKUs updated on 3 products/);
});

it('every example workflow imports into n8n with the package installed', async () => {
	const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
	expect(files.length).toBeGreaterThanOrEqual(5);
	const workflows = files.map((f) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')));
	for (const wf of workflows) {
		expect(JSON.stringify(wf)).not.toMatch(/appSecret|accessToken"\s*:/);
	}
	const ids = await harness.importWorkflow(preparedUserFolder(), workflows);
	expect(ids).toEqual(workflows.map((w) => w.id));
});
