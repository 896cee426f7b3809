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
    case "gone": // nothing written; the line keeps its (gone) addition until resumed
      return {
        remote: [...remote],
        owned: { additionId: decision.additionId, writtenQuantity: null },
      };
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
      fc.pre(first.action !== "blocked" && first.action !== "gone");
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

Deno.test("reconcile property: a line is blocked as gone exactly when its owned addition is not an active one of the product", () => {
  fc.assert(
    fc.property(fc.nat({ max: 50 }), owned, remoteAdditions, (desired, mine, remote) => {
      const decision = decide(desired, mine, remote, PRODUCT);
      const active = (id: number) =>
        remote.some((a) => a.id === id && a.productId === PRODUCT && !a.cancelled);
      assert.equal(decision.action === "gone", mine !== null && !active(mine.additionId));
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
        ? [...others, { id: 30, productId: PRODUCT, quantity: 4, cancelled: true }]
        : others;
      let mine: OwnedAddition | null = { additionId: 30, writtenQuantity: 4 };
      for (let push = 0; push < 3; push++) {
        const decision = decide(desired, mine, remote, PRODUCT);
        assert.equal(decision.action, "gone");
        assert.equal(decision.action === "gone" && decision.cause, cause);
        const after = carryOut(decision, remote);
        assert.deepEqual(after.remote, remote, "nothing written");
        mine = after.owned;
      }
      // Resumed: the line owns nothing and decides like a first push.
      const resumed = decide(desired, null, remote, PRODUCT);
      assert.notEqual(resumed.action, "gone");
    }),
    { numRuns: 200 },
  );
});
