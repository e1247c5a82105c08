/** Request JSON that keeps long ids exact: AliExpress's ids are JSON numbers, some beyond 2^53. */
import type { IDataObject } from 'n8n-workflow';

/** A number written into request JSON as its digits, however long (ids beyond 2^53 stay exact). */
export class RawNumber {
	constructor(readonly digits: string) {}
}

/** An id as a JSON number when it is all digits, else as it is. */
export function rawId(id: string): RawNumber | string {
	return /^\d{1,30}$/.test(id) ? new RawNumber(id.replace(/^0+(?=\d)/, '')) : id;
}

/** JSON.stringify that writes RawNumber values bare and leaves out undefined members. */
export function requestJson(value: unknown): string {
	if (value instanceof RawNumber) return value.digits;
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : requestJson(v))).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const members = Object.entries(value as IDataObject)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `${JSON.stringify(k)}:${requestJson(v)}`);
		return `{${members.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
