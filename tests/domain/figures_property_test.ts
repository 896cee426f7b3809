import assert from "node:assert/strict";
import fc from "fast-check";
import { type Figures, periodFigures } from "../../domain/figures.ts";
import { periodEnd, periodStart } from "../../domain/period.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import { context, PLANS } from "./fixtures.ts";

const NUM_RUNS = 200;
const HOUR = 3600 * 1000;
const PERIOD = "2026-11";
const PREVIOUS_START = periodStart("2026-10").getTime();
const START = periodStart(PERIOD).getTime();
const END = periodEnd(PERIOD).getTime();

interface Draft {
  readonly at: number;
  readonly licenses: number | null;
  readonly servers: number | null;
  readonly planId: string | null;
}

/** A report or plan change somewhere in [from, to); coarse instants so that ties happen. */
function draft(from: number, to: number): fc.Arbitrary<Draft> {
  return fc.record({
    at: fc.integer({ min: 0, max: Math.floor((to - from) / (12 * HOUR)) - 1 })
      .map((k) => from + k * 12 * HOUR),
    licenses: fc.option(fc.nat({ max: 200 }), { nil: null }),
    servers: fc.option(fc.nat({ max: 20 }), { nil: null }),
    planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: null }),
  });
}

function toEntry(d: Draft, eventId: string): LedgerEntry {
  return {
    eventId,
    organizationId: "org-1",
    occurredAt: new Date(d.at),
    licenses: d.licenses,
    servers: d.servers,
    planId: d.planId,
  };
}

/** A ledger over October and November 2026, event ids unique. */
function ledger(maxLength = 12): fc.Arbitrary<LedgerEntry[]> {
  return fc.array(draft(PREVIOUS_START, END), { maxLength })
    .map((drafts) => drafts.map((d, i) => toEntry(d, `e${i}`)));
}

const currentPlan = fc.constantFrom("lite", "core", "premium");

function tier(figures: Figures): number {
  return PLANS.get(figures.planId)!.tier;
}

Deno.test("figures property: a period's figures do not depend on the order the reports arrive in", () => {
  const shuffledLedger = ledger().chain((entries) =>
    fc.tuple(
      fc.constant(entries),
      fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
    )
  );
  fc.assert(
    fc.property(shuffledLedger, currentPlan, ([entries, shuffled], planId) => {
      for (const period of ["2026-10", "2026-11", "2026-12"]) {
        assert.deepEqual(
          periodFigures(shuffled, period, context(planId)),
          periodFigures(entries, period, context(planId)),
        );
      }
    }),
    { numRuns: NUM_RUNS },
  );
});

Deno.test("figures property: running figures never go down within the period once the plan is known (lite < core < premium, higher tiers include servers)", () => {
  // The ledger so far knows a plan (its first generated entry carries one); a
  // later report in the same period arrives.
  const known = fc.tuple(
    draft(PREVIOUS_START, END).map((d) => ({ ...d, planId: d.planId ?? "core" })),
    fc.array(draft(PREVIOUS_START, END), { maxLength: 10 }),
  ).map(([first, rest]) => [first, ...rest].map((d, i) => toEntry(d, `e${i}`)));
  const scenario = known.chain((entries) => {
    const last = Math.max(...entries.map((e) => e.occurredAt.getTime()));
    const from = Math.max(last + 1, START);
    return fc.tuple(
      fc.constant(entries),
      draft(START, END).chain((d) =>
        fc.integer({ min: from, max: END - 1 }).map((at) => ({ ...d, at }))
      ),
    );
  });
  fc.assert(
    fc.property(scenario, currentPlan, ([entries, later], planId) => {
      const before = periodFigures(entries, PERIOD, context(planId));
      const after = periodFigures([...entries, toEntry(later, "later")], PERIOD, context(planId));
      assert.ok(after.licenses >= before.licenses, "licenses went down");
      assert.ok(after.servers >= before.servers, "servers went down");
      assert.ok(tier(after) >= tier(before), "plan tier went down");
    }),
    { numRuns: NUM_RUNS },
  );
});

Deno.test("figures property: finalizing twice equals finalizing once (same ledger, same statement)", () => {
  fc.assert(
    fc.property(ledger(), currentPlan, (entries, planId) => {
      const first = periodFigures(entries, PERIOD, context(planId));
      const second = periodFigures(entries, PERIOD, context(planId));
      assert.deepEqual(second, first);
    }),
    { numRuns: NUM_RUNS },
  );
});

Deno.test("figures property: reports after an ended period never change its figures once its plan is known", () => {
  const later = fc.array(draft(END, periodEnd("2027-01").getTime()), { maxLength: 6 })
    .map((drafts) => drafts.map((d, i) => toEntry(d, `late${i}`)));
  fc.assert(
    fc.property(ledger(), later, currentPlan, (entries, lateEntries, planId) => {
      fc.pre(entries.some((e) => e.planId !== null));
      assert.deepEqual(
        periodFigures([...entries, ...lateEntries], PERIOD, context(planId)),
        periodFigures(entries, PERIOD, context(planId)),
      );
    }),
    { numRuns: NUM_RUNS },
  );
});

Deno.test("figures property: servers are 0 whenever the period's plan has no servers", () => {
  fc.assert(
    fc.property(ledger(), currentPlan, (entries, planId) => {
      const figures = periodFigures(entries, PERIOD, context(planId));
      if (!PLANS.get(figures.planId)!.includesServers) assert.equal(figures.servers, 0);
    }),
    { numRuns: NUM_RUNS },
  );
});
