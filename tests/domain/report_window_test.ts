import assert from "node:assert/strict";
import { oldestReportable, reportRefusal } from "../../domain/report_window.ts";

const at = (iso: string) => new Date(iso);

Deno.test("report window: the previous period takes reports while it is not final", () => {
  const now = at("2026-11-10T12:00:00Z");
  assert.equal(reportRefusal(at("2026-10-01T00:00:00Z"), { now, lastFinal: "2026-09" }), null);
  assert.equal(reportRefusal(at("2026-10-31T23:59:59.999Z"), { now, lastFinal: null }), null);
  assert.deepEqual(oldestReportable({ now, lastFinal: "2026-09" }), at("2026-10-01T00:00:00Z"));
});

Deno.test("report window: once the previous period is final, it refuses reports as period-finalized", () => {
  const now = at("2026-11-10T12:00:00Z");
  const refusal = reportRefusal(at("2026-10-31T23:59:59.999Z"), { now, lastFinal: "2026-10" });
  assert.equal(refusal?.code, "period-finalized");
  assert.equal(refusal?.kind, "conflict");
  assert.deepEqual(oldestReportable({ now, lastFinal: "2026-10" }), at("2026-11-01T00:00:00Z"));
  assert.equal(reportRefusal(at("2026-11-01T00:00:00Z"), { now, lastFinal: "2026-10" }), null);
});

Deno.test("report window: a report older than the previous period is report-too-old, naming the oldest instant accepted", () => {
  const now = at("2026-11-10T12:00:00Z");
  for (const old of ["2026-09-30T23:59:59.999Z", "1970-01-01T00:00:00Z"]) {
    const refusal = reportRefusal(at(old), { now, lastFinal: null });
    assert.equal(refusal?.code, "report-too-old");
    assert.equal(refusal?.kind, "invalid");
    assert.match(
      refusal?.message ?? "",
      /oldest instant accepted now is 2026-10-01T00:00:00\.000Z/,
    );
  }
});

Deno.test("report window: on both sides of a month start the boundary moves with the clock", () => {
  const before = at("2026-11-30T23:59:59.999Z");
  const after = at("2026-12-01T00:00:00Z");
  const lastOfOctober = at("2026-10-31T23:59:59.999Z");
  // Before December starts, October is the previous period and open.
  assert.equal(reportRefusal(lastOfOctober, { now: before, lastFinal: "2026-09" }), null);
  // From December on, October is older than the previous period.
  assert.equal(
    reportRefusal(lastOfOctober, { now: after, lastFinal: "2026-09" })?.code,
    "report-too-old",
  );
  // November stays open for late reports until it is finalized.
  const lateNovember = at("2026-11-30T23:00:00Z");
  assert.equal(reportRefusal(lateNovember, { now: after, lastFinal: "2026-10" }), null);
  assert.equal(
    reportRefusal(lateNovember, { now: after, lastFinal: "2026-11" })?.code,
    "period-finalized",
  );
});

Deno.test("report window: more than 5 minutes in the future is report-in-future", () => {
  const now = at("2026-11-10T12:00:00Z");
  assert.equal(reportRefusal(at("2026-11-10T12:05:00Z"), { now, lastFinal: null }), null);
  assert.equal(
    reportRefusal(at("2026-11-10T12:05:00.001Z"), { now, lastFinal: null })?.code,
    "report-in-future",
  );
});
