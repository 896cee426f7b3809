import assert from "node:assert/strict";
import fc from "fast-check";
import { periodFigures } from "../../domain/figures.ts";
import { periodEnd, periodOf, periodStart } from "../../domain/period.ts";
import { periodInputs } from "../../domain/period_inputs.ts";
import {
  addToSummary,
  EMPTY_SUMMARY,
  figuresFromSummary,
  type PeriodSummary,
} from "../../domain/period_summary.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import { PLANS } from "./fixtures.ts";

const HOUR = 3600 * 1000;
const FROM = periodStart("2026-08").getTime();
const TO = periodEnd("2026-12").getTime();
const PERIODS = ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"];

/** Histories over five months; coarse instants (12 h) so that ties happen, event ids unique. */
const history = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: Math.floor((TO - FROM) / (12 * HOUR)) - 1 }),
    licenses: fc.option(fc.nat({ max: 200 }), { nil: null }),
    servers: fc.option(fc.nat({ max: 20 }), { nil: null }),
    planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: null }),
    id: fc.string({ minLength: 1, maxLength: 3 }),
  }),
  { maxLength: 25 },
).map((drafts) =>
  drafts.map((d, i): LedgerEntry => ({
    eventId: `${d.id}-${i}`,
    organizationId: "o1",
    occurredAt: new Date(FROM + d.at * 12 * HOUR),
    licenses: d.licenses,
    servers: d.servers,
    planId: d.planId,
  }))
);

/** Folds the entries, in the order given, into one summary per period. */
function summaries(entries: readonly LedgerEntry[]) {
  const byPeriod = new Map<string, PeriodSummary>();
  for (const e of entries) {
    const period = periodOf(e.occurredAt);
    byPeriod.set(period, addToSummary(byPeriod.get(period) ?? EMPTY_SUMMARY, e));
  }
  return [...byPeriod].map(([period, summary]) => ({ period, summary }));
}

Deno.test("period summaries: over thousands of random histories fed in random order, the figures equal periodFigures of the whole ledger", () => {
  const shuffled = history.chain((entries) =>
    fc.tuple(
      fc.constant(entries),
      fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
      fc.constantFrom("lite", "core", "premium"),
    )
  );
  fc.assert(
    fc.property(shuffled, ([entries, arrival, currentPlanId]) => {
      const kept = summaries(arrival);
      for (const period of PERIODS) {
        const inputs = periodInputs("o1", kept, period);
        const incremental = figuresFromSummary({ ...inputs, currentPlanId }, PLANS);
        const oracle = periodFigures(entries, period, { plans: PLANS, currentPlanId });
        assert.deepEqual(incremental, oracle, period);
        const usage = entries.some((e) =>
          (e.licenses !== null || e.servers !== null) && e.occurredAt < periodEnd(period)
        );
        assert.equal(inputs.usageBefore, usage);
      }
    }),
    { numRuns: 3000 },
  );
});

Deno.test("period summaries: a late report that becomes the last state before the next period changes that period's carry-over", () => {
  const entries: LedgerEntry[] = [
    entry("a", "2026-10-10T00:00:00Z", 10, "core"),
    entry("b", "2026-11-05T00:00:00Z", null, null),
  ];
  const late = entry("late", "2026-10-31T23:59:00Z", 40, null);
  const before = figuresFromSummary(
    { ...periodInputs("o1", summaries(entries), "2026-11"), currentPlanId: "core" },
    PLANS,
  );
  assert.equal(before.licenses, 10);
  const after = figuresFromSummary(
    { ...periodInputs("o1", summaries([late, ...entries]), "2026-11"), currentPlanId: "core" },
    PLANS,
  );
  assert.equal(after.licenses, 40, "November starts with October's last state, the late report");
});

function entry(id: string, at: string, licenses: number | null, planId: string | null) {
  return {
    eventId: id,
    organizationId: "o1",
    occurredAt: new Date(at),
    licenses,
    servers: licenses === null ? null : 1,
    planId,
  };
}
