import assert from "node:assert/strict";
import fc from "fast-check";
import { type Contribution, contributions, desiredLines } from "../../domain/billing.ts";
import type { LicenseType } from "../../domain/organization.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import { MAPPINGS, organization, PLANS } from "./fixtures.ts";

/** Core and premium share one seat product, as an MSP may map them. */
const SHARED: Readonly<Record<string, ProductMapping>> = {
  ...MAPPINGS,
  premium: { ...MAPPINGS.premium, license: MAPPINGS.core.license },
};

const billingInput = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  licenseType: fc.constantFrom<LicenseType>("standard", "trial", "nfr"),
  agreementId: fc.constantFrom(500, 600, 700),
  planId: fc.constantFrom("lite", "core", "premium"),
  licenses: fc.nat({ max: 500 }),
  servers: fc.nat({ max: 20 }),
  shared: fc.boolean(),
  mapped: fc.boolean(),
}).map((o) => {
  const plan = PLANS.get(o.planId)!;
  return {
    organization: organization(o.id, { licenseType: o.licenseType, planId: o.planId }),
    agreementId: o.agreementId,
    figures: {
      planId: o.planId,
      licenses: o.licenses,
      servers: plan.includesServers ? o.servers : 0,
    },
    plan,
    mapping: o.mapped ? (o.shared ? SHARED : MAPPINGS)[o.planId] : undefined,
  };
});

function sumFor(all: readonly Contribution[], agreementId: number, productId: number): number {
  return all
    .filter((c) => c.agreementId === agreementId && c.productId === productId)
    .reduce((sum, c) => sum + c.quantity, 0);
}

Deno.test("billing property: an agreement addition's quantity is the sum of its organizations' contributions", () => {
  fc.assert(
    fc.property(fc.array(billingInput, { maxLength: 12 }), (inputs) => {
      const all = inputs.flatMap((input) => contributions(input).contributions);
      const lines = desiredLines(all);
      const keys = new Set(all.map((c) => `${c.agreementId}:${c.productId}`));
      assert.equal(lines.length, keys.size);
      for (const line of lines) {
        assert.equal(line.quantity, sumFor(all, line.agreementId, line.productId));
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("billing property: an agreement's license total is the licenses of its billed organizations on ready plans", () => {
  fc.assert(
    fc.property(fc.array(billingInput, { maxLength: 12 }), (inputs) => {
      const lines = desiredLines(inputs.flatMap((input) => contributions(input).contributions));
      for (const agreementId of [500, 600, 700]) {
        const expected = inputs
          .filter((i) => i.agreementId === agreementId && i.mapping)
          .filter((i) => i.organization.licenseType === "standard")
          .reduce((sum, i) => sum + i.figures.licenses, 0);
        const actual = lines
          .filter((l) => l.agreementId === agreementId && l.kind === "license")
          .reduce((sum, l) => sum + l.quantity, 0);
        assert.equal(actual, expected);
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("billing property: usage of a billed organization is either contributed or blocked, never dropped", () => {
  fc.assert(
    fc.property(billingInput, (input) => {
      const result = contributions(input);
      const slots = input.plan.includesServers ? 2 : 1;
      if (input.organization.licenseType === "standard") {
        assert.equal(result.contributions.length + result.blocked.length, slots);
      } else {
        assert.deepEqual(result.blocked, []);
        for (const c of result.contributions) {
          assert.equal(c.quantity, 0);
          assert.notEqual(c.note, null);
        }
      }
    }),
    { numRuns: 200 },
  );
});
