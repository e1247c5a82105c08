/**
 * The documented contract (test/contract/<method>.json, format in test/contract/README.md)
 * applied to the sandbox's traffic:
 * - `validateRequest` refuses what the documentation refuses — a missing required
 *   parameter or field, a wrong type, a value outside its enum, a text over its length,
 *   a list over its size, a number outside its range — as the gateway's
 *   MissingParameter / InvalidParameter (TOP 40 / 41 with `isv.invalid-parameter`),
 *   naming the field by its path (e.g. `post_product_request.sku_info_list[0].price`);
 * - `answerProblems` lists what an answer holds that the documentation does not:
 *   undocumented keys, a wrapped list that is not `{<item>: [...]}`, an object where a
 *   value was documented or the reverse. The sandbox refuses to send such an answer.
 *
 * Undocumented request fields are accepted and ignored, as the platform most likely
 * does (it is not confirmed either way); the method handlers never store them.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { invalidParam, missingParam, type Protocol } from './errors';

export type FieldType =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'object'
	| 'array'
	| 'list'
	| 'datetime'
	/** a file part of a multipart/form-data request (never a text parameter, never signed) */
	| 'file';

export interface FieldSpec {
	type: FieldType;
	required?: boolean;
	/** a top-level parameter sent as a JSON string */
	json?: boolean;
	enum?: Array<string | number>;
	maxLength?: number;
	maxItems?: number;
	min?: number;
	max?: number;
	/** a file part's largest size in bytes */
	maxBytes?: number;
	/** object fields */
	fields?: Record<string, FieldSpec>;
	/** array / list items */
	items?: FieldSpec;
	/** a wrapped list's item name: `{<item>: [...]}` */
	item?: string;
	description?: string;
	example?: unknown;
}

export interface Contract {
	method: string;
	docId: number | null;
	sources: Array<{
		repo?: string;
		path?: string;
		commit?: string;
		/** a documentation page */
		page?: string;
		url?: string;
		gave?: string;
	}>;
	request: Record<string, FieldSpec>;
	/** the request tree on the TOP gateway when it differs (e.g. order.get's `param0`) */
	topRequest?: Record<string, FieldSpec>;
	response: Record<string, FieldSpec>;
	/** false for flat answers (the OAuth system calls) */
	responseWrapper?: boolean;
	rules?: string[];
	errors?: Array<Record<string, unknown>>;
	notes?: string[];
}

export const CONTRACT_DIR = join(__dirname, '..', 'contract');

let cache: Map<string, Contract> | undefined;

/** Every contract file, by method name (OAuth system calls by their path, e.g. `/auth/token/create`). */
export function loadContracts(dir = CONTRACT_DIR): Map<string, Contract> {
	if (dir === CONTRACT_DIR && cache) return cache;
	const out = new Map<string, Contract>();
	for (const file of readdirSync(dir)) {
		if (!file.endsWith('.json')) continue;
		const contract = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Contract;
		const key = contract.method.startsWith('auth.')
			? `/${contract.method.replace(/\./g, '/')}`
			: contract.method;
		out.set(key, contract);
	}
	if (dir === CONTRACT_DIR) cache = out;
	return out;
}

/** The contract of `method`; a method without one is a gap in the sandbox, not a user error. */
export function contractOf(method: string, contracts = loadContracts()): Contract {
	const c = contracts.get(method);
	if (!c) throw new Error(`sandbox: no documented contract for ${method} in test/contract/`);
	return c;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const shown = (v: unknown) => {
	const s = JSON.stringify(v) ?? String(v);
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Throws the gateway's MissingParameter / InvalidParameter for the first documented constraint broken. */
export function validateRequest(
	contract: Contract,
	params: Record<string, string>,
	protocol: Protocol,
	files: Record<string, { data: Buffer }> = {},
): void {
	const tree = protocol === 'top' && contract.topRequest ? contract.topRequest : contract.request;
	for (const [name, spec] of Object.entries(tree)) {
		const raw = params[name];
		if (spec.type === 'file') {
			// a file goes as a file part of a multipart body; as a text parameter it is no file
			if (!blank(raw))
				throw invalidParam(name, 'expected a file part of a multipart/form-data body');
			if (!files[name] && spec.required) throw missingParam(name);
			continue;
		}
		if (blank(raw)) {
			if (spec.required) throw missingParam(name);
			continue;
		}
		let value: unknown = raw;
		if (spec.json || spec.type === 'object' || spec.type === 'array' || spec.type === 'list') {
			try {
				value = JSON.parse(raw);
			} catch {
				throw invalidParam(name, 'not valid JSON');
			}
		}
		checkValue(spec, value, name);
	}
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function checkValue(spec: FieldSpec, v: unknown, path: string): void {
	if (blank(v)) {
		if (spec.required) throw missingParam(path);
		return;
	}
	const bad = (why: string) => invalidParam(path, `${why}, got ${shown(v)}`);
	switch (spec.type) {
		case 'string':
		case 'datetime': {
			if (typeof v !== 'string' && typeof v !== 'number') throw bad('expected a text');
			const s = String(v);
			if (spec.type === 'datetime' && !DATETIME.test(s)) throw bad('expected yyyy-MM-dd HH:mm:ss');
			if (spec.maxLength !== undefined && [...s].length > spec.maxLength) {
				throw bad(`at most ${spec.maxLength} characters`);
			}
			if (spec.min !== undefined || spec.max !== undefined) checkRange(spec, Number(s), bad);
			break;
		}
		case 'integer':
		case 'number': {
			const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
			if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
				throw bad(spec.type === 'integer' ? 'expected an integer' : 'expected a number');
			}
			checkRange(spec, n, bad);
			break;
		}
		case 'boolean':
			if (v !== true && v !== false && v !== 'true' && v !== 'false')
				throw bad('expected true or false');
			break;
		case 'object':
			if (!isObject(v)) throw bad('expected an object');
			for (const [k, f] of Object.entries(spec.fields ?? {})) checkValue(f, v[k], `${path}.${k}`);
			break;
		case 'array':
		case 'list': {
			if (!Array.isArray(v)) throw bad('expected a list');
			if (spec.maxItems !== undefined && v.length > spec.maxItems) {
				throw invalidParam(path, `at most ${spec.maxItems} entries, got ${v.length}`);
			}
			if (spec.items) v.forEach((x, i) => checkValue(spec.items!, x, `${path}[${i}]`));
			break;
		}
	}
	if (spec.enum && !spec.enum.map(String).includes(String(v))) {
		throw invalidParam(path, `one of ${spec.enum.join(', ')}, got ${shown(v)}`);
	}
}

function checkRange(spec: FieldSpec, n: number, bad: (why: string) => Error): void {
	if (Number.isNaN(n)) throw bad('expected a number');
	if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
		throw bad(`from ${spec.min ?? '-∞'} to ${spec.max ?? '∞'}`);
	}
}

/**
 * What `body` (the answer inside `<method>_response`, or the flat system answer) holds
 * beyond the documented tree. Empty when the answer keeps to the documentation.
 */
export function answerProblems(contract: Contract, body: Json): string[] {
	const problems: string[] = [];
	const fields = { ...contract.response, request_id: { type: 'string' } as FieldSpec };
	checkAnswer({ type: 'object', fields }, body, '', problems);
	return problems;
}

function checkAnswer(spec: FieldSpec, v: unknown, path: string, out: string[]): void {
	if (v === undefined || v === null) return;
	const at = path || '(answer)';
	switch (spec.type) {
		case 'object':
			if (!isObject(v)) return void out.push(`${at}: an object was documented, got ${shown(v)}`);
			for (const [k, x] of Object.entries(v)) {
				const f = spec.fields?.[k];
				const p = path ? `${path}.${k}` : k;
				if (!f) out.push(`${p}: not documented`);
				else checkAnswer(f, x, p, out);
			}
			return;
		case 'list': {
			if (!isObject(v))
				return void out.push(`${at}: a wrapped list {${spec.item}: [...]} was documented`);
			const keys = Object.keys(v);
			if (keys.length !== 1 || keys[0] !== spec.item || !Array.isArray(v[spec.item])) {
				return void out.push(`${at}: expected {${spec.item}: [...]}, got keys ${keys.join(', ')}`);
			}
			(v[spec.item] as unknown[]).forEach((x, i) =>
				checkAnswer(spec.items ?? { type: 'string' }, x, `${path}.${spec.item}[${i}]`, out),
			);
			return;
		}
		case 'array':
			if (!Array.isArray(v)) return void out.push(`${at}: a list was documented, got ${shown(v)}`);
			v.forEach((x, i) => checkAnswer(spec.items ?? { type: 'string' }, x, `${at}[${i}]`, out));
			return;
		default:
			if (typeof v === 'object') out.push(`${at}: a ${spec.type} was documented, got ${shown(v)}`);
	}
}
