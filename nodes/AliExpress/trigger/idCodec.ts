/**
 * A set of order ids as one short string that JSON keeps as it is.
 *
 * AliExpress order ids are decimal integers (16 digits). A set of them, sorted,
 * is stored as the gaps between neighbours in Golomb–Rice code (a gap g as
 * ⌊g / 2^k⌋ in unary and its low k bits, k chosen from the mean gap), the bits
 * written 13 at a time as two characters of a 91-character alphabet (`#` to `~`
 * without the backslash: nothing JSON.stringify escapes). For n random ids
 * below 10^16 this costs about log2(10^16 / n) + 2 bits an id — 5 to 6
 * characters — against 20 in a JSON key.
 *
 * Text: `<count>.<k>.<first id>.<bits>`. Only ids that are safe integers
 * without leading zeros are encoded (`isCodableId`); the caller keeps others
 * as they are.
 */

const ALPHABET = Array.from({ length: 92 }, (_, i) => String.fromCharCode(0x23 + i))
	.filter((c) => c !== '\\')
	.join('');
const BASE = ALPHABET.length; // 91: 91² = 8281 ≥ 2^13
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));
const GROUP = 13;
/** A gap whose unary part would be this long or longer is written out in full. */
const ESCAPE = 40;
const FULL_BITS = 53;

export function isCodableId(id: string): boolean {
	return /^[1-9]\d{0,15}$/.test(id) && Number(id) <= Number.MAX_SAFE_INTEGER;
}

class BitWriter {
	private acc = 0;
	private bits = 0;
	private readonly out: string[] = [];

	/** Up to 24 bits. */
	private small(value: number, n: number): void {
		this.acc = this.acc * 2 ** n + value;
		this.bits += n;
		while (this.bits >= GROUP) {
			const shift = 2 ** (this.bits - GROUP);
			const group = Math.floor(this.acc / shift);
			this.acc -= group * shift;
			this.bits -= GROUP;
			this.out.push(ALPHABET[group % BASE] + ALPHABET[Math.floor(group / BASE)]);
		}
	}

	write(value: number, n: number): void {
		if (n > 24) {
			const low = 2 ** 24;
			this.write(Math.floor(value / low), n - 24);
			this.small(value % low, 24);
		} else if (n > 0) this.small(value, n);
	}

	ones(n: number): void {
		for (; n > 0; n -= Math.min(n, 24)) {
			const m = Math.min(n, 24);
			this.small(2 ** m - 1, m);
		}
	}

	text(): string {
		if (this.bits) this.small(0, GROUP - this.bits);
		return this.out.join('');
	}
}

class BitReader {
	private acc = 0;
	private bits = 0;
	private at = 0;

	constructor(private readonly text: string) {}

	private small(n: number): number {
		while (this.bits < n) {
			const lo = INDEX.get(this.text[this.at]);
			const hi = INDEX.get(this.text[this.at + 1]);
			if (lo === undefined || hi === undefined) throw new Error('truncated id set');
			this.at += 2;
			this.acc = this.acc * 2 ** GROUP + hi * BASE + lo;
			this.bits += GROUP;
		}
		const shift = 2 ** (this.bits - n);
		const value = Math.floor(this.acc / shift);
		this.acc -= value * shift;
		this.bits -= n;
		return value;
	}

	read(n: number): number {
		if (n > 24) {
			const high = this.read(n - 24);
			return high * 2 ** 24 + this.small(24);
		}
		return n > 0 ? this.small(n) : 0;
	}

	unary(limit: number): number {
		let q = 0;
		while (q < limit && this.small(1) === 1) q++;
		return q;
	}
}

/** The ids (codable, any order, no duplicates needed) as one string. */
export function encodeIds(ids: Iterable<string>): string {
	const list = Array.isArray(ids) ? (ids as string[]) : [...ids];
	const values = new Float64Array(list.length);
	for (let i = 0; i < list.length; i++) values[i] = Number(list[i]);
	values.sort();
	let n = 0;
	for (let i = 0; i < values.length; i++)
		if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i];
	if (!n) return '0.0.0.';
	const mean = n > 1 ? (values[n - 1] - values[0] - (n - 1)) / (n - 1) : 0;
	const k = mean >= 2 ? Math.min(FULL_BITS - 1, Math.floor(Math.log2(mean))) : 0;
	const unit = 2 ** k;
	const writer = new BitWriter();
	for (let i = 1; i < n; i++) {
		const gap = values[i] - values[i - 1] - 1;
		const q = Math.floor(gap / unit);
		if (q >= ESCAPE) {
			writer.ones(ESCAPE);
			writer.write(gap, FULL_BITS);
		} else {
			writer.ones(q);
			writer.write(0, 1);
			writer.write(gap - q * unit, k);
		}
	}
	return `${n}.${k}.${values[0]}.${writer.text()}`;
}

/** The ids of `encodeIds`' string, as decimal strings, ascending. */
export function decodeIds(text: string): string[] {
	const [count, k, first] = text.split('.', 3).map(Number);
	const payload = text.slice(text.split('.', 3).join('.').length + 1);
	if (!Number.isSafeInteger(count) || !Number.isSafeInteger(k) || !Number.isSafeInteger(first))
		throw new Error('not an id set');
	if (count === 0) return [];
	const reader = new BitReader(payload);
	const unit = 2 ** k;
	const out = [String(first)];
	let value = first;
	for (let i = 1; i < count; i++) {
		const q = reader.unary(ESCAPE);
		const gap = q >= ESCAPE ? reader.read(FULL_BITS) : q * unit + reader.read(k);
		value += gap + 1;
		out.push(String(value));
	}
	return out;
}
