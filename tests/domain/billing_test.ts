import assert from "node:assert/strict";
import { type BillingInput, contributions, desiredLines } from "../../domain/billing.ts";
import { periodFigures } from "../../domain/figures.ts";
import type { Organization } from "../../domain/organization.ts";
import {
  context,
  CORE,
  CORE_LICENSE,
  CORE_SERVER,
  entry,
  LITE,
  LITE_LICENSE,
  MAPPINGS,
  organization,
  PLANS,
  PREMIUM_LICENSE,
  PREMIUM_SERVER,
} from "./fixtures.ts";

const AGREEMENT = 500;

function input(
  org: Organization,
  figures: { planId: string; licenses: number; servers: number },
  fields: Partial<BillingInput> = {},
): BillingInput {
  const plan = PLANS.get(figures.planId)!;
  return {
    organization: org,
    agreementId: AGREEMENT,
    figures,
    plan,
    mapping: MAPPINGS[plan.id],
    ...fields,
  };
}

Deno.test("billing: a standard organization contributes its licenses and servers to the plan's products", () => {
  const result = contributions(
    input(organization("o1"), { planId: "core", licenses: 12, servers: 2 }),
  );
  assert.deepEqual(result.blocked, []);
  assert.deepEqual(result.contributions, [
    {
      organizationId: "o1",
      agreementId: AGREEMENT,
      productId: CORE_LICENSE.productId,
      kind: "license",
      quantity: 12,
      note: null,
    },
    {
      organizationId: "o1",
      agreementId: AGREEMENT,
      productId: CORE_SERVER.productId,
      kind: "server",
      quantity: 2,
      note: null,
    },
  ]);
});

Deno.test("billing: a plan without servers contributes only its license product", () => {
  const result = contributions(
    input(organization("o1"), { planId: "lite", licenses: 4, servers: 0 }),
  );
  assert.deepEqual(result.contributions.map((c) => c.kind), ["license"]);
  assert.equal(result.contributions[0].quantity, 4);
});

Deno.test("billing: trial and nfr organizations contribute 0 to every quantity, with the reason", () => {
  for (const licenseType of ["trial", "nfr"] as const) {
    const org = organization("o1", { licenseType });
    const result = contributions(input(org, { planId: "premium", licenses: 30, servers: 3 }));
    assert.deepEqual(result.blocked, []);
    assert.deepEqual(result.contributions.map((c) => c.quantity), [0, 0]);
    for (const c of result.contributions) assert.match(c.note ?? "", /license: not billed/);
    const [line] = desiredLines(result.contributions).filter((l) => l.kind === "license");
    assert.equal(line.quantity, 0);
    assert.equal(line.notes.length, 1);
    assert.match(line.notes[0], licenseType === "trial" ? /a trial license/ : /NFR/);
  }
});

Deno.test("billing: the license type when the figures are computed counts for the whole period (a trial converted to standard is billed)", () => {
  const ledger = [
    entry("2026-11-02T00:00:00Z", { licenses: 20, servers: 1, planId: "core" }),
    entry("2026-11-20T00:00:00Z", { licenses: 5, servers: 1 }),
  ];
  const figures = periodFigures(ledger, "2026-11", context());
  const converted = organization("o1", { licenseType: "standard" });
  const [licenses] = contributions(input(converted, figures)).contributions;
  assert.equal(licenses.quantity, 20);
  const stillTrial = organization("o1", { licenseType: "trial" });
  assert.equal(contributions(input(stillTrial, figures)).contributions[0].quantity, 0);
});

Deno.test('billing: a plan not ready gives blocked usage with reason plan "core" has no server product', () => {
  const mapping = { planId: "core", license: CORE_LICENSE, server: null };
  const result = contributions(
    input(organization("o1"), { planId: "core", licenses: 12, servers: 2 }, { mapping }),
  );
  assert.deepEqual(result.blocked, [
    {
      organizationId: "o1",
      agreementId: AGREEMENT,
      kind: "server",
      reason: 'plan "core" has no server product',
    },
  ]);
  // The mapped part is still pushed; nothing is dropped.
  assert.deepEqual(result.contributions.map((c) => [c.kind, c.quantity]), [["license", 12]]);
});

Deno.test("billing: usage of an unmapped plan is blocked for every slot, never dropped", () => {
  const result = contributions(
    input(organization("o1"), { planId: "premium", licenses: 7, servers: 1 }, {
      mapping: undefined,
    }),
  );
  assert.deepEqual(result.contributions, []);
  assert.deepEqual(result.blocked.map((b) => [b.kind, b.reason]), [
    ["license", 'plan "premium" has no license product'],
    ["server", 'plan "premium" has no server product'],
  ]);
});

Deno.test("billing: an unready plan is blocked even when the usage is 0", () => {
  const result = contributions(
    input(organization("o1"), { planId: "lite", licenses: 0, servers: 0 }, { mapping: undefined }),
  );
  assert.equal(result.blocked.length, 1);
});

Deno.test("billing: one desired line per (agreement, catalog product)", () => {
  const lines = desiredLines([
    ...contributions(input(organization("o1"), { planId: "core", licenses: 10, servers: 1 }))
      .contributions,
    ...contributions(
      input(organization("o2"), { planId: "core", licenses: 5, servers: 0 }, { agreementId: 600 }),
    ).contributions,
  ]);
  assert.deepEqual(lines.map((l) => [l.agreementId, l.productId, l.quantity]), [
    [500, CORE_LICENSE.productId, 10],
    [500, CORE_SERVER.productId, 1],
    [600, CORE_LICENSE.productId, 5],
    [600, CORE_SERVER.productId, 0],
  ]);
});

Deno.test("billing: several organizations on one agreement add up on its additions", () => {
  const all = [
    ...contributions(input(organization("o1"), { planId: "core", licenses: 10, servers: 1 }))
      .contributions,
    ...contributions(input(organization("o2"), { planId: "core", licenses: 15, servers: 2 }))
      .contributions,
    ...contributions(
      input(organization("o3", { licenseType: "trial" }), {
        planId: "core",
        licenses: 99,
        servers: 9,
      }),
    ).contributions,
  ];
  const lines = desiredLines(all);
  assert.deepEqual(lines.map((l) => [l.productId, l.quantity, l.organizationIds]), [
    [CORE_LICENSE.productId, 25, ["o1", "o2", "o3"]],
    [CORE_SERVER.productId, 3, ["o1", "o2", "o3"]],
  ]);
  assert.equal(lines[0].notes.length, 1);
});

Deno.test("billing: the same catalog product serving several plans sums the organizations of every plan", () => {
  const seat = { productId: 900, identifier: "VPN-SEAT" };
  const shared = {
    core: { planId: "core", license: seat, server: CORE_SERVER },
    premium: { planId: "premium", license: seat, server: PREMIUM_SERVER },
  };
  const lines = desiredLines([
    ...contributions(
      input(organization("o1"), { planId: "core", licenses: 10, servers: 1 }, {
        mapping: shared.core,
      }),
    ).contributions,
    ...contributions(
      input(organization("o2"), { planId: "premium", licenses: 4, servers: 2 }, {
        mapping: shared.premium,
      }),
    ).contributions,
  ]);
  assert.deepEqual(lines.map((l) => [l.productId, l.kind, l.quantity]), [
    [CORE_SERVER.productId, "server", 1],
    [PREMIUM_SERVER.productId, "server", 2],
    [900, "license", 14],
  ]);
});

Deno.test("billing: core -> premium in one month bills premium at the month's max and core at 0", () => {
  const ledger = [
    entry("2026-10-15T00:00:00Z", { licenses: 10, servers: 1, planId: "core" }),
    entry("2026-11-03T00:00:00Z", { licenses: 18, servers: 1 }),
    entry("2026-11-12T00:00:00Z", { licenses: 22, servers: 2, planId: "premium" }),
    entry("2026-11-25T00:00:00Z", { licenses: 16, servers: 1 }),
  ];
  const figures = periodFigures(ledger, "2026-11", context("premium"));
  assert.deepEqual(figures, { planId: "premium", licenses: 22, servers: 2 });
  const { contributions: premium } = contributions(input(organization("o1"), figures));
  // Last month the service pushed core lines on this agreement: they are known.
  const known = [
    { agreementId: AGREEMENT, productId: CORE_LICENSE.productId, kind: "license" as const },
    { agreementId: AGREEMENT, productId: CORE_SERVER.productId, kind: "server" as const },
  ];
  const lines = desiredLines(premium, known);
  assert.deepEqual(lines.map((l) => [l.productId, l.quantity]), [
    [CORE_LICENSE.productId, 0],
    [CORE_SERVER.productId, 0],
    [PREMIUM_LICENSE.productId, 22],
    [PREMIUM_SERVER.productId, 2],
  ]);
});

Deno.test("billing: a product no organization bills any more keeps its line at quantity 0 (the addition is not deleted)", () => {
  const known = [{ agreementId: AGREEMENT, productId: 777, kind: "license" as const }];
  assert.deepEqual(desiredLines([], known), [{
    agreementId: AGREEMENT,
    productId: 777,
    kind: "license",
    quantity: 0,
    organizationIds: [],
    notes: ["no mapped organization bills this product any more"],
  }]);
});

Deno.test("billing: a known line that is still billed keeps its summed quantity", () => {
  const { contributions: all } = contributions(
    input(organization("o1"), { planId: "lite", licenses: 3, servers: 0 }),
  );
  const known = [{
    agreementId: AGREEMENT,
    productId: LITE_LICENSE.productId,
    kind: "license" as const,
  }];
  assert.deepEqual(desiredLines(all, [...known, ...known]).map((l) => l.quantity), [3]);
});

Deno.test("billing: servers of a plan that includes servers are billed, and of one that does not, never", () => {
  const core = contributions(
    input(organization("o1"), { planId: CORE.id, licenses: 1, servers: 4 }),
  );
  assert.equal(core.contributions.find((c) => c.kind === "server")?.quantity, 4);
  const lite = contributions(
    input(organization("o1"), { planId: LITE.id, licenses: 1, servers: 4 }),
  );
  assert.equal(lite.contributions.find((c) => c.kind === "server"), undefined);
});
