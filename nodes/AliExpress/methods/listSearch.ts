import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

// Filled in by the product operations.
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {};
