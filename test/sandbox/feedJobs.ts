/**
 * The feed jobs of one sandbox store (SandboxStore.feeds): submitted jobs, their queue and
 * their results. How a job's items are processed is feeds.ts's business (settleFeeds).
 */

export interface FeedJob {
	jobId: string;
	operationType: string;
	items: Array<{ id: string; content: string }>;
	submittedAt: number;
	/** When processing ends (the jobs before it done, then `delayMs`). */
	doneAt: number;
	/** item_content_id → item_execution_result, once processed. */
	results?: Map<string, string>;
	successCount: number;
}

export class FeedState {
	/** How long processing one job takes, ms (SandboxOptions.feedDelayMs). */
	delayMs = 1000;
	readonly jobs = new Map<string, FeedJob>();
	/** `operationType productId skuCode` → how often a feed item set it (see timesApplied). */
	readonly applied = new Map<string, number>();
	private serial = 0;
	private lastDoneAt = 0;
	private pending: FeedJob[] = [];

	/** Queues a job: it runs when the jobs before it are done, and takes `delayMs` (default this.delayMs). */
	submit(
		operationType: string,
		items: Array<{ id: string; content: string }>,
		now: number,
		delayMs = this.delayMs,
	): FeedJob {
		this.serial++;
		const jobId = `2000000000${String(60_000_000 + this.serial).padStart(8, '0')}`;
		const doneAt = Math.max(now, this.lastDoneAt) + delayMs;
		this.lastDoneAt = doneAt;
		const job: FeedJob = { jobId, operationType, items, submittedAt: now, doneAt, successCount: 0 };
		this.jobs.set(jobId, job);
		this.pending.push(job);
		return job;
	}

	/** How often feed items of this operation type set this SKU (for "applied exactly once" checks). */
	timesApplied(operationType: string, productId: string, skuCode: string): number {
		return this.applied.get(appliedKey(operationType, productId, skuCode)) ?? 0;
	}

	/** Takes the jobs whose processing has ended by `now`, oldest first, off the queue. */
	due(now: number): FeedJob[] {
		const out: FeedJob[] = [];
		while (this.pending.length && this.pending[0].doneAt <= now) out.push(this.pending.shift()!);
		return out;
	}
}

export const appliedKey = (operationType: string, productId: string, skuCode: string) =>
	`${operationType}\u0000${productId}\u0000${skuCode}`;
