import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkPeriodAsked,
  duePeriods,
  hasEnded,
  isFinalized,
  lastEndedPeriod,
  nextPeriod,
  parsePeriod,
  periodEnd,
  periodOf,
  periodStart,
  previousPeriod,
} from "../../domain/period.ts";

Deno.test("period: a period is written YYYY-MM", () => {
  assert.equal(parsePeriod("2026-11"), "2026-11");
  for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", " 2026-11", ""]) {
    assert.throws(() => parsePeriod(bad), { code: "invalid-period" }, bad);
  }
});

Deno.test("period: UTC boundaries: 2026-11-01T00:00:00Z is in 2026-11, 2026-10-31T23:59:59.999Z in 2026-10", () => {
  assert.equal(periodOf(new Date("2026-11-01T00:00:00Z")), "2026-11");
  assert.equal(periodOf(new Date("2026-10-31T23:59:59.999Z")), "2026-10");
});

Deno.test("period: an instant is placed by its UTC month, not by its local offset", () => {
  // Still 31 October in New York, already 1 November in UTC.
  assert.equal(periodOf(new Date("2026-10-31T21:00:00-04:00")), "2026-11");
  // Already 1 December in Tokyo, still 30 November in UTC.
  assert.equal(periodOf(new Date("2026-12-01T08:59:59+09:00")), "2026-11");
});

Deno.test("period: 2026-11 runs from 2026-11-01T00:00:00Z inclusive to 2026-12-01T00:00:00Z exclusive", () => {
  assert.equal(periodStart("2026-11").toISOString(), "2026-11-01T00:00:00.000Z");
  assert.equal(periodEnd("2026-11").toISOString(), "2026-12-01T00:00:00.000Z");
  assert.equal(periodOf(periodEnd("2026-11")), "2026-12");
  assert.equal(periodOf(new Date(periodEnd("2026-11").getTime() - 1)), "2026-11");
});

Deno.test("period: next and previous periods cross year boundaries", () => {
  assert.equal(nextPeriod("2026-12"), "2027-01");
  assert.equal(previousPeriod("2027-01"), "2026-12");
  assert.equal(nextPeriod("2028-02"), "2028-03");
  assert.equal(previousPeriod("2028-03"), "2028-02");
});

Deno.test("period: every valid period starts and ends on its own month boundaries", () => {
  const period = fc.tuple(fc.integer({ min: 0, max: 9998 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`);
  fc.assert(
    fc.property(period, (p) => {
      assert.equal(periodOf(periodStart(p)), p);
      assert.equal(periodOf(new Date(periodEnd(p).getTime() - 1)), p);
      assert.equal(periodStart(nextPeriod(p)).getTime(), periodEnd(p).getTime());
      assert.equal(previousPeriod(nextPeriod(p)), p);
      if (p >= "0001-01") {
        assert.equal(previousPeriod(p), periodOf(new Date(periodStart(p).getTime() - 1)));
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("period: a period is due once it has ended (on the 1st of the next month, UTC)", () => {
  assert.equal(hasEnded("2026-10", new Date("2026-10-31T23:59:59.999Z")), false);
  assert.equal(hasEnded("2026-10", new Date("2026-11-01T00:00:00Z")), true);
});

Deno.test("period: due periods are every ended period from the first usage on, never the open one", () => {
  assert.deepEqual(duePeriods("2026-09", new Date("2026-11-15T00:00:00Z")), [
    "2026-09",
    "2026-10",
  ]);
  assert.deepEqual(duePeriods("2026-12", new Date("2027-01-01T00:00:00Z")), ["2026-12"]);
});

Deno.test("period: periods before the first usage report need no finalization", () => {
  const due = duePeriods("2026-10", new Date("2026-12-02T00:00:00Z"));
  assert.deepEqual(due, ["2026-10", "2026-11"]);
  assert.ok(!due.includes("2026-09"));
  assert.deepEqual(duePeriods("2026-11", new Date("2026-11-30T12:00:00Z")), []);
});

Deno.test("period: up to the month after the current one can be asked about; a later one is period-in-future", () => {
  const now = new Date("2026-12-31T23:59:59Z");
  assert.equal(checkPeriodAsked("2026-12", now), "2026-12");
  assert.equal(checkPeriodAsked("2027-01", now), "2027-01");
  assert.equal(checkPeriodAsked("1999-01", now), "1999-01");
  assert.throws(() => checkPeriodAsked("2027-02", now), {
    code: "period-in-future",
    message: "Period 2027-02 is more than one month ahead: the latest period served now is 2027-01",
  });
  assert.throws(() => checkPeriodAsked("2027-13", now), { code: "invalid-period" });
});

Deno.test("period: the last ended period is the month before the current one (UTC)", () => {
  assert.equal(lastEndedPeriod(new Date("2026-11-30T23:59:59.999Z")), "2026-10");
  assert.equal(lastEndedPeriod(new Date("2026-12-01T00:00:00Z")), "2026-11");
  assert.equal(lastEndedPeriod(new Date("2027-01-15T00:00:00Z")), "2026-12");
});

Deno.test("period: every period up to the latest final one is final; none is before the first", () => {
  assert.equal(isFinalized("2026-10", null), false);
  assert.equal(isFinalized("2026-10", "2026-10"), true);
  assert.equal(isFinalized("2026-09", "2026-10"), true);
  assert.equal(isFinalized("2026-11", "2026-10"), false);
});
