/**
 * The sandbox's Pacific clock (test/sandbox/time.ts). The expected values are
 * worked out by hand from the US rule (since 2007: DST from the second Sunday of
 * March, 02:00 PST = 10:00 UTC, to the first Sunday of November, 02:00 PDT =
 * 09:00 UTC; PST = UTC−8, PDT = UTC−7), not by calling either implementation.
 * The last block compares the sandbox with the node's own transport/time.ts,
 * which is written differently (Intl), over three years of instants.
 */

import { fromPacificString, toPacificString } from '../../nodes/AliExpress/transport/time';
import {
	BEIJING,
	PACIFIC,
	formatInZone,
	formatPacific,
	parseInZone,
	parsePacific,
} from '../sandbox/time';

const at = (iso: string) => Date.parse(iso);
const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('US Pacific time from the DST rule', () => {
	// Weekdays by hand: 1 Jan 2024 was a Monday, so 1 Mar 2024 (60 days later) a Friday and
	// 1 Nov 2024 (245 = 35 × 7 days after 1 Mar) a Friday too. 1 Jan 2025 a Wednesday → 1 Mar
	// 2025 a Saturday; 1 Jan 2026 a Thursday → 1 Mar 2026 a Sunday; 1 Jan 2027 a Friday → 1 Mar
	// 2027 a Monday. 1 Nov has the weekday of 1 Mar in every year.
	const TRANSITIONS = [
		{ year: 2024, march: 10, november: 3 },
		{ year: 2025, march: 9, november: 2 },
		{ year: 2026, march: 8, november: 1 },
		{ year: 2027, march: 14, november: 7 },
	];

	describe.each(TRANSITIONS)(
		'$year: DST from 03-$march to 11-$november',
		({ year, march, november }) => {
			const mar = `${year}-03-${String(march).padStart(2, '0')}`;
			const nov = `${year}-11-${String(november).padStart(2, '0')}`;
			const start = at(`${mar}T10:00:00Z`);
			const end = at(`${nov}T09:00:00Z`);

			it('spring forward: 01:59:59 PST is followed by 03:00:00 PDT', () => {
				expect(formatPacific(start - SECOND)).toBe(`${mar} 01:59:59`);
				expect(formatPacific(start)).toBe(`${mar} 03:00:00`);
				expect(parsePacific(`${mar} 01:59:59`)).toBe(start - SECOND);
				expect(parsePacific(`${mar} 03:00:00`)).toBe(start);
			});

			it('fall back: 01:59:59 PDT is followed by 01:00:00 PST', () => {
				expect(formatPacific(end - SECOND)).toBe(`${nov} 01:59:59`);
				expect(formatPacific(end)).toBe(`${nov} 01:00:00`);
				expect(parsePacific(`${nov} 00:59:59`)).toBe(end - HOUR - SECOND);
				expect(parsePacific(`${nov} 02:00:00`)).toBe(end + HOUR);
			});
		},
	);

	it('an ordinary winter and summer instant', () => {
		expect(formatPacific(at('2026-01-15T12:00:00Z'))).toBe('2026-01-15 04:00:00'); // −8 h
		expect(formatPacific(at('2026-07-04T19:00:00Z'))).toBe('2026-07-04 12:00:00'); // −7 h
		expect(parsePacific('2026-01-15 04:00:00')).toBe(at('2026-01-15T12:00:00Z'));
		expect(parsePacific('2026-07-04 12:00:00')).toBe(at('2026-07-04T19:00:00Z'));
	});

	it('the repeated hour of 1 Nov 2026 shows twice and parses to its first (PDT) pass', () => {
		expect(formatPacific(at('2026-11-01T08:30:00Z'))).toBe('2026-11-01 01:30:00'); // PDT
		expect(formatPacific(at('2026-11-01T09:30:00Z'))).toBe('2026-11-01 01:30:00'); // PST
		expect(parsePacific('2026-11-01 01:30:00')).toBe(at('2026-11-01T08:30:00Z'));
		expect(parsePacific('2026-11-01 01:00:00')).toBe(at('2026-11-01T08:00:00Z'));
	});

	it('the skipped hour of 8 Mar 2026 parses with the daylight offset (one hour earlier on the wall)', () => {
		// 02:30 as UTC−7 is 09:30 UTC, before the switch at 10:00 UTC: 01:30 PST on the wall.
		expect(parsePacific('2026-03-08 02:00:00')).toBe(at('2026-03-08T09:00:00Z'));
		expect(parsePacific('2026-03-08 02:30:00')).toBe(at('2026-03-08T09:30:00Z'));
		expect(formatPacific(at('2026-03-08T09:30:00Z'))).toBe('2026-03-08 01:30:00');
	});

	it('crosses days, years and leap days on the Pacific wall clock', () => {
		expect(formatPacific(at('2026-01-01T07:59:59Z'))).toBe('2025-12-31 23:59:59');
		expect(formatPacific(at('2026-01-01T08:00:00Z'))).toBe('2026-01-01 00:00:00');
		expect(formatPacific(at('2028-03-01T07:00:00Z'))).toBe('2028-02-29 23:00:00'); // 2028 is a leap year
		expect(formatPacific(at('2100-03-01T07:00:00Z'))).toBe('2100-02-28 23:00:00'); // 2100 is not
		expect(formatPacific(at('2026-01-15T12:00:00.999Z'))).toBe('2026-01-15 04:00:00'); // ms dropped
	});

	it('reads only yyyy-MM-dd HH:mm:ss, leniently (a day past the month carries over, as Date.UTC does)', () => {
		expect(parseInZone('2026-01-15T04:00:00', PACIFIC)).toBeNaN();
		expect(parseInZone('2026-1-15 04:00:00', PACIFIC)).toBeNaN();
		expect(parseInZone('2026-01-15 04:00', PACIFIC)).toBeNaN();
		expect(parseInZone('2024-02-30 00:00:00', PACIFIC)).toBe(at('2024-03-01T08:00:00Z'));
		expect(parseInZone('2025-13-01 00:00:00', PACIFIC)).toBe(at('2026-01-01T08:00:00Z'));
	});

	it('refuses what it does not model rather than answer wrong', () => {
		expect(() => formatPacific(at('2006-07-01T00:00:00Z'))).toThrow(RangeError);
		expect(() => formatInZone(0, 'Europe/Paris')).toThrow(RangeError);
	});
});

describe('fixed zones', () => {
	it('GMT+8 (TOP timestamps) and Tokyo', () => {
		expect(formatInZone(at('2026-01-01T16:00:00Z'), BEIJING)).toBe('2026-01-02 00:00:00');
		expect(parseInZone('2026-01-02 00:00:00', BEIJING)).toBe(at('2026-01-01T16:00:00Z'));
		expect(formatInZone(at('2026-07-01T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-07-02 00:00:00');
		expect(parseInZone('2026-07-02 00:00:00', 'Asia/Tokyo')).toBe(at('2026-07-01T15:00:00Z'));
		expect(formatInZone(at('2026-07-01T15:00:00Z'), 'UTC')).toBe('2026-07-01 15:00:00');
	});
});

describe('the sandbox and the node agree (independent implementations)', () => {
	const FROM = at('2025-01-01T00:00:00Z');
	const TO = at('2028-01-01T00:00:00Z');

	/** Instants where the two disagree on formatting or on reading the string back; empty when they agree. */
	function disagreements(instants: number[]): string[] {
		const out: string[] = [];
		for (const t of instants) {
			const ours = formatPacific(t);
			const node = toPacificString(t);
			if (ours !== node) out.push(`${new Date(t).toISOString()}: sandbox ${ours}, node ${node}`);
			else if (parsePacific(ours) !== fromPacificString(ours)) {
				out.push(`${ours}: sandbox reads ${parsePacific(ours)}, node ${fromPacificString(ours)}`);
			}
		}
		return out;
	}

	it('every 37 minutes (and 13 s) over 2025–2027', () => {
		const instants: number[] = [];
		for (let t = FROM + 13 * SECOND; t < TO; t += 37 * MINUTE) instants.push(t);
		expect(instants.length).toBeGreaterThan(42_000);
		expect(disagreements(instants)).toEqual([]);
	});

	it('every minute (and every other minute less a second) within 3 hours of each transition of 2025–2027', () => {
		const transitions = [
			'2025-03-09T10:00:00Z',
			'2025-11-02T09:00:00Z',
			'2026-03-08T10:00:00Z',
			'2026-11-01T09:00:00Z',
			'2027-03-14T10:00:00Z',
			'2027-11-07T09:00:00Z',
		].map(at);
		const instants = transitions.flatMap((t) =>
			Array.from({ length: 361 }, (_, i) => t + (i - 180) * MINUTE - (i % 2) * SECOND),
		);
		expect(disagreements(instants)).toEqual([]);
	});

	it('wall times of the skipped hours, which no instant formats to', () => {
		// Both read 02:30 as 01:30 PST. (The node's wallToInstant comment says "one hour later on
		// the wall"; its code, like the sandbox, gives one hour earlier.)
		const walls = ['2025-03-09', '2026-03-08', '2027-03-14'].flatMap((day) =>
			Array.from({ length: 60 }, (_, m) => `${day} 02:${String(m).padStart(2, '0')}:30`),
		);
		expect(walls.filter((w) => parsePacific(w) !== fromPacificString(w))).toEqual([]);
	});
});
