import assert from "node:assert/strict";
import { periodFigures } from "../../domain/figures.ts";
import { context, entry } from "./fixtures.ts";

Deno.test("figures: licenses and servers are the maximum at any moment of the period", () => {
  const ledger = [
    entry("2026-11-02T00:00:00Z", { licenses: 10, servers: 1, planId: "core" }),
    entry("2026-11-10T00:00:00Z", { licenses: 25, servers: 3 }),
    entry("2026-11-20T00:00:00Z", { licenses: 12, servers: 2 }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-11", context()), {
    planId: "core",
    licenses: 25,
    servers: 3,
  });
});

Deno.test("figures: the plan is the highest-tier plan at any moment of the period", () => {
  const ledger = [
    entry("2026-11-02T00:00:00Z", { licenses: 10, servers: 1, planId: "core" }),
    entry("2026-11-10T00:00:00Z", { planId: "premium" }),
    entry("2026-11-20T00:00:00Z", { planId: "lite" }),
  ];
  assert.equal(periodFigures(ledger, "2026-11", context("lite")).planId, "premium");
});

Deno.test("figures: out-of-order reports give identical figures", () => {
  const ledger = [
    entry("2026-11-01T08:00:00Z", { licenses: 5, servers: 1, planId: "core" }),
    entry("2026-11-09T08:00:00Z", { licenses: 40, servers: 0 }),
    entry("2026-11-09T08:00:00Z", { licenses: 7, servers: 4, eventId: "same-instant" }),
    entry("2026-11-15T08:00:00Z", { planId: "premium" }),
    entry("2026-11-28T08:00:00Z", { licenses: 3, servers: 2 }),
  ];
  const inOrder = periodFigures(ledger, "2026-11", context());
  for (const arrival of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 4, 0, 3, 2]]) {
    const shuffled = arrival.map((i) => ledger[i]);
    assert.deepEqual(periodFigures(shuffled, "2026-11", context()), inOrder);
  }
  assert.deepEqual(inOrder, { planId: "premium", licenses: 40, servers: 4 });
});

Deno.test("figures: the state at the start of a month carries over into a month with no report", () => {
  const ledger = [
    entry("2026-09-12T00:00:00Z", { licenses: 8, servers: 2, planId: "premium" }),
    entry("2026-10-03T00:00:00Z", { licenses: 14, servers: 1 }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-11", context()), {
    planId: "premium",
    licenses: 14,
    servers: 1,
  });
  assert.deepEqual(periodFigures(ledger, "2027-02", context()), {
    planId: "premium",
    licenses: 14,
    servers: 1,
  });
});

Deno.test("figures: the carried-over start state counts towards the month's maximum", () => {
  const ledger = [
    entry("2026-10-20T00:00:00Z", { licenses: 30, servers: 3, planId: "core" }),
    entry("2026-11-01T00:00:00Z", { licenses: 4, servers: 1 }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-11", context()), {
    planId: "core",
    licenses: 30,
    servers: 3,
  });
});

Deno.test("figures: a report without a plan leaves the plan as it was", () => {
  const ledger = [
    entry("2026-10-05T00:00:00Z", { licenses: 2, servers: 1, planId: "premium" }),
    entry("2026-11-05T00:00:00Z", { licenses: 3, servers: 1 }),
  ];
  assert.equal(periodFigures(ledger, "2026-11", context("lite")).planId, "premium");
});

Deno.test("figures: the first known plan applies to earlier reports", () => {
  const ledger = [
    entry("2026-10-05T00:00:00Z", { licenses: 6, servers: 2 }),
    entry("2026-11-05T00:00:00Z", { licenses: 9, servers: 3, planId: "premium" }),
  ];
  // October's reports came before any plan was known: premium applies to them too.
  assert.deepEqual(periodFigures(ledger, "2026-10", context("lite")), {
    planId: "premium",
    licenses: 6,
    servers: 2,
  });
});

Deno.test("figures: with no plan in the ledger, the organization record's plan applies", () => {
  const ledger = [entry("2026-11-05T00:00:00Z", { licenses: 9, servers: 3 })];
  assert.deepEqual(periodFigures(ledger, "2026-11", context("core")), {
    planId: "core",
    licenses: 9,
    servers: 3,
  });
});

Deno.test("figures: servers are counted only when the plan includes servers", () => {
  const ledger = [entry("2026-11-05T00:00:00Z", { licenses: 9, servers: 3, planId: "lite" })];
  assert.deepEqual(periodFigures(ledger, "2026-11", context()), {
    planId: "lite",
    licenses: 9,
    servers: 0,
  });
});

Deno.test("figures: servers are counted once the period's highest plan includes servers", () => {
  const ledger = [
    entry("2026-11-02T00:00:00Z", { licenses: 9, servers: 0, planId: "lite" }),
    entry("2026-11-12T00:00:00Z", { licenses: 9, servers: 2, planId: "core" }),
    entry("2026-11-22T00:00:00Z", { licenses: 9, servers: 0, planId: "lite" }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-11", context()), {
    planId: "core",
    licenses: 9,
    servers: 2,
  });
});

Deno.test("figures: a plan change alone (a PUT) counts from its instant and keeps the counts", () => {
  const ledger = [
    entry("2026-10-10T00:00:00Z", { licenses: 5, servers: 1, planId: "core" }),
    entry("2026-11-03T09:30:00Z", { planId: "premium" }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-10", context("premium")), {
    planId: "core",
    licenses: 5,
    servers: 1,
  });
  assert.deepEqual(periodFigures(ledger, "2026-11", context("premium")), {
    planId: "premium",
    licenses: 5,
    servers: 1,
  });
});

Deno.test("figures: reports after the period do not change its figures", () => {
  const ledger = [
    entry("2026-10-10T00:00:00Z", { licenses: 5, servers: 1, planId: "core" }),
    entry("2026-11-01T00:00:00Z", { licenses: 50, servers: 5, planId: "premium" }),
  ];
  assert.deepEqual(periodFigures(ledger, "2026-10", context()), {
    planId: "core",
    licenses: 5,
    servers: 1,
  });
});

Deno.test("figures: a report at 2026-10-31T23:59:59.999Z counts in 2026-10, one at 2026-11-01T00:00:00Z in 2026-11", () => {
  const ledger = [
    entry("2026-10-01T00:00:00Z", { licenses: 1, servers: 0, planId: "core" }),
    entry("2026-10-31T23:59:59.999Z", { licenses: 20, servers: 0 }),
    entry("2026-11-01T00:00:00Z", { licenses: 2, servers: 0 }),
    entry("2026-11-30T23:59:59.999Z", { licenses: 3, servers: 0 }),
  ];
  assert.equal(periodFigures(ledger, "2026-10", context()).licenses, 20);
  // November starts with October's last state (20), which counts towards its maximum.
  assert.equal(periodFigures(ledger, "2026-11", context()).licenses, 20);
  assert.equal(periodFigures(ledger, "2026-12", context()).licenses, 3);
});

Deno.test("figures: an organization without any report has zero figures on its record's plan", () => {
  assert.deepEqual(periodFigures([], "2026-11", context("premium")), {
    planId: "premium",
    licenses: 0,
    servers: 0,
  });
});

Deno.test("figures: an unknown plan fails with plan-not-found", () => {
  const ledger = [entry("2026-11-05T00:00:00Z", { licenses: 1, servers: 0, planId: "gold" })];
  assert.throws(() => periodFigures(ledger, "2026-11", context()), { code: "plan-not-found" });
});
