/**
 * The contract files cover every method the package calls and the sandbox answers,
 * and each names where it was read. (test/contract/README.md has the format.)
 */

import { CREDENTIAL_TEST_METHOD } from '../../credentials/AliExpressCredentialTest';
import { METHODS as NODE_METHODS } from '../../nodes/AliExpress/transport/methods';
import { loadContracts, type FieldSpec } from '../sandbox/contract';
import { METHODS as SANDBOX_METHODS } from '../sandbox/methods';

const contracts = loadContracts();

/** Every field spec in a tree, with its path. */
function* specs(tree: Record<string, FieldSpec>, path = ''): Generator<[string, FieldSpec]> {
	for (const [k, f] of Object.entries(tree)) {
		const p = path ? `${path}.${k}` : k;
		yield [p, f];
		if (f.fields) yield* specs(f.fields, p);
		if (f.items) yield* specs({ '[]': f.items }, p);
	}
}

const TYPES = [
	'string',
	'integer',
	'number',
	'boolean',
	'object',
	'array',
	'list',
	'datetime',
	'file',
];

describe('the documented contract files', () => {
	it.each([...Object.values(NODE_METHODS), CREDENTIAL_TEST_METHOD])(
		'the package calls %s: it has a contract',
		(method) => {
			expect(contracts.has(method)).toBe(true);
		},
	);

	it.each(Object.keys(SANDBOX_METHODS))('the sandbox answers %s: it has a contract', (method) => {
		expect(contracts.has(method)).toBe(true);
	});

	it.each([...contracts.keys()])('%s names its sources and uses only known types', (key) => {
		const c = contracts.get(key)!;
		expect(c.sources.length).toBeGreaterThan(0);
		for (const s of c.sources) expect(Boolean((s.repo && s.path) || s.url || s.page)).toBe(true);
		const all = [...specs(c.request), ...specs(c.topRequest ?? {}), ...specs(c.response)];
		for (const [path, f] of all) {
			expect({ path, type: TYPES.includes(f.type) ? 'known' : f.type }).toEqual({
				path,
				type: 'known',
			});
			if (f.type === 'list')
				expect({ path, item: typeof f.item }).toEqual({ path, item: 'string' });
		}
	});
});
