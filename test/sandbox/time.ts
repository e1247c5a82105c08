/**
 * Wall-clock strings `yyyy-MM-dd HH:mm:ss` in the few zones the sandbox needs:
 * US Pacific for AliExpress order dates, GMT+8 for TOP timestamps (and fixed
 * zones tests use for n8n's workflow zone).
 *
 * Written independently of the node's nodes/AliExpress/transport/time.ts, so a
 * mistake in one cannot hide in the other: the node asks Intl for the zone's
 * offset; this file uses no Intl and no Date. It works the calendar out with
 * integer day arithmetic and applies the US daylight-saving rule in force since
 * 2007 (Energy Policy Act of 2005) itself:
 *
 * - standard time (PST) is UTC−8, daylight time (PDT) is UTC−7;
 * - DST starts on the second Sunday of March at 02:00 local standard time
 *   (10:00 UTC): the wall clock jumps from 01:59:59 to 03:00:00;
 * - DST ends on the first Sunday of November at 02:00 local daylight time
 *   (09:00 UTC): the wall clock goes back from 01:59:59 PDT to 01:00:00 PST.
 *
 * Pacific instants before 2007 (another rule) throw rather than come out wrong.
 */

export const PACIFIC = 'America/Los_Angeles';
export const BEIJING = 'Asia/Shanghai';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PST = -8 * HOUR;
const PDT = -7 * HOUR;
/** The first year of the DST rule above. */
const RULE_SINCE = 2007;

/** Zones without daylight saving: their one offset from UTC. China has had none since 1991, Japan since 1951. */
const FIXED_OFFSETS: Record<string, number> = {
	UTC: 0,
	'Etc/UTC': 0,
	[BEIJING]: 8 * HOUR,
	'Asia/Tokyo': 9 * HOUR,
};

// ---------------------------------------------------------------- calendar

/**
 * Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar
 * (month 1–12), by counting from 1 March of year 0 in 400-year eras, so that the
 * leap day is the last day of its year (H. Hinnant's `days_from_civil`).
 */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400; // 0…399
	const monthFromMarch = (month + 9) % 12; // March 0 … February 11
	const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1; // 0…365
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468; // 719 468 days from 0000-03-01 to 1970-01-01
}

/** The inverse: [year, month 1–12, day] of a day number (H. Hinnant's `civil_from_days`). */
function civilFromDays(days: number): [number, number, number] {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097; // 0…146 096
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
	const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
	return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** 0 = Sunday … 6 = Saturday. Day 0, 1970-01-01, was a Thursday. */
const weekday = (days: number) => (((days + 4) % 7) + 7) % 7;

/** The day number of the `n`-th Sunday (1 = first) of a month. */
function nthSunday(year: number, month: number, n: number): number {
	const first = daysFromCivil(year, month, 1);
	return first + ((7 - weekday(first)) % 7) + 7 * (n - 1);
}

/** Lenient, like Date.UTC: a day or an hour past the end of its month or day carries over (2024-02-30 is 1 March). */
function wallToLocalMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
	const yearCarry = Math.floor((mo - 1) / 12); // month 13 is January of the next year, month 0 December of the last
	const days = daysFromCivil(y + yearCarry, mo - 12 * yearCarry, 1) + d - 1;
	return days * DAY + h * HOUR + mi * MINUTE + s * SECOND;
}

// ---------------------------------------------------------------- US Pacific

/** [start, end) of daylight time in `year`, as UTC epoch ms. */
function pacificDst(year: number): [number, number] {
	if (year < RULE_SINCE) {
		throw new RangeError(
			`sandbox time: US Pacific before ${RULE_SINCE} is not modelled (year ${year})`,
		);
	}
	const start = nthSunday(year, 3, 2) * DAY + 2 * HOUR - PST; // 02:00 PST = 10:00 UTC
	const end = nthSunday(year, 11, 1) * DAY + 2 * HOUR - PDT; // 02:00 PDT = 09:00 UTC
	return [start, end];
}

/** Pacific offset from UTC at instant `ms`. */
function pacificOffset(ms: number): number {
	// The year on the Pacific wall clock; around New Year (no DST either way) UTC's would do too.
	const [year] = civilFromDays(Math.floor((ms + PST) / DAY));
	const [start, end] = pacificDst(year);
	return ms >= start && ms < end ? PDT : PST;
}

// ---------------------------------------------------------------- any supported zone

function fixedOffset(zone: string): number {
	const offset = FIXED_OFFSETS[zone];
	if (offset === undefined) throw new RangeError(`sandbox time: unsupported time zone ${zone}`);
	return offset;
}

function offsetAt(ms: number, zone: string): number {
	return zone === PACIFIC ? pacificOffset(ms) : fixedOffset(zone);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `ms` on the wall clock of `zone`, `yyyy-MM-dd HH:mm:ss` (milliseconds dropped). */
export function formatInZone(ms: number, zone: string): string {
	const local = Math.floor((ms + offsetAt(ms, zone)) / SECOND) * SECOND;
	const days = Math.floor(local / DAY);
	const [y, mo, d] = civilFromDays(days);
	const secondOfDay = (local - days * DAY) / SECOND;
	const h = Math.floor(secondOfDay / 3600);
	const mi = Math.floor((secondOfDay % 3600) / 60);
	const s = secondOfDay % 60;
	return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Epoch ms of a wall-clock string in `zone`, or NaN when it is not `yyyy-MM-dd HH:mm:ss`.
 * Pacific: a wall time is read as PDT unless only PST fits it. So one that occurs
 * twice (the hour repeated in November) is its first, daylight pass, and one that
 * never occurs (the hour skipped in March) is read with the daylight offset, which
 * lands an hour earlier on the wall (02:30 → 09:30 UTC = 01:30 PST), as before.
 */
export function parseInZone(text: string, zone: string): number {
	const m = WALL_RE.exec(text);
	if (!m) return NaN;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const local = wallToLocalMs(y, mo, d, h, mi, s);
	if (zone !== PACIFIC) return local - fixedOffset(zone);
	const asDaylight = local - PDT;
	const asStandard = local - PST;
	const onlyStandardFits = pacificOffset(asStandard) === PST && pacificOffset(asDaylight) !== PDT;
	return onlyStandardFits ? asStandard : asDaylight;
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
