import {
	fromPacificString,
	parseUserDate,
	toPacificString,
} from '../../nodes/AliExpress/transport/time';

describe('Pacific time', () => {
	it('summer: PDT is UTC-7', () => {
		expect(toPacificString(Date.UTC(2026, 6, 1, 19, 30, 0))).toBe('2026-07-01 12:30:00');
		expect(fromPacificString('2026-07-01 12:30:00')).toBe(Date.UTC(2026, 6, 1, 19, 30, 0));
	});
	it('winter: PST is UTC-8', () => {
		expect(toPacificString(Date.UTC(2026, 11, 1, 8, 0, 0))).toBe('2026-12-01 00:00:00');
		expect(fromPacificString('2026-12-01 00:00:00')).toBe(Date.UTC(2026, 11, 1, 8, 0, 0));
	});
	it('the repeated hour when clocks go back (2026-11-01) maps to its first occurrence', () => {
		// 01:30 PDT = 08:30 UTC; 01:30 PST = 09:30 UTC.
		expect(fromPacificString('2026-11-01 01:30:00')).toBe(Date.UTC(2026, 10, 1, 8, 30, 0));
		expect(toPacificString(Date.UTC(2026, 10, 1, 9, 30, 0))).toBe('2026-11-01 01:30:00');
	});
	it('spring forward (2026-03-08): 03:00 PDT follows 01:59:59 PST', () => {
		expect(toPacificString(Date.UTC(2026, 2, 8, 9, 59, 59))).toBe('2026-03-08 01:59:59');
		expect(toPacificString(Date.UTC(2026, 2, 8, 10, 0, 0))).toBe('2026-03-08 03:00:00');
	});
	it('not a date', () => {
		expect(fromPacificString('yesterday')).toBeUndefined();
		expect(fromPacificString(undefined)).toBeUndefined();
	});
});

describe('user dates', () => {
	it('a wall time is in the workflow zone', () => {
		expect(parseUserDate('2026-07-01T09:00:00', 'Europe/Berlin')).toBe(
			Date.UTC(2026, 6, 1, 7, 0, 0),
		);
		expect(parseUserDate('2026-07-01 09:00', 'UTC')).toBe(Date.UTC(2026, 6, 1, 9, 0, 0));
	});
	it('an offset wins over the zone', () => {
		expect(parseUserDate('2026-07-01T09:00:00+02:00', 'America/New_York')).toBe(
			Date.UTC(2026, 6, 1, 7, 0, 0),
		);
		expect(parseUserDate('2026-07-01T09:00:00.000Z', 'Asia/Tokyo')).toBe(
			Date.UTC(2026, 6, 1, 9, 0, 0),
		);
	});
	it('rejects garbage and impossible dates', () => {
		expect(parseUserDate('next tuesday', 'UTC')).toBeUndefined();
		expect(parseUserDate('2026-13-01', 'UTC')).toBeUndefined();
		expect(parseUserDate('', 'UTC')).toBeUndefined();
	});
});
