import assert from "node:assert/strict";
import { FUTURE_TOLERANCE_MS } from "../../domain/report_window.ts";
import { checkReport, compareEntries, isUsage } from "../../domain/usage.ts";
import { entry } from "./fixtures.ts";

const NOW = new Date("2026-11-15T12:00:00Z");
const nothingFinal = { now: NOW, lastFinal: null };

function inFuture(ms: number): string {
  return new Date(NOW.getTime() + ms).toISOString();
}

Deno.test("usage: a report with whole counts in an open period is accepted", () => {
  checkReport(entry("2026-11-15T11:00:00Z", { licenses: 12, servers: 2 }), nothingFinal);
});

Deno.test("usage: a plan change alone (no counts) is accepted", () => {
  checkReport(entry("2026-11-15T11:00:00Z", { planId: "premium" }), nothingFinal);
});

Deno.test("usage: negative or fractional counts fail with invalid-usage naming the field", () => {
  assert.throws(
    () => checkReport(entry("2026-11-15T11:00:00Z", { licenses: -1, servers: 0 }), nothingFinal),
    {
      code: "invalid-usage",
      details: [{ path: "licenses", message: "must be a whole number of at least 0" }],
    },
  );
  assert.throws(
    () => checkReport(entry("2026-11-15T11:00:00Z", { licenses: 1, servers: 0.5 }), nothingFinal),
    {
      code: "invalid-usage",
      details: [{ path: "servers", message: "must be a whole number of at least 0" }],
    },
  );
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(
      () => checkReport(entry("2026-11-15T11:00:00Z", { licenses: bad }), nothingFinal),
      { code: "invalid-usage" },
    );
  }
});

Deno.test("usage: a report whose occurredAt is not a valid instant fails with invalid-usage", () => {
  const report = { ...entry("2026-11-15T11:00:00Z", { licenses: 1 }), occurredAt: new Date("x") };
  assert.throws(() => checkReport(report, nothingFinal), {
    code: "invalid-usage",
    details: [{ path: "occurredAt", message: "must be a valid instant" }],
  });
});

Deno.test("usage: a report more than 5 minutes in the future fails with report-in-future", () => {
  assert.equal(FUTURE_TOLERANCE_MS, 5 * 60 * 1000);
  for (const ahead of [5 * 60 * 1000 + 1, 6 * 60 * 1000, 24 * 3600 * 1000]) {
    assert.throws(
      () => checkReport(entry(inFuture(ahead), { licenses: 1, servers: 0 }), nothingFinal),
      { code: "report-in-future", kind: "invalid" },
    );
  }
});

Deno.test("usage: a report 4 minutes ahead (clock skew) is accepted, and so is one exactly 5 minutes ahead", () => {
  checkReport(entry(inFuture(4 * 60 * 1000), { licenses: 1, servers: 0 }), nothingFinal);
  checkReport(entry(inFuture(5 * 60 * 1000), { licenses: 1, servers: 0 }), nothingFinal);
});

Deno.test("usage: a report in a finalized period fails with period-finalized (period 2026-10 is finalized)", () => {
  const context = { now: NOW, lastFinal: "2026-10" };
  assert.throws(
    () => checkReport(entry("2026-10-31T23:59:59.999Z", { licenses: 3, servers: 0 }), context),
    { code: "period-finalized", kind: "conflict", message: "period 2026-10 is finalized" },
  );
  checkReport(entry("2026-11-01T00:00:00Z", { licenses: 3, servers: 0 }), context);
});

Deno.test("usage: the finalized check takes the UTC period of occurredAt", () => {
  // 22:00 at UTC-3 on October 31st is November 1st in UTC: not in the final October.
  checkReport(entry("2026-10-31T22:00:00-03:00", { licenses: 1 }), {
    now: NOW,
    lastFinal: "2026-10",
  });
});

Deno.test("usage: only entries with counts are usage; a plan change alone is not", () => {
  assert.equal(isUsage(entry("2026-11-15T11:00:00Z", { licenses: 0, servers: 0 })), true);
  assert.equal(isUsage(entry("2026-11-15T11:00:00Z", { planId: "premium" })), false);
});

Deno.test("usage: ledger order is by instant, then by event id, never by arrival", () => {
  const a = entry("2026-11-02T00:00:00Z", { eventId: "b" });
  const b = entry("2026-11-01T00:00:00Z", { eventId: "z" });
  const c = entry("2026-11-02T00:00:00Z", { eventId: "a" });
  assert.deepEqual([a, b, c].sort(compareEntries).map((e) => e.eventId), ["z", "a", "b"]);
  assert.deepEqual([c, a, b].sort(compareEntries).map((e) => e.eventId), ["z", "a", "b"]);
});
