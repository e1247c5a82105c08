/**
 * Wall-clock strings in a named time zone, `yyyy-MM-dd HH:mm:ss`.
 * AliExpress order dates are US Pacific (with DST); TOP timestamps are GMT+8.
 * Conversion goes through Intl so DST is honoured without a tz library.
 */

export const PACIFIC = 'America/Los_Angeles';
export const BEIJING = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(zone, f);
	}
	return f;
}

/** [year, month, day, hour, minute, second] of `ms` as seen on a wall clock in `zone`. */
function wallClock(ms: number, zone: string): number[] {
	const parts: Record<string, number> = {};
	for (const p of formatter(zone).formatToParts(new Date(ms))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second];
}

const HOUR = 3_600_000;
const offsets = new Map<string, number>();

/**
 * How far `zone`'s wall clock is ahead of UTC at instant `ms`. Zones change offset
 * on whole UTC hours, so one Intl lookup per zone and hour is enough (and cached).
 */
function offsetAt(ms: number, zone: string): number {
	const hour = Math.floor(ms / HOUR) * HOUR;
	const key = `${zone}|${hour}`;
	let offset = offsets.get(key);
	if (offset === undefined) {
		const [y, mo, d, h, mi, s] = wallClock(hour, zone);
		offset = Date.UTC(y, mo - 1, d, h, mi, s) - hour;
		if (offsets.size > 100_000) offsets.clear();
		offsets.set(key, offset);
	}
	return offset;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatInZone(ms: number, zone: string): string {
	const d = new Date(ms + offsetAt(ms, zone));
	return (
		`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
	);
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Epoch ms of a wall-clock string in `zone`, or NaN when it is not `yyyy-MM-dd HH:mm:ss`.
 * For a time inside a DST gap or overlap, one of the plausible instants is returned.
 */
export function parseInZone(text: string, zone: string): number {
	const m = WALL_RE.exec(text);
	if (!m) return NaN;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	// second pass fixes a first guess that landed on the other side of a DST switch
	return asUtc - offsetAt(asUtc - offsetAt(asUtc, zone), zone);
}

export const formatPacific = (ms: number) => formatInZone(ms, PACIFIC);
/** Order dates are parsed on every order query: remember them. */
const pacificCache = new Map<string, number>();
export const parsePacific = (text: string) => {
	let ms = pacificCache.get(text);
	if (ms === undefined) {
		ms = parseInZone(text, PACIFIC);
		if (pacificCache.size > 200_000) pacificCache.clear();
		pacificCache.set(text, ms);
	}
	return ms;
};
