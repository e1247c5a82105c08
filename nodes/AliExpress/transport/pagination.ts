/**
 * Reading paged lists: the first page says how many pages there are; the rest
 * are fetched with the client's concurrency and put back in page order. With a
 * limit, only the pages needed for it are fetched.
 */
import type { AliExpressClient } from './request';

export interface Page<T> {
	items: T[];
	/** Total pages as the API reports them (`total_page`). */
	totalPages: number;
}

export async function fetchAllPages<T>(
	client: AliExpressClient,
	fetchPage: (page: number) => Promise<Page<T>>,
	options: { limit?: number; pageSize: number },
): Promise<T[]> {
	const first = await fetchPage(1);
	const out = [...first.items];
	const limit = options.limit;
	let lastPage = Math.max(1, first.totalPages || 1);
	if (limit !== undefined) lastPage = Math.min(lastPage, Math.ceil(limit / options.pageSize));
	if (lastPage > 1 && (limit === undefined || out.length < limit)) {
		const pages = Array.from({ length: lastPage - 1 }, (_, n) => n + 2);
		const rest = await client.map(pages, async (page) => (await fetchPage(page)).items);
		for (const items of rest) out.push(...items);
	}
	return limit === undefined ? out : out.slice(0, limit);
}
