/**
 * The node as an AI agent's tool. n8n derives the tool from `usableAsTool` as the same
 * node under a type whose name ends in "Tool" (packages/cli node-types.ts →
 * convertNodeToAiTool), and `@tool` in display options is true for it
 * (n8n-workflow node-helpers getPropertyValues). Used as a tool the node offers no Token
 * resource and refuses Token at execution; no other operation's output carries a token.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, NODE_TYPE, runNode, sandboxCredentials } from '../../helpers/engine';
import { useSandbox } from '../suite';

const TOOL_TYPE = `${NODE_TYPE}Tool`;
const sandbox = useSandbox({ products: 20, orders: 5 });

/** The Resource options n8n shows for this node type, as its display rules resolve them. */
async function resourcesShown(type: string): Promise<string[]> {
	const pkg = await loadPackage();
	const description = pkg.nodeType(type).description;
	const node = { typeVersion: 1 } as never;
	const shown = description.properties.filter(
		(p: INodeProperties) =>
			p.name === 'resource' && NodeHelpers.displayParameter({}, p, node, description),
	);
	expect(shown).toHaveLength(1);
	return (shown[0].options as INodePropertyOptions[]).map((o) => String(o.value));
}

describe('as an AI agent tool', () => {
	it('the regular node offers Token; the tool variant does not', async () => {
		const regular = await resourcesShown(NODE_TYPE);
		const tool = await resourcesShown(TOOL_TYPE);
		expect(regular).toContain('token');
		expect(tool).not.toContain('token');
		expect(tool).toEqual(regular.filter((r) => r !== 'token'));
		expect(tool).toEqual(expect.arrayContaining(['product', 'shop', 'inventory', 'order']));
	});

	it('Token run as a tool is refused before any call', async () => {
		const { error } = await runNode({
			nodeType: TOOL_TYPE,
			parameters: { resource: 'token', operation: 'refresh', refreshToken: sandbox.refreshToken },
			credentials: sandboxCredentials(sandbox),
		});
		expect(error?.message).toMatch(
			/Token resource is not available when the node runs as an AI agent tool/,
		);
		expect(sandbox.calls).toHaveLength(0);
	});

	it('the same Token call in a regular node still works', async () => {
		const { error, items } = await runNode({
			parameters: { resource: 'token', operation: 'refresh', refreshToken: sandbox.refreshToken },
			credentials: sandboxCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.accessToken).toEqual(expect.any(String));
	});

	it('other operations run as a tool, and their output carries no token or secret', async () => {
		const secrets = [sandbox.accessToken, sandbox.refreshToken, sandbox.appSecret];
		for (const parameters of [
			{ resource: 'shop', operation: 'get', simplify: false },
			{ resource: 'product', operation: 'getMany', returnAll: true, simplify: false },
		]) {
			const { error, items } = await runNode({
				nodeType: TOOL_TYPE,
				parameters,
				credentials: sandboxCredentials(sandbox),
			});
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			const text = JSON.stringify(items);
			for (const s of secrets) expect(text).not.toContain(s);
			expect(text).not.toMatch(/access_?token|refresh_?token/i);
		}
	});
});
