import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decide,
  type Decision,
  type OwnedAddition,
  type RemoteAddition,
} from "../../domain/reconcile.ts";

const PRODUCT = 201;

/** ConnectWise after the decision was carried out, and what the service then owns. */
function carryOut(
  decision: Decision,
  remote: readonly RemoteAddition[],
): { remote: RemoteAddition[]; owned: OwnedAddition | null } {
  switch (decision.action) {
    case "create": {
      const id = Math.max(0, ...remote.map((a) => a.id)) + 1;
      const created = { id, productId: PRODUCT, quantity: decision.quantity, cancelled: false };
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
  }
}

const remoteAdditions = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 20 }),
    productId: fc.constantFrom(PRODUCT, 999),
    quantity: fc.nat({ max: 50 }),
    cancelled: fc.boolean(),
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
      const first = decide(desired, mine, remote, PRODUCT);
      fc.pre(first.action !== "blocked");
      const after = carryOut(first, remote);
      assert.deepEqual(decide(desired, after.owned, after.remote, PRODUCT), {
        action: "none",
        additionId: after.owned?.additionId ?? null,
        currentQuantity: after.owned ? desired : null,
        quantity: desired,
      });
    }),
    { numRuns: 200 },
  );
});

Deno.test("reconcile property: before the first push a line is blocked exactly when 2 or more active candidates exist", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), remoteAdditions, (desired, remote) => {
      const first = decide(desired, null, remote, PRODUCT);
      const active = remote.filter((a) => a.productId === PRODUCT && !a.cancelled);
      assert.equal(first.action === "blocked", active.length >= 2);
    }),
    { numRuns: 200 },
  );
});

Deno.test("reconcile property: a write is decided only when ConnectWise's quantity differs from the desired one", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), owned, remoteAdditions, (desired, mine, remote) => {
      const decision = decide(desired, mine, remote, PRODUCT);
      if (decision.action === "update") assert.notEqual(decision.currentQuantity, desired);
      if (decision.action === "adopt") {
        assert.equal(decision.write, decision.currentQuantity !== desired);
      }
      if (decision.action === "create") assert.ok(desired > 0);
    }),
    { numRuns: 200 },
  );
});
