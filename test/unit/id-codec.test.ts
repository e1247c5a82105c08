/**
 * The trigger's id sets (trigger/idCodec.ts): what goes in comes out, the text
 * needs no JSON escaping, and random 16-digit ids cost about 6 characters each.
 */
import { decodeIds, encodeIds, isCodableId } from '../../nodes/AliExpress/trigger/idCodec';

function randomIds(n: number, seed: number): string[] {
	let s = seed;
	const rand = () => (s = (s * 48271) % 2147483647) / 2147483647;
	const ids = new Set<string>();
	while (ids.size < n) ids.add(`8${String(Math.floor(rand() * 1e15)).padStart(15, '0')}`);
	return [...ids];
}

const ascending = (ids: string[]) => [...new Set(ids)].sort((a, b) => Number(a) - Number(b));

describe('trigger id sets', () => {
	it.each([
		['none', []],
		['one', ['8000000000000001']],
		['neighbours and duplicates', ['5', '6', '7', '7', '100']],
		['far apart', ['1', String(Number.MAX_SAFE_INTEGER), '4503599627370496']],
		['2,000 random 16-digit ids', randomIds(2000, 7)],
	])('%s: round trip', (_, ids) => {
		const text = encodeIds(ids as string[]);
		expect(JSON.stringify(text)).toBe(`"${text}"`);
		expect(decodeIds(text)).toEqual(ascending(ids as string[]));
	});

	it('random 16-digit ids take about 6 characters each', () => {
		const text = encodeIds(randomIds(20_000, 3));
		expect(text.length / 20_000).toBeLessThan(6.5);
	});

	it('only plain safe integers are codable', () => {
		expect(isCodableId('8123456789012345')).toBe(true);
		expect(isCodableId('0123')).toBe(false);
		expect(isCodableId('9999999999999999')).toBe(false);
		expect(isCodableId('A-1')).toBe(false);
	});
});
