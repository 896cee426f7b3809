import assert from "node:assert/strict";
import fc from "fast-check";
import {
  billsFrom,
  decide,
  type Decision,
  type OwnedAddition,
  type RemoteAddition,
} from "../../domain/reconcile.ts";
import { remoteAddition } from "../support/terms.ts";

const PRODUCT = 201;
const BILLING_START = new Date("2026-12-01T00:00:00Z");

function d(
  desired: number,
  owned: OwnedAddition | null,
  remote: readonly RemoteAddition[],
  hasUsage = true,
): Decision {
  return decide(desired, {
    owned,
    remote,
    productId: PRODUCT,
    billingStart: BILLING_START,
    hasUsage,
  });
}

/** Of the product and still billing in the billing period (a future cancellation still bills). */
const live = (a: RemoteAddition) => a.productId === PRODUCT && billsFrom(a, BILLING_START);

/** ConnectWise after the decision was carried out, and what the service then owns. */
function carryOut(
  decision: Decision,
  remote: readonly RemoteAddition[],
): { remote: RemoteAddition[]; owned: OwnedAddition | null } {
  switch (decision.action) {
    case "create": {
      const id = Math.max(0, ...remote.map((a) => a.id)) + 1;
      const created = remoteAddition({ id, productId: PRODUCT, quantity: decision.quantity });
      return {
        remote: [...remote, created],
        owned: { additionId: id, writtenQuantity: decision.quantity },
      };
    }
    case "adopt":
    case "update":
      return {
        remote: remote.map((a) =>
          a.id === decision.additionId ? { ...a, quantity: decision.quantity } : a
        ),
        owned: { additionId: decision.additionId, writtenQuantity: decision.quantity },
      };
    case "none":
      return {
        remote: [...remote],
        owned: decision.additionId === null
          ? null
          : { additionId: decision.additionId, writtenQuantity: decision.quantity },
      };
    case "blocked":
      return { remote: [...remote], owned: null };
    case "wait": // owned from now on, nothing written
      return {
        remote: [...remote],
        owned: { additionId: decision.additionId, writtenQuantity: null },
      };
    case "gone": // nothing written; the line keeps its (gone) addition until resumed
      return {
        remote: [...remote],
        owned: { additionId: decision.additionId, writtenQuantity: null },
      };
  }
}

// Cancelled long before, on the billing period's first day, in the middle of it, or not at all.
const cancelledDates = [
  null,
  null,
  new Date("2025-01-31T00:00:00Z"),
  new Date("2026-12-01T00:00:00Z"),
  new Date("2026-12-15T00:00:00Z"),
];
const remoteAdditions = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 20 }),
    productId: fc.constantFrom(PRODUCT, 999),
    quantity: fc.nat({ max: 50 }),
    billCustomer: fc.constantFrom("Billable", "Billable", "Billable", "DoNotBill", "NoCharge"),
    effectiveDate: fc.constant(null),
    cancelledDate: fc.constantFrom(...cancelledDates),
  }),
  { selector: (a) => a.id, maxLength: 5 },
);

const owned = fc.option(
  fc.record({
    additionId: fc.integer({ min: 1, max: 20 }),
    writtenQuantity: fc.option(fc.nat({ max: 50 }), { nil: null }),
  }),
  { nil: null },
);

Deno.test("reconcile property: a second push after writing the desired quantity writes nothing", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), owned, remoteAdditions, (desired, mine, remote) => {
      const first = d(desired, mine, remote);
      fc.pre(first.action !== "blocked" && first.action !== "gone");
      const after = carryOut(first, remote);
      assert.deepEqual(d(desired, after.owned, after.remote), {
        action: "none",
        additionId: after.owned?.additionId ?? null,
        currentQuantity: after.owned ? desired : null,
        quantity: desired,
      });
    }),
    { numRuns: 200 },
  );
});

Deno.test("reconcile property: before the first push a line is blocked exactly when 2 or more Billable candidates exist, or only non-billable ones", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), remoteAdditions, (desired, remote) => {
      const first = d(desired, null, remote);
      const candidates = remote.filter(live);
      const billable = candidates.filter((a) => a.billCustomer === "Billable");
      const blocked = billable.length >= 2 || (billable.length === 0 && candidates.length > 0);
      assert.equal(first.action === "blocked", blocked);
    }),
    { numRuns: 300 },
  );
});

Deno.test("reconcile property: without usage on the agreement nothing the service never wrote is written", () => {
  fc.assert(
    fc.property(owned, remoteAdditions, (mine, remote) => {
      const unwritten = mine && { ...mine, writtenQuantity: null };
      const decision = d(0, unwritten, remote, false);
      assert.ok(["none", "wait", "blocked", "gone"].includes(decision.action), decision.action);
    }),
    { numRuns: 300 },
  );
});

Deno.test("reconcile property: a write is decided only when ConnectWise's quantity differs from the desired one", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), owned, remoteAdditions, (desired, mine, remote) => {
      const decision = d(desired, mine, remote);
      if (decision.action === "update") assert.notEqual(decision.currentQuantity, desired);
      if (decision.action === "adopt") {
        assert.equal(decision.write, decision.currentQuantity !== desired);
      }
      if (decision.action === "create") assert.ok(desired > 0);
    }),
    { numRuns: 200 },
  );
});

Deno.test("reconcile property: a line is blocked as gone exactly when its owned addition is not a live Billable one of the product", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), owned, remoteAdditions, (desired, mine, remote) => {
      const decision = d(desired, mine, remote);
      const billing = (id: number) =>
        remote.some((a) => a.id === id && live(a) && a.billCustomer === "Billable");
      assert.equal(decision.action === "gone", mine !== null && !billing(mine.additionId));
    }),
    { numRuns: 200 },
  );
});

Deno.test("reconcile property: a cancelled or deleted owned addition is never replaced; the line stays blocked until resumed", () => {
  // The owned addition 30 is cancelled (still listed) or deleted (absent) among random others.
  const situation = fc.tuple(
    fc.nat({ max: 50 }),
    remoteAdditions,
    fc.constantFrom("cancelled", "deleted"),
  );
  fc.assert(
    fc.property(situation, ([desired, others, cause]) => {
      const remote = cause === "cancelled"
        ? [...others, remoteAddition({ id: 30, productId: PRODUCT, quantity: 4, cancelled: true })]
        : others;
      let mine: OwnedAddition | null = { additionId: 30, writtenQuantity: 4 };
      for (let push = 0; push < 3; push++) {
        const decision = d(desired, mine, remote);
        assert.equal(decision.action, "gone");
        assert.equal(decision.action === "gone" && decision.cause, cause);
        const after = carryOut(decision, remote);
        assert.deepEqual(after.remote, remote, "nothing written");
        mine = after.owned;
      }
      // Resumed: the line owns nothing and decides like a first push.
      const resumed = d(desired, null, remote);
      assert.notEqual(resumed.action, "gone");
    }),
    { numRuns: 200 },
  );
});
