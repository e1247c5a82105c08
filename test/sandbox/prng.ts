/** Small seeded PRNG helpers: the sandbox's data and faults must be reproducible from a seed. */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. Returns floats in [0, 1). */
export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)];
}

/** Picks by weight: `weights` are relative, not necessarily summing to 1. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
	const total = items.reduce((sum, [, w]) => sum + w, 0);
	let r = rng() * total;
	for (const [item, w] of items) {
		r -= w;
		if (r < 0) return item;
	}
	return items[items.length - 1][0];
}

/** `n` decimal digits, leading zeros allowed. */
export function digits(rng: Rng, n: number): string {
	let s = '';
	for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
	return s;
}

export function alnum(
	rng: Rng,
	n: number,
	alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789',
): string {
	let s = '';
	for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
	return s;
}
