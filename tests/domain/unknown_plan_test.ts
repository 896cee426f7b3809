// A plan the catalog does not hold is one error wherever figures meet it, and
// billing blocks the organization's usage with that reason instead of dropping it.
import assert from "node:assert/strict";
import { contributions } from "../../domain/billing.ts";
import { DomainError } from "../../domain/errors.ts";
import { periodFigures } from "../../domain/figures.ts";
import { periodInputs } from "../../domain/period_inputs.ts";
import { addToSummary, EMPTY_SUMMARY, figuresFromSummary } from "../../domain/period_summary.ts";
import { knownPlan, UnknownPlanError } from "../../domain/plan.ts";
import { entry, MAPPINGS, organization, PLANS } from "./fixtures.ts";

const GOLD = [entry("2026-11-05T00:00:00Z", { licenses: 4, servers: 1, planId: "gold" })];

function isUnknownGold(error: unknown): boolean {
  assert.ok(error instanceof UnknownPlanError);
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, "plan-not-found");
  assert.equal(error.kind, "invalid");
  assert.equal(error.planId, "gold");
  assert.equal(error.message, 'Plan "gold" is not known');
  return true;
}

Deno.test("unknown plan: the ledger's fold and the summaries' fold throw the same plan-not-found", () => {
  assert.throws(
    () => periodFigures(GOLD, "2026-11", { plans: PLANS, currentPlanId: "core" }),
    isUnknownGold,
  );
  const summaries = [{ period: "2026-11", summary: addToSummary(EMPTY_SUMMARY, GOLD[0]) }];
  const inputs = periodInputs("org-1", summaries, "2026-11");
  assert.throws(
    () => figuresFromSummary({ ...inputs, currentPlanId: "core" }, PLANS),
    isUnknownGold,
  );
});

Deno.test("unknown plan: an organization record's plan that is not known throws it too", () => {
  const inputs = { summary: null, carried: { licenses: null, servers: null, planId: null } };
  assert.throws(
    () => figuresFromSummary({ ...inputs, firstPlanId: null, currentPlanId: "gold" }, PLANS),
    isUnknownGold,
  );
  assert.throws(() => knownPlan(PLANS, "gold"), isUnknownGold);
  assert.equal(knownPlan(PLANS, "core").id, "core");
});

Deno.test("unknown plan: with a path, the error names the field", () => {
  assert.deepEqual(new UnknownPlanError("gold", { path: "planId" }).details, [
    { path: "planId", message: 'plan "gold" is not known' },
  ]);
  assert.deepEqual(new UnknownPlanError("gold").details, []);
});

Deno.test('unknown plan: a standard organization\'s usage is blocked with reason plan "gold" is not known', () => {
  const result = contributions({
    organization: organization("o1", { planId: "gold" }),
    agreementId: 500,
    figures: { planId: "gold", licenses: 0, servers: 0 },
    plan: undefined,
    mapping: MAPPINGS.gold,
  });
  assert.deepEqual(result, {
    contributions: [],
    blocked: [
      {
        organizationId: "o1",
        agreementId: 500,
        kind: "license",
        reason: 'plan "gold" is not known',
      },
    ],
  });
});

Deno.test("unknown plan: a trial organization is blocked too: nothing says what it would bill", () => {
  const result = contributions({
    organization: organization("o1", { planId: "gold", licenseType: "trial" }),
    agreementId: 500,
    figures: { planId: "gold", licenses: 0, servers: 0 },
    plan: undefined,
    mapping: undefined,
  });
  assert.deepEqual(result.contributions, []);
  assert.deepEqual(result.blocked.map((b) => b.reason), ['plan "gold" is not known']);
});
