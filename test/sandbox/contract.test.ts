/**
 * The contract checker on hand-written contracts: each documented constraint refuses
 * its own breach with the gateway's error, and each kind of undocumented answer is found.
 * (The real contract files are checked in contract-files.test.ts.)
 */

import { answerProblems, validateRequest, type Contract } from './contract';
import { GatewayError } from './errors';

const contract: Contract = {
	method: 'x.demo.post',
	docId: null,
	sources: [],
	request: {
		req: {
			type: 'object',
			json: true,
			required: true,
			fields: {
				language: { type: 'string', required: true, enum: ['en', 'iw'] },
				subject: { type: 'string', maxLength: 5 },
				weight: { type: 'string', min: 0.001, max: 500 },
				count: { type: 'integer', min: 1, max: 9 },
				flag: { type: 'boolean' },
				images: { type: 'array', maxItems: 2, items: { type: 'string' } },
				skus: {
					type: 'array',
					items: { type: 'object', fields: { code: { type: 'string', required: true } } },
				},
			},
		},
		page: { type: 'integer', max: 50 },
		since: { type: 'datetime' },
	},
	response: {
		result: {
			type: 'object',
			fields: {
				id: { type: 'integer' },
				rows: {
					type: 'list',
					item: 'row_dto',
					items: { type: 'object', fields: { a: { type: 'string' } } },
				},
			},
		},
	},
};

function refusal(params: Record<string, string>): { kind: string; message: string } | undefined {
	try {
		validateRequest(contract, params, 'iop');
		return undefined;
	} catch (e) {
		if (!(e instanceof GatewayError)) throw e;
		return { kind: e.kind, message: e.message };
	}
}
const req = (o: object) => ({ req: JSON.stringify(o) });

describe('validateRequest', () => {
	it('passes a request that keeps to the contract, and ignores undocumented fields', () => {
		expect(
			refusal({
				...req({
					language: 'iw',
					subject: 'abcde',
					weight: '0.5',
					count: '3',
					flag: false,
					images: ['a', 'b'],
					skus: [{ code: 'x' }],
					unknown_field: 1,
				}),
				page: '50',
				since: '2026-01-02 03:04:05',
				other: 'x',
			}),
		).toBeUndefined();
	});

	it.each([
		['a missing parameter', {}, 'missingParameter', 'req'],
		['a blank parameter', { req: '  ' }, 'missingParameter', 'req'],
		['bad JSON', { req: '{' }, 'invalidParameter', 'not valid JSON'],
		['a missing required field', req({}), 'missingParameter', 'req.language'],
		['a value outside the enum', req({ language: 'he' }), 'invalidParameter', 'one of en, iw'],
		[
			'a text over its length',
			req({ language: 'en', subject: 'abcdef' }),
			'invalidParameter',
			'at most 5 characters',
		],
		[
			'a numeric text out of range',
			req({ language: 'en', weight: '501' }),
			'invalidParameter',
			'req.weight',
		],
		[
			'a fraction for an integer',
			req({ language: 'en', count: 1.5 }),
			'invalidParameter',
			'integer',
		],
		[
			'an integer out of range',
			req({ language: 'en', count: 10 }),
			'invalidParameter',
			'from 1 to 9',
		],
		['a non-boolean', req({ language: 'en', flag: 'yes' }), 'invalidParameter', 'true or false'],
		[
			'a list over its size',
			req({ language: 'en', images: ['a', 'b', 'c'] }),
			'invalidParameter',
			'at most 2 entries',
		],
		[
			'a list that is not one',
			req({ language: 'en', images: 'a' }),
			'invalidParameter',
			'expected a list',
		],
		[
			'a missing field in a list entry',
			req({ language: 'en', skus: [{ code: 'a' }, {}] }),
			'missingParameter',
			'req.skus[1].code',
		],
		[
			'a top-level integer out of range',
			{ ...req({ language: 'en' }), page: '51' },
			'invalidParameter',
			'page',
		],
		[
			'a malformed date',
			{ ...req({ language: 'en' }), since: '2026-01-02T03:04:05Z' },
			'invalidParameter',
			'yyyy-MM-dd HH:mm:ss',
		],
	])('refuses %s', (_what, params, kind, text) => {
		const r = refusal(params as Record<string, string>);
		expect(r?.kind).toBe(kind);
		expect(r?.message).toContain(text);
	});

	it('reads the TOP tree on the TOP gateway when the contract has one', () => {
		const both: Contract = {
			...contract,
			request: { a: { type: 'string', required: true } },
			topRequest: { param0: { type: 'object', json: true, required: true, fields: {} } },
		};
		expect(() => validateRequest(both, { a: 'x' }, 'iop')).not.toThrow();
		expect(() => validateRequest(both, { a: 'x' }, 'top')).toThrow(/param0/);
		expect(() => validateRequest(both, { param0: '{}' }, 'top')).not.toThrow();
	});
});

describe('answerProblems', () => {
	it('accepts a documented answer (with request_id)', () => {
		expect(
			answerProblems(contract, {
				result: { id: 1, rows: { row_dto: [{ a: 'x' }] } },
				request_id: 'r',
			}),
		).toEqual([]);
	});

	it('finds an undocumented key, at any depth', () => {
		expect(
			answerProblems(contract, {
				result: { id: 1, rows: { row_dto: [{ a: 'x', b: 2 }] } },
				extra: 1,
			}),
		).toEqual(['result.rows.row_dto[0].b: not documented', 'extra: not documented']);
	});

	it('finds a wrapped list under another item name, or given bare', () => {
		expect(answerProblems(contract, { result: { rows: { rows_dto: [] } } })).toEqual([
			'result.rows: expected {row_dto: [...]}, got keys rows_dto',
		]);
		expect(answerProblems(contract, { result: { rows: { row_dto: { a: 'x' } } } })).toHaveLength(1);
		expect(answerProblems(contract, { result: { rows: [{ a: 'x' }] } })).toHaveLength(1);
	});

	it('finds an object where a value was documented', () => {
		expect(answerProblems(contract, { result: { id: { value: 1 } } })).toEqual([
			'result.id: a integer was documented, got {"value":1}',
		]);
	});
});
