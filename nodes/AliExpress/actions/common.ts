/**
 * What every operation shares: the client built from the node's Options, input
 * errors that name item, field and fix, and the per-item loop with Continue On
 * Fail and pairing.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AliExpressError, toNodeApiError } from '../transport/errors';
import { AliExpressClient, type TransportSettings } from '../transport/request';

/** The "Options" entries that tune the transport; every operation offers them. */
export const transportOptionFields: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 5,
		description:
			'At most this many calls to AliExpress in flight at once. The node starts with two and opens up to this number while AliExpress accepts the pace; a quota answer halves it.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 5,
		description:
			'How often one call is tried when AliExpress is busy or unreachable (the first try included). Retries wait with exponential backoff and jitter. Quota answers do not count: Max Retry Time bounds them.',
	},
	{
		displayName: 'Max Retry Time (Seconds)',
		name: 'maxRetryTime',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description:
			'No retry of a call starts after this many seconds since its first try. A quota ban AliExpress says lasts longer fails at once, saying when it ends.',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description:
			"A ceiling: never more calls per second than this, and the rate to start at. Leave the option out to let the node find your app's quota itself (it slows down when AliExpress refuses for quota and speeds up gently, shared by every workflow using the same app key).",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to wait for one answer from AliExpress',
	},
];

/** "Return All" and "Limit", as every Get Many operation offers them. */
export function returnAllOrLimit(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Settings for the transport from an "Options" collection (see transportOptionFields). */
export function settingsFromOptions(options: IDataObject, node: INode): Partial<TransportSettings> {
	const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
	const seconds = (v: unknown) => (num(v) === undefined ? undefined : (v as number) * 1000);
	const positive = (name: string, label: string, fix: string, whole: boolean) => {
		const value = options[name];
		if (value === undefined || value === null || value === '') return undefined;
		const n = typeof value === 'number' ? value : Number(value);
		if (!Number.isFinite(n) || n <= 0 || (whole && n < 1)) {
			throw new NodeOperationError(
				node,
				`Option "${label}" must be a positive number${whole ? ' (at least 1)' : ''}, got ${shownValue(value)}`,
				{ description: fix },
			);
		}
		return n;
	};
	return {
		concurrency: positive(
			'concurrency',
			'Concurrency',
			'Set how many calls may be in flight at once (1 to 50; 5 by default), or remove the option.',
			true,
		),
		requestsPerSecond: positive(
			'requestsPerSecond',
			'Requests per Second',
			"Set the most calls per second your app may make (for example 5), or remove the option to let the node find your app's quota itself.",
			false,
		),
		maxAttempts: num(options.maxAttempts),
		maxRetryTimeMs: seconds(options.maxRetryTime),
		timeoutMs: seconds(options.timeout),
	};
}

/** A client paced by the node's Options (read once, from the first item). */
export function createClient(ctx: IExecuteFunctions): AliExpressClient {
	return new AliExpressClient(
		ctx,
		settingsFromOptions(ctx.getNodeParameter('options', 0, {}) as IDataObject, ctx.getNode()),
	);
}

/** An input error: "Item 3, field "Quantity": must be a whole number from 0 to 999999, got "12.5"". */
export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex + 1}, field "${field}": ${problem}`, {
		itemIndex,
		description: fix,
	});
}

/** Any failure as the n8n error to show. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof AliExpressError) return toNodeApiError(node, error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The JSON that Continue On Fail emits for a failed item. */
export function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.errorDescription = error.description;
	const response = (error as NodeApiError).errorResponse as JsonObject | undefined;
	if (error instanceof NodeApiError && response) {
		if (response.code !== undefined) json.errorCode = response.code;
		if (response.request_id !== undefined) json.requestId = response.request_id;
	}
	return json;
}

/** A value as an error message quotes it: strings in quotes, long ones cut. */
export function shownValue(raw: unknown): string {
	if (raw === undefined || raw === null) return 'nothing';
	const text = typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A value read as a string id, or '' when empty. */
export function idString(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/** Requires an AliExpress numeric id (products, orders, categories, templates). */
export function requireId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	what: string,
): string {
	const id = idString(typeof value === 'object' && value !== null ? (value as IDataObject).value : value);
	if (!id) {
		throw inputError(ctx, itemIndex, field, 'is empty', `Enter the ${what} or map it from an earlier node.`);
	}
	if (!/^\d{1,20}$/.test(id)) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			/^\d+$/.test(id)
				? `has ${id.length} digits; an AliExpress ID has at most 20`
				: `must be a numeric AliExpress ID, got "${id.slice(0, 40)}"`,
			`Use the ${what} as AliExpress shows it (digits only).`,
		);
	}
	return id;
}

/**
 * The per-item loop. Every item is first prepared (read and validated): bad
 * input fails before any call is made. Then the prepared items run with the
 * client's concurrency. With Continue On Fail, failed items come out as
 * `{error}` and the rest go on; without it, the first failure is thrown and its
 * description says which other items were already carried out.
 */
export async function runPerItem<P>(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	prepare: (itemIndex: number) => P | Promise<P>,
	run: (prepared: P, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	options: { writes?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const prepared: Array<{ ok: true; value: P } | { ok: false; error: NodeApiError | NodeOperationError }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push({ ok: true, value: await prepare(i) });
		} catch (error) {
			const nodeError = asNodeError(ctx.getNode(), error, i);
			if (!continueOnFail) throw nodeError;
			prepared.push({ ok: false, error: nodeError });
		}
	}

	const results = await client.map(prepared, async (p, i) => {
		if (!p.ok) return p;
		try {
			return { ok: true as const, value: await run(p.value, i) };
		} catch (error) {
			return { ok: false as const, error: asNodeError(ctx.getNode(), error, i) };
		}
	});

	const out: INodeExecutionData[] = [];
	const failed: number[] = [];
	results.forEach((r, i) => {
		if (r.ok) {
			const list = Array.isArray(r.value) ? r.value : [r.value];
			for (const json of list) out.push({ json, pairedItem: { item: i } });
		} else {
			failed.push(i);
			out.push({ json: errorJson(r.error), pairedItem: { item: i } });
		}
	});
	if (failed.length && !continueOnFail) {
		const first = results[failed[0]] as { error: NodeApiError | NodeOperationError };
		const done = results.length - failed.length;
		if (options.writes && results.length > 1) {
			const list = failed.slice(0, 20).map((i) => i + 1).join(', ');
			first.error.description = [
				first.error.description,
				`${failed.length} of ${results.length} items failed (items ${list}${failed.length > 20 ? ', …' : ''}); the other ${done} were carried out. Turn on "Continue On Fail" to get one result per item.`,
			]
				.filter(Boolean)
				.join(' ');
		}
		throw first.error;
	}
	return out;
}
