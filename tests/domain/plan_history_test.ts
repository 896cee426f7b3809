import assert from "node:assert/strict";
import { currentPlan, planAt, planChange } from "../../domain/plan_history.ts";
import { periodFigures } from "../../domain/figures.ts";
import { entry, organization, PLANS } from "./fixtures.ts";

Deno.test("plan history: a new organization's plan is recorded as a plan-only entry at its instant", () => {
  const at = new Date("2026-11-01T09:00:00Z");
  const recorded = planChange({
    before: undefined,
    after: organization("o1", { planId: "premium" }),
    at,
    eventId: "plan-change:1",
  });
  assert.deepEqual(recorded, {
    eventId: "plan-change:1",
    organizationId: "o1",
    occurredAt: at,
    licenses: null,
    servers: null,
    planId: "premium",
  });
});

Deno.test("plan history: an unchanged plan records nothing", () => {
  const org = organization("o1", { planId: "core" });
  assert.equal(planChange({ before: org, after: org, at: new Date(), eventId: "x" }), null);
});

Deno.test("plan history: the plan in effect at an instant is the last one set at or before it", () => {
  const entries = [
    entry("2026-11-01T00:00:00Z", { planId: "premium" }),
    entry("2026-11-05T00:00:00Z", { licenses: 3 }),
    entry("2026-11-20T00:00:00Z", { planId: "core" }),
  ];
  assert.equal(planAt(entries, new Date("2026-11-19T23:59:59Z")), "premium");
  assert.equal(planAt(entries, new Date("2026-11-20T00:00:00Z")), "core");
  assert.equal(currentPlan(entries), "core");
});

Deno.test("plan history: before the first plan set, the first known plan applies", () => {
  const entries = [
    entry("2026-11-01T00:00:00Z", { licenses: 3 }),
    entry("2026-11-10T00:00:00Z", { planId: "lite" }),
    entry("2026-11-12T00:00:00Z", { planId: "core" }),
  ];
  assert.equal(planAt(entries, new Date("2026-11-02T00:00:00Z")), "lite");
  assert.equal(planAt([entry("2026-11-01T00:00:00Z", { licenses: 3 })], new Date()), null);
});

Deno.test("plan history: entries at the same instant are ordered by event id, not by arrival", () => {
  const a = entry("2026-11-10T00:00:00Z", { planId: "core", eventId: "a" });
  const b = entry("2026-11-10T00:00:00Z", { planId: "premium", eventId: "b" });
  assert.equal(currentPlan([a, b]), "premium");
  assert.equal(currentPlan([b, a]), "premium");
});

Deno.test("plan history: imported on premium, 30 reported, moved to core and 10 reported bills premium at 30", () => {
  const created = planChange({
    before: undefined,
    after: organization("o1", { planId: "premium" }),
    at: new Date("2026-11-02T09:00:00Z"),
    eventId: "plan-change:1",
  })!;
  const moved = planChange({
    before: organization("o1", { planId: "premium" }),
    after: organization("o1", { planId: "core" }),
    at: new Date("2026-11-20T09:00:00Z"),
    eventId: "plan-change:2",
  })!;
  const entries = [
    created,
    entry("2026-11-05T08:00:00Z", { licenses: 30, servers: 2 }),
    moved,
    entry("2026-11-20T10:00:00Z", { licenses: 10, servers: 1 }),
  ];
  assert.deepEqual(periodFigures(entries, "2026-11", { plans: PLANS, currentPlanId: "core" }), {
    planId: "premium",
    licenses: 30,
    servers: 2,
  });
});
