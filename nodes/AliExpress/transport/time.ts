/**
 * Time zones without a library: AliExpress order dates are wall-clock strings
 * in US Pacific time (`yyyy-MM-dd HH:mm:ss`), n8n's date fields are wall-clock
 * times in the workflow's zone. Everything in between is epoch milliseconds.
 */

export const PACIFIC = 'America/Los_Angeles';

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

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function wallOf(ms: number, zone: string): Wall {
	const parts: Record<string, number> = {};
	for (const p of formatter(zone).formatToParts(new Date(ms))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour === 24 ? 0 : parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

function offsetByIntl(ms: number, zone: string): number {
	const w = wallOf(ms, zone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/** zone → start of a UTC hour → the zone's offset during all of that hour, or NaN when it changes within it. */
const hourOffsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms (Pacific in summer: -7 h). */
export function zoneOffset(ms: number, zone: string): number {
	const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
	let byHour = hourOffsets.get(zone);
	if (!byHour) {
		byHour = new Map();
		hourOffsets.set(zone, byHour);
	}
	let offset = byHour.get(hour);
	if (offset === undefined) {
		// The same offset at the first and the last second of the hour: no change in between
		// (no zone changes its offset twice within an hour).
		const first = offsetByIntl(hour, zone);
		offset = first === offsetByIntl(hour + HOUR_MS - 1000, zone) ? first : NaN;
		if (byHour.size >= 100_000) byHour.clear();
		byHour.set(hour, offset);
	}
	return Number.isNaN(offset) ? offsetByIntl(ms, zone) : offset;
}

/**
 * The instant a wall-clock time names in a zone. A time that occurs twice (when
 * clocks go back) resolves to the first; one skipped (clocks go forward) to the
 * instant read with the offset before the change: 02:30 on the March day in
 * Los Angeles becomes 01:30 standard time (09:30 UTC).
 */
export function wallToInstant(w: Wall, zone: string): number {
	const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	const first = guess - zoneOffset(guess, zone);
	const second = guess - zoneOffset(first, zone);
	// The earlier of the candidates that really shows this wall time.
	const candidates = [first, second, guess - zoneOffset(guess - 3600_000, zone)].filter(
		(c) => zoneOffset(c, zone) === guess - c,
	);
	return candidates.length ? Math.min(...candidates) : second;
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

function parseWall(text: string): Wall | undefined {
	const m = WALL_RE.exec(text.trim());
	if (!m) return undefined;
	return {
		year: Number(m[1]),
		month: Number(m[2]),
		day: Number(m[3]),
		hour: Number(m[4] ?? 0),
		minute: Number(m[5] ?? 0),
		second: Number(m[6] ?? 0),
	};
}

/** `yyyy-MM-dd HH:mm:ss` in US Pacific time, as the order API wants it. */
export function toPacificString(ms: number): string {
	const w = wallOf(ms, PACIFIC);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

const pacificParsed = new Map<string, number | undefined>();

/** An AliExpress Pacific date string as an instant (ms), or undefined when it is not one. */
export function fromPacificString(text: unknown): number | undefined {
	if (typeof text !== 'string' || !text) return undefined;
	// Each order date is read more than once (merge, sort, simplify).
	if (pacificParsed.has(text)) return pacificParsed.get(text);
	const wall = parseWall(text);
	const ms = wall ? wallToInstant(wall, PACIFIC) : undefined;
	if (pacificParsed.size >= 50_000) pacificParsed.clear();
	pacificParsed.set(text, ms);
	return ms;
}

/** An AliExpress Pacific date string as ISO 8601 UTC, or undefined. */
export function pacificToIso(text: unknown): string | undefined {
	const ms = fromPacificString(text);
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * A date the user gave: ISO with a zone or offset is taken as it is; a wall
 * time without one is in the workflow's zone (n8n's date fields give those).
 * Returns undefined when it is not a date.
 */
export function parseUserDate(value: unknown, workflowZone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return parseUserDate((value as { toISO: () => string }).toISO(), workflowZone);
	}
	const text = String(value).trim();
	// No rolling over: 2024-02-30 is not a date (Date.UTC and Date.parse would make it March 1).
	const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
	if (day) {
		const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
		if (
			month < 1 ||
			month > 12 ||
			date < 1 ||
			date > new Date(Date.UTC(year, month, 0)).getUTCDate()
		)
			return undefined;
	}
	const wall = parseWall(text);
	if (wall) {
		if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
		return wallToInstant(wall, workflowZone || 'UTC');
	}
	if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}
