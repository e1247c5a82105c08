/** How answers look on the wire: JSON with bare big-number ids, request ids, wrapped lists. */

import { randomBytes } from 'node:crypto';

/**
 * An id the real API emits as a bare JSON number although it may exceed 2^53
 * (order and product ids). Kept as a digit string here so no precision is lost.
 */
export class RawNumber {
	constructor(readonly digits: string) {}
}

/** A stored id as it goes on the wire: a bare number when it is all digits, else a string. */
export function wireId(id: string): RawNumber | string {
	return /^[1-9]\d*$/.test(id) ? new RawNumber(id) : id;
}

/** Marks a RawNumber inside JSON.stringify's output; no text the sandbox writes contains it. */
const RAW_MARK = '\u0000raw:';
const RAW_TOKEN = /"\\u0000raw:(\d+)"/g;

/**
 * JSON.stringify with RawNumber values unquoted: each one is written as a
 * marked string first, and the marks are then replaced by the bare digits.
 */
export function toJson(value: unknown): string {
	const text = JSON.stringify(value, (_key, v: unknown) =>
		v instanceof RawNumber ? `${RAW_MARK}${v.digits}` : v,
	);
	return (text ?? 'null').replace(RAW_TOKEN, '$1');
}

let requestCounter = 0;
const requestPrefix = randomBytes(4).toString('hex');

/** Looks like the platform's ids, e.g. `2101a5c3` + epoch ms + counter. */
export function newRequestId(): string {
	requestCounter = (requestCounter + 1) % 10000;
	return `${requestPrefix}${Date.now()}${String(requestCounter).padStart(4, '0')}`;
}

/**
 * The platform wraps lists in an object named after the element type:
 * `{order_dto: [...]}`. With `bareSingle`, a list of one becomes a bare
 * object, as the real API sometimes answers; an empty list gives undefined.
 */
export function wrapList<T>(
	key: string,
	items: T[],
	bareSingle = false,
): Record<string, T | T[]> | undefined {
	if (items.length === 0) return undefined;
	return { [key]: bareSingle && items.length === 1 ? items[0] : items };
}

/** `12.5` → `"12.50"`: money goes out as a string with two decimals. */
export const money = (n: number) => n.toFixed(2);
