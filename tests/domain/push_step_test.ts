import assert from "node:assert/strict";
import { observeNextInvoice } from "../../domain/invoice_timing.ts";
import { nextPushStep, type StepLine } from "../../domain/push_step.ts";
import { agreement } from "../support/terms.ts";

const at = (text: string) => new Date(text);
const NOW = at("2026-12-01T00:05:00Z");
const TERMS = agreement({ id: 1000, name: "MSA", companyId: 100 });

/** The agreement's next invoice date as read at `readAt` (after one read before it, when given). */
function watch(next: string | null, readAt = "2026-11-30T23:50:00Z", before?: [string, string]) {
  const earlier = before ? observeNextInvoice(null, at(before[0]), at(before[1])) : null;
  return observeNextInvoice(earlier, next === null ? null : at(next), at(readAt));
}

function step(
  input: { lastFinal: string | null; current?: string; lines?: StepLine[] },
  w = watch("2026-12-01T00:00:00Z"),
) {
  return nextPushStep({
    lastFinal: input.lastFinal,
    current: input.current ?? "2026-12",
    lines: input.lines ?? [],
    terms: TERMS,
    watch: w,
    now: NOW,
  });
}

const line = (period: string, final: boolean, status: StepLine["status"]): StepLine => ({
  period,
  final,
  status,
});

Deno.test("push step: at month end the final is pushed and held for its invoice", () => {
  const lines = [line("2026-11", false, "in-sync")];
  assert.deepEqual(step({ lastFinal: "2026-11", lines }), {
    kind: "final",
    period: "2026-11",
    held: "the 2026-11 final waits for the 2026-12 invoice",
  });
});

Deno.test("push step: a held final stays until its invoice is made; then the running figures", () => {
  const lines = [line("2026-11", true, "held")];
  assert.deepEqual(step({ lastFinal: "2026-11", lines }), { kind: "hold" });
  const invoiced = watch("2027-01-01T00:00:00Z", "2026-12-03T10:00:00Z", [
    "2026-12-01T00:00:00Z",
    "2026-12-03T09:45:00Z",
  ]);
  assert.deepEqual(step({ lastFinal: "2026-11", lines }, invoiced), {
    kind: "running",
    afterInvoice: {
      period: "2026-11",
      window: { after: at("2026-12-03T09:45:00Z"), before: at("2026-12-03T10:00:00Z") },
      finalWritten: true,
    },
  });
  // Once the lines carry December, there is nothing left to check.
  assert.deepEqual(
    step({ lastFinal: "2026-11", lines: [line("2026-12", false, "in-sync")] }, invoiced),
    {
      kind: "running",
      afterInvoice: null,
    },
  );
});

Deno.test("push step: a final whose invoice was made first is never written", () => {
  const invoiced = watch("2027-01-01T00:00:00Z", "2026-11-30T23:16:00Z", [
    "2026-12-01T00:00:00Z",
    "2026-11-30T22:50:00Z",
  ]);
  const got = step({ lastFinal: "2026-11", lines: [line("2026-11", false, "in-sync")] }, invoiced);
  assert.equal(got.kind, "running");
  assert.equal(got.kind === "running" && got.afterInvoice?.finalWritten, false);
});

Deno.test("push step: figures wait for the invoice of the month before theirs", () => {
  // The MSP has not invoiced November's billing period yet: nothing of November is written.
  const got = step({ lastFinal: null, current: "2026-11" }, watch("2026-11-01T00:00:00Z"));
  assert.deepEqual(got, {
    kind: "wait",
    figures: "running",
    reason: "the 2026-11 figures wait for ConnectWise's 2026-11 invoice",
  });
  // A month behind: October's final is still held when November ends; November's final waits.
  const behind = step(
    { lastFinal: "2026-11", lines: [line("2026-10", true, "held")] },
    watch("2026-11-01T00:00:00Z"),
  );
  assert.deepEqual(behind, { kind: "hold" });
});

Deno.test("push step: an invoice made before the month ended stops its running figures", () => {
  const lines = [line("2026-11", false, "in-sync")];
  const got = step(
    { lastFinal: "2026-10", current: "2026-11", lines },
    watch("2027-01-01T00:00:00Z"),
  );
  assert.deepEqual(got, {
    kind: "wait",
    figures: "running",
    reason: "ConnectWise made the 2026-12 invoice before 2026-11 ended: " +
      "the 2026-11 final is compared with it at month end",
  });
});

Deno.test("push step: without a next invoice date the final is written and the running figures follow", () => {
  assert.deepEqual(
    step({ lastFinal: "2026-11", lines: [line("2026-11", false, "in-sync")] }, watch(null)),
    {
      kind: "final",
      period: "2026-11",
      held: null,
    },
  );
  assert.deepEqual(step({ lastFinal: null }, watch(null)), { kind: "running", afterInvoice: null });
});

Deno.test("push step: an agreement ConnectWise would never invoice monthly is blocked naming why", () => {
  const quarterly = agreement({ id: 1000, name: "MSA", companyId: 100, billingCycle: "Quarterly" });
  const got = nextPushStep({
    lastFinal: null,
    current: "2026-12",
    lines: [],
    terms: quarterly,
    watch: watch("2026-12-01T00:00:00Z"),
    now: NOW,
  });
  assert.deepEqual(got, { kind: "blocked", reason: "agreement 1000 bills quarterly, not monthly" });
});

Deno.test("push step: a final with nothing to push counts as pushed", () => {
  const got = nextPushStep({
    lastFinal: "2026-11",
    current: "2026-12",
    lines: [],
    terms: TERMS,
    watch: watch("2027-01-01T00:00:00Z"),
    now: NOW,
    finalIsEmpty: true,
  });
  assert.deepEqual(got, { kind: "running", afterInvoice: null });
});
