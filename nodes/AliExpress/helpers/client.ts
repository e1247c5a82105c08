/** The client of one execution, paced by the node's Options. */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AliExpressClient, type TransportSettings } from '../transport/request';
import { shownValue } from './values';

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
