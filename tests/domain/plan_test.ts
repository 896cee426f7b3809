import assert from "node:assert/strict";
import { createPlan, highestTier } from "../../domain/plan.ts";
import { CORE, LITE, PREMIUM } from "./fixtures.ts";

Deno.test("plan: a plan with a whole non-negative tier and a name is accepted", () => {
  assert.deepEqual(createPlan(CORE), CORE);
});

Deno.test("plan: a negative or fractional tier fails with invalid-plan", () => {
  assert.throws(() => createPlan({ ...CORE, tier: -1 }), { code: "invalid-plan" });
  assert.throws(() => createPlan({ ...CORE, tier: 1.5 }), { code: "invalid-plan" });
});

Deno.test("plan: a blank name fails with invalid-plan", () => {
  assert.throws(() => createPlan({ ...CORE, name: "  " }), { code: "invalid-plan" });
});

Deno.test("plan: the highest tier wins whatever the order", () => {
  assert.equal(highestTier([LITE, PREMIUM, CORE])?.id, "premium");
  assert.equal(highestTier([PREMIUM, LITE])?.id, "premium");
  assert.equal(highestTier([]), undefined);
});

Deno.test("plan: on equal tiers the first plan wins", () => {
  const other = { ...CORE, id: "core-2" };
  assert.equal(highestTier([CORE, other])?.id, "core");
  assert.equal(highestTier([other, CORE])?.id, "core-2");
});
