/**
 * Summarises a .cpuprofile (from `npm run bench -- --profile` or `node --cpu-prof`):
 * self and total time per function, the heaviest first.
 *
 *   ts-node --transpile-only bench/profile-summary.ts bench-results/7b.cpuprofile [--top 30] [--filter nodes/] [--by-file]
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const ROOT = resolve(__dirname, '..');

function label(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url ? relative(ROOT, url.replace(/^file:\/\//, '')) : '';
	return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function main(): void {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			top: { type: 'string', default: '30' },
			filter: { type: 'string' },
			'by-file': { type: 'boolean', default: false },
		},
	});
	if (!positionals[0])
		throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top n] [--filter text]');
	const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

	// Time per sample: the delta that follows it.
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) => {
		const dt = profile.timeDeltas[i + 1] ?? 0;
		selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
	});
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	let all = 0;
	for (const [id, us] of selfUs) {
		all += us;
		const node = byId.get(id)!;
		self.set(label(node), (self.get(label(node)) ?? 0) + us);
		// total: once per distinct function on the stack
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const l = label(byId.get(cur)!);
			if (seen.has(l)) continue;
			seen.add(l);
			total.set(l, (total.get(l) ?? 0) + us);
		}
	}
	const top = Number(values.top);
	const filter = values.filter;
	const show = (title: string, map: Map<string, number>) => {
		console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled)`);
		[...map.entries()]
			.filter(([l]) => !filter || l.includes(filter))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.forEach(([l, us]) =>
				console.log(
					`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / all).toFixed(1).padStart(5)} %  ${l}`,
				),
			);
	};
	show('self time', self);
	if (values['by-file']) {
		// Self time per source file (node internals, GC and idle as they are).
		const byFile = new Map<string, number>();
		for (const [l, us] of self) {
			const m = /\s(\S+):\d+$/.exec(l);
			const key = m
				? m[1].replace(/^.*node_modules\/([^/]+)\/.*$/, 'node_modules/$1')
				: l.startsWith('(')
					? l
					: 'node internals / native';
			byFile.set(key, (byFile.get(key) ?? 0) + us);
		}
		show('self time by file', byFile);
	}
	show('total time', total);
}

main();
