import { planSkuBatches } from '../../nodes/AliExpress/transport/batching';

const line = (productId: string, n: number) => ({ productId, sku: `S${n}` });

describe('planSkuBatches', () => {
	it('45 SKUs of 45 products make 3 calls of 20, 20 and 5 products', () => {
		const lines = Array.from({ length: 45 }, (_, i) => line(`P${i}`, i));
		const calls = planSkuBatches(lines);
		expect(calls.map((c) => c.length)).toEqual([20, 20, 5]);
		// The documented limit (20 products a call) allows no fewer: ceil(45 / 20).
		expect(calls).toHaveLength(Math.ceil(45 / 20));
	});

	it('keeps the SKUs of one product together, even when they are scattered in the input', () => {
		const lines = [line('A', 1), line('B', 2), line('A', 3), line('C', 4), line('B', 5)];
		const calls = planSkuBatches(lines);
		expect(calls).toHaveLength(1);
		expect(calls[0].map((e) => [e.productId, e.lines.map((l) => l.sku)])).toEqual([
			['A', ['S1', 'S3']],
			['B', ['S2', 'S5']],
			['C', ['S4']],
		]);
	});

	it('1,000 products of 10 SKUs make 50 calls', () => {
		const lines = [];
		for (let p = 0; p < 1000; p++) for (let s = 0; s < 10; s++) lines.push(line(`P${p}`, s));
		const calls = planSkuBatches(lines);
		expect(calls).toHaveLength(50);
		expect(calls.every((c) => c.length === 20 && c.every((e) => e.lines.length === 10))).toBe(true);
	});

	it('splits a product with more than 200 SKUs over separate calls, never twice in one call', () => {
		const lines = Array.from({ length: 450 }, (_, i) => line('BIG', i));
		lines.push(line('SMALL', 1));
		const calls = planSkuBatches(lines);
		// 450 SKUs → entries of 200, 200, 50: three calls; SMALL joins the first.
		expect(calls).toHaveLength(3);
		for (const call of calls) {
			const ids = call.map((e) => e.productId);
			expect(new Set(ids).size).toBe(ids.length);
			for (const e of call) expect(e.lines.length).toBeLessThanOrEqual(200);
		}
		expect(calls.flat().reduce((n, e) => n + e.lines.length, 0)).toBe(451);
	});

	it('every input line appears exactly once', () => {
		const lines = Array.from({ length: 777 }, (_, i) => line(`P${i % 93}`, i));
		const seen = planSkuBatches(lines).flatMap((c) => c.flatMap((e) => e.lines));
		expect(seen).toHaveLength(777);
		expect(new Set(seen).size).toBe(777);
	});
});
