/**
 * Scenario 10 (`--scenarios trigger` or `10`): the AliExpress Trigger's memory. The
 * trigger's event selection (the built dist/…/trigger/orderEvents.js) polls a
 * modelled shop (test/helpers/orderFlow.ts: orders placed, paid, shipped,
 * disputed, finished; changes up to 50 minutes late) for 30 days after
 * activation, hourly, at 1,000 and 10,000 orders a day, for each Trigger On and
 * Statuses setting; measured is what n8n saves with the workflow:
 * JSON.stringify(getWorkflowStaticData('node')).length after the last poll.
 * No HTTP (the sandbox is not involved): the size does not depend on the calls.
 *
 *   npm run bench -- --scenarios trigger
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { exactlyOnce, OrderFlow, runTrigger, type OrderEventsLib } from '../test/helpers/orderFlow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../dist/nodes/AliExpress/trigger/orderEvents') as OrderEventsLib;

const DAY = 86_400_000;
const HISTORY_DAYS = 25;
const DAYS = 30;

export const TRIGGER_SETTINGS: Array<{
	label: string;
	event: 'newOrder' | 'orderUpdated';
	statuses: string[];
}> = [
	{ label: 'New Order, any status (default)', event: 'newOrder', statuses: [] },
	{
		label: 'New Order, Waiting for Seller to Ship',
		event: 'newOrder',
		statuses: ['WAIT_SELLER_SEND_GOODS'],
	},
	{ label: 'Order Updated, any status', event: 'orderUpdated', statuses: [] },
	{
		label: 'Order Updated, Waiting for Seller to Ship + Completed',
		event: 'orderUpdated',
		statuses: ['WAIT_SELLER_SEND_GOODS', 'FINISH'],
	},
];

export interface TriggerMemoryRow {
	setting: string;
	ordersPerDay: number;
	stateBytes: number;
	/** The largest after any poll. */
	maxStateBytes: number;
	bytesPerOrder: number;
	emitted: number;
	duplicates: number;
	missed: number;
	invented: number;
	polls: number;
	triggerMsPerPoll: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Hours between polls: the size does not depend on it (Memory is in days); the CPU per poll does. */
const POLL_HOURS = Number(process.env.TRIGGER_POLL_HOURS ?? 1);

export function triggerMemoryRows(rates: number[]): TriggerMemoryRow[] {
	const rows: TriggerMemoryRow[] = [];
	for (const ordersPerDay of rates) {
		const start = Date.UTC(2026, 9, 1);
		const flow = new OrderFlow(7, ordersPerDay, start, start + (HISTORY_DAYS + DAYS) * DAY);
		for (const s of TRIGGER_SETTINGS) {
			process.stdout.write(`  10 trigger memory: ${s.label}, ${fmt(ordersPerDay)}/day … `);
			const r = runTrigger(lib, flow, {
				seed: 7,
				ordersPerDay,
				historyDays: HISTORY_DAYS,
				days: DAYS,
				pollMs: POLL_HOURS * 3_600_000,
				event: s.event,
				statuses: s.statuses,
			});
			const check = exactlyOnce(r, s);
			const row: TriggerMemoryRow = {
				setting: s.label,
				ordersPerDay,
				stateBytes: r.stateChars,
				maxStateBytes: r.maxStateChars,
				bytesPerOrder: r.stateChars / (ordersPerDay * DAYS),
				emitted: r.emitted.length,
				duplicates: check.duplicates.length,
				missed: check.missed.length,
				invented: check.invented.length,
				polls: r.polls,
				triggerMsPerPoll: r.triggerMs / r.polls,
			};
			rows.push(row);
			console.log(
				`${fmt(row.stateBytes)} B (max ${fmt(row.maxStateBytes)}; ${row.bytesPerOrder.toFixed(1)} B/order), ${fmt(row.emitted)} emitted, ${row.duplicates} duplicates, ${row.missed} missed, ${row.invented} not real, ${row.triggerMsPerPoll.toFixed(1)} ms CPU/poll`,
			);
		}
	}
	return rows;
}

export function triggerMemoryMarkdown(rows: TriggerMemoryRow[]): string {
	const lines = [
		`Trigger memory after ${DAYS} days of polls every ${POLL_HOURS} h (Memory 30 days, tolerance 60 min; ${HISTORY_DAYS} days of orders before activation): JSON.stringify length of the trigger's static data.`,
		'',
		'| Setting | Orders/day | Static data at the end | largest after a poll | per order of 30 days | Emitted | Duplicates | Missed | Not real | Trigger CPU/poll |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const r of rows)
		lines.push(
			`| ${r.setting} | ${fmt(r.ordersPerDay)} | ${fmt(r.stateBytes)} B (${(r.stateBytes / 1024 / 1024).toFixed(2)} MB) | ${fmt(r.maxStateBytes)} B | ${r.bytesPerOrder.toFixed(1)} B | ${fmt(r.emitted)} | ${r.duplicates} | ${r.missed} | ${r.invented} | ${r.triggerMsPerPoll.toFixed(1)} ms |`,
		);
	return lines.join('\n');
}

/** The scenario as bench/run.ts runs it: prints and writes <out>/trigger-memory.{md,json}. */
export async function triggerMemoryScenario(
	run: { notes: string[] },
	out: string,
	quick: boolean,
): Promise<void> {
	const rows = triggerMemoryRows(quick ? [1000] : [1000, 10_000]);
	const markdown = triggerMemoryMarkdown(rows);
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'trigger-memory.md'), `${markdown}\n`);
	writeFileSync(join(out, 'trigger-memory.json'), `${JSON.stringify(rows, null, 2)}\n`);
	run.notes.push(
		`10 trigger memory (${join(out, 'trigger-memory.md')}): ${rows
			.map((r) => `${r.setting} at ${fmt(r.ordersPerDay)}/day ${fmt(r.stateBytes)} B`)
			.join('; ')}.`,
	);
}

if (require.main === module) {
	const rates = (process.argv[2] ?? '1000,10000').split(',').map(Number);
	console.log(triggerMemoryMarkdown(triggerMemoryRows(rates)));
}
