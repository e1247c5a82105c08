/**
 * The learned rate (transport/pacing.ts) step by step, with a clock given by the test:
 * slow start, one cut per window, the gentle climb after it, a stated ban, the user's
 * ceiling. Expected values are worked out from the scheme (start 5/s, +1 per answer in slow
 * start, ×0.75 on a quota answer at most once a second, then +1/rate per answer).
 */
import { SharedRate } from '../../nodes/AliExpress/transport/pacing';

test('slow start adds one call per second per answer, until the first quota answer', () => {
	const r = new SharedRate(5);
	for (let i = 0; i < 3; i++) r.onAnswer(0);
	expect(r.rate).toBe(8);
	expect(r.slowStart).toBe(true);
	r.onQuota(1000, 1000);
	expect(r.rate).toBe(6);
	expect(r.slowStart).toBe(false);
});

test('one cut per window: a refusal of a call sent within a second of the cut says nothing new', () => {
	const r = new SharedRate(8);
	r.onQuota(10_000, 10_000); // 8 → 6
	r.onQuota(10_500, 10_600); // sent 0.5 s after the cut: the old rate's doing
	expect(r.rate).toBe(6);
	r.onQuota(11_200, 11_300); // sent 1.2 s after: a new signal
	expect(r.rate).toBe(4.5);
	expect(r.cuts).toBe(2);
	expect(r.refusals).toBe(3);
	r.onAnswer(0); // after slow start: + 1/rate
	expect(r.rate).toBeCloseTo(4.5 + 1 / 4.5, 10);
});

test('the rate never falls below one call per second', () => {
	const r = new SharedRate(1.2);
	r.onQuota(0, 0);
	r.onQuota(5000, 5000);
	expect(r.rate).toBe(1);
});

test('calls are spread 1/rate apart; a stated ban holds every call of the key until it ends', () => {
	const r = new SharedRate(4);
	expect(r.reserve(0, 1000)).toBe(1000);
	expect(r.reserve(0, 1000)).toBe(1250);
	expect(r.reserve(0, 1000)).toBe(1500);
	r.onQuota(1500, 1600, 3000); // "This ban will last for 3 more seconds"
	expect(r.bannedUntil).toBe(4600);
	expect(r.reserve(0, 1700)).toBe(4600);
});

test("a ceiling bounds the caller's pace, and a client held at it never lowers what others learned", () => {
	const r = new SharedRate(5);
	for (let i = 0; i < 7; i++) r.onAnswer(0);
	expect(r.rate).toBe(12);
	r.onAnswer(3); // a client whose Requests per Second is 3 gets an answer
	expect(r.rate).toBe(12);
	expect(r.reserve(3, 0)).toBe(0);
	expect(r.reserve(3, 0)).toBeCloseTo(1000 / 3, 6); // its own calls 1/3 s apart
	const fresh = new SharedRate(5);
	fresh.trustCeiling(10); // a ceiling the user set is where a never-refused rate starts
	expect(fresh.rate).toBe(10);
	fresh.onQuota(0, 0);
	fresh.trustCeiling(20); // once refused, the learned rate wins over the user's number
	expect(fresh.rate).toBe(7.5);
});
