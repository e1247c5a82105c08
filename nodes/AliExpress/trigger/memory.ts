/**
 * What the trigger remembers per order, and how it is kept in static data.
 *
 * In memory: order id → (day, mask). `day` is a UTC day number (ms / 86,400,000,
 * floored): for New Order the day the order was created, for Order Updated the
 * day it was last seen modified; memory is dropped a whole day at a time, never
 * earlier than the second-exact rule would. `mask` holds flags (New Order) or
 * one bit per emitted status, bit i standing for `statuses[i]` (Order Updated).
 *
 * In static data: the ids of each (day, mask) group as one idCodec string under
 * the key `<day>.<mask>`; ids idCodec cannot encode under `x` as id → [day, mask].
 */
import { decodeIds, encodeIds, isCodableId } from './idCodec';

export const DAY_MS = 86_400_000;
/** Masks have at most this many bits (statuses an order can be remembered with). */
const MASK_BITS = 30;
const MASK_SPAN = 2 ** MASK_BITS;

export type Entries = Map<string, number>;

export const pack = (day: number, mask: number) => day * MASK_SPAN + mask;
export const dayOf = (packed: number) => Math.floor(packed / MASK_SPAN);
export const maskOf = (packed: number) => packed % MASK_SPAN;
export const dayOfMs = (ms: number) => Math.floor(ms / DAY_MS);

export interface StoredMemory {
	/** `<day>.<mask>` → the ids of that group (idCodec). */
	m: Record<string, string>;
	/** Ids that are not plain integers: id → [day, mask]. */
	x?: Record<string, [number, number]>;
}

export function encodeMemory(entries: Entries): StoredMemory {
	const groups = new Map<number, string[]>();
	const x: Record<string, [number, number]> = {};
	let odd = false;
	for (const [id, packed] of entries) {
		if (!isCodableId(id)) {
			x[id] = [dayOf(packed), maskOf(packed)];
			odd = true;
			continue;
		}
		const group = groups.get(packed);
		if (group) group.push(id);
		else groups.set(packed, [id]);
	}
	const m: Record<string, string> = {};
	for (const packed of [...groups.keys()].sort((a, b) => a - b))
		m[`${dayOf(packed)}.${maskOf(packed)}`] = encodeIds(groups.get(packed) as string[]);
	return odd ? { m, x } : { m };
}

export function decodeMemory(stored: StoredMemory): Entries {
	const entries: Entries = new Map();
	for (const [key, ids] of Object.entries(stored.m ?? {})) {
		const [day, mask] = key.split('.').map(Number);
		const packed = pack(day, mask);
		for (const id of decodeIds(ids)) entries.set(id, packed);
	}
	for (const [id, [day, mask]] of Object.entries(stored.x ?? {})) entries.set(id, pack(day, mask));
	return entries;
}

/** The bit of `status` in `statuses`, which gains the status if it is new. */
export function statusBit(statuses: string[], status: string): number {
	let index = statuses.indexOf(status);
	if (index < 0) {
		if (statuses.length >= MASK_BITS) throw new Error(`more than ${MASK_BITS} order statuses`);
		index = statuses.push(status) - 1;
	}
	return 2 ** index;
}

export const hasBit = (mask: number, bit: number) => Math.floor(mask / bit) % 2 === 1;
