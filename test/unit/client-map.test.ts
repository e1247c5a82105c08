/**
 * AliExpressClient.map runs calls side by side. When one fails, the node fails: no call of
 * that execution may still be running (or retrying) afterwards, and none may start.
 */
import { AliExpressClient } from '../../nodes/AliExpress/transport/request';

const client = (concurrency: number) => new AliExpressClient({} as never, { concurrency });
const tick = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

test('after a failure no item starts, the ones under way finish, then the first failure is thrown', async () => {
	const started: number[] = [];
	const finished: number[] = [];
	const run = client(3).map([0, 1, 2, 3, 4, 5, 6, 7], async (item) => {
		started.push(item);
		if (item === 1) {
			await tick(5);
			throw new Error(`item ${item} failed`);
		}
		if (item === 2) {
			await tick(15);
			throw new Error(`item ${item} failed later`);
		}
		await tick(30);
		finished.push(item);
		return item;
	});
	let settledAt = 0;
	const outcome = run.then(
		() => 'resolved',
		(e: Error) => {
			settledAt = Date.now();
			return e.message;
		},
	);
	const t0 = Date.now();
	expect(await outcome).toBe('item 1 failed');
	// items 0, 1, 2 start together; after item 1 fails nothing else starts
	expect(started).toEqual([0, 1, 2]);
	// item 0 was under way: it finished before map gave up
	expect(finished).toEqual([0]);
	expect(settledAt - t0).toBeGreaterThanOrEqual(25);
	await tick(50);
	expect(started).toEqual([0, 1, 2]);
});

test('without failures every item runs once and results keep the input order', async () => {
	const seen: number[] = [];
	const out = await client(2).map([5, 4, 3, 2, 1], async (n) => {
		seen.push(n);
		await tick(n);
		return n * 10;
	});
	expect(out).toEqual([50, 40, 30, 20, 10]);
	expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
});
