import assert from "node:assert/strict";
import {
  blockedByGoneAddition,
  decide,
  hasDrift,
  type RemoteAddition,
} from "../../domain/reconcile.ts";

const PRODUCT = 201;

function addition(id: number, quantity: number, fields: Partial<RemoteAddition> = {}) {
  return { id, productId: PRODUCT, quantity, cancelled: false, ...fields };
}

Deno.test("reconcile: before the first push one active addition of the product is adopted, not duplicated", () => {
  assert.deepEqual(decide(12, null, [addition(7, 10)], PRODUCT), {
    action: "adopt",
    additionId: 7,
    currentQuantity: 10,
    quantity: 12,
    write: true,
  });
});

Deno.test("reconcile: an adopted addition that already holds the quantity needs no write", () => {
  const decision = decide(10, null, [addition(7, 10)], PRODUCT);
  assert.equal(decision.action, "adopt");
  assert.equal(decision.action === "adopt" && decision.write, false);
});

Deno.test("reconcile: cancelled additions are never adopted candidates", () => {
  const remote = [
    addition(6, 3, { cancelled: true }),
    addition(7, 10),
    addition(8, 1, { cancelled: true }),
  ];
  const decision = decide(12, null, remote, PRODUCT);
  assert.equal(decision.action, "adopt");
  assert.equal(decision.action === "adopt" && decision.additionId, 7);
});

Deno.test("reconcile: additions of other products are not candidates", () => {
  assert.deepEqual(decide(5, null, [addition(7, 10, { productId: 999 })], PRODUCT), {
    action: "create",
    quantity: 5,
  });
});

Deno.test("reconcile: two or more active candidates block the line (ambiguous) and nothing is written", () => {
  const decision = decide(12, null, [
    addition(7, 10),
    addition(9, 2),
    addition(8, 1, { cancelled: true }),
  ], PRODUCT);
  assert.deepEqual(decision, {
    action: "blocked",
    reason: `ambiguous: 2 active additions of product ${PRODUCT} (ids 7, 9)`,
  });
});

Deno.test("reconcile: with no candidate and a desired quantity above 0 a new addition is created", () => {
  assert.deepEqual(decide(4, null, [], PRODUCT), { action: "create", quantity: 4 });
  assert.deepEqual(decide(4, null, [addition(7, 10, { cancelled: true })], PRODUCT), {
    action: "create",
    quantity: 4,
  });
});

Deno.test("reconcile: with no candidate and a desired quantity of 0 nothing is created", () => {
  assert.deepEqual(decide(0, null, [], PRODUCT), {
    action: "none",
    additionId: null,
    currentQuantity: null,
    quantity: 0,
  });
});

Deno.test("reconcile: the owned addition is updated when the desired quantity changed", () => {
  assert.deepEqual(decide(15, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)], PRODUCT), {
    action: "update",
    additionId: 7,
    currentQuantity: 12,
    quantity: 15,
    drift: false,
  });
});

Deno.test("reconcile: a quantity edited by hand in ConnectWise is overwritten and reported as drift", () => {
  assert.deepEqual(decide(12, { additionId: 7, writtenQuantity: 12 }, [addition(7, 30)], PRODUCT), {
    action: "update",
    additionId: 7,
    currentQuantity: 30,
    quantity: 12,
    drift: true,
  });
});

Deno.test("reconcile: a push whose quantity already equals ConnectWise's makes no write", () => {
  assert.deepEqual(decide(12, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)], PRODUCT), {
    action: "none",
    additionId: 7,
    currentQuantity: 12,
    quantity: 12,
  });
});

Deno.test("reconcile: the owned addition wins over other active additions of the product", () => {
  const remote = [addition(7, 12), addition(9, 4)];
  const decision = decide(13, { additionId: 7, writtenQuantity: 12 }, remote, PRODUCT);
  assert.equal(decision.action, "update");
  assert.equal(decision.action === "update" && decision.additionId, 7);
});

Deno.test("reconcile: a product no organization bills any more is set to 0, not deleted", () => {
  assert.deepEqual(decide(0, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)], PRODUCT), {
    action: "update",
    additionId: 7,
    currentQuantity: 12,
    quantity: 0,
    drift: false,
  });
});

Deno.test("reconcile: an owned addition cancelled in ConnectWise blocks the line naming it; nothing is created", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  assert.deepEqual(decide(12, owned, [addition(7, 12, { cancelled: true })], PRODUCT), {
    action: "gone",
    additionId: 7,
    cause: "cancelled",
    reason: "addition 7 was cancelled in ConnectWise",
  });
});

Deno.test("reconcile: an owned addition deleted in ConnectWise blocks the line naming it; nothing is created", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  assert.deepEqual(decide(12, owned, [addition(8, 1, { cancelled: true })], PRODUCT), {
    action: "gone",
    additionId: 7,
    cause: "deleted",
    reason: "addition 7 was deleted in ConnectWise",
  });
});

Deno.test("reconcile: an owned addition cancelled in ConnectWise is not replaced by another active one", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  const remote = [addition(7, 12, { cancelled: true }), addition(9, 3)];
  const decision = decide(12, owned, remote, PRODUCT);
  assert.equal(decision.action, "gone");
  assert.equal(
    decision.action === "gone" && decision.reason,
    "addition 7 was cancelled in ConnectWise",
  );
});

Deno.test("reconcile: an owned addition moved to another product counts as deleted for this product", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  const decision = decide(12, owned, [addition(7, 12, { productId: 999 })], PRODUCT);
  assert.equal(decision.action === "gone" && decision.cause, "deleted");
});

Deno.test("reconcile: a cancelled owned addition blocks the line even when nothing is billed any more", () => {
  const owned = { additionId: 7, writtenQuantity: 0 };
  const decision = decide(0, owned, [addition(7, 0, { cancelled: true })], PRODUCT);
  assert.equal(decision.action, "gone");
});

Deno.test("reconcile: a resumed line (owning nothing) adopts the single active addition, else creates one", () => {
  const remote = [addition(7, 12, { cancelled: true }), addition(9, 3)];
  const adopted = decide(12, null, remote, PRODUCT);
  assert.equal(adopted.action === "adopt" && adopted.additionId, 9);
  assert.deepEqual(decide(12, null, [addition(7, 12, { cancelled: true })], PRODUCT), {
    action: "create",
    quantity: 12,
  });
});

Deno.test("reconcile: only a blocked line that still owns an addition is blocked by a gone addition (resumable)", () => {
  assert.equal(blockedByGoneAddition({ status: "blocked", additionId: 7 }), true);
  assert.equal(blockedByGoneAddition({ status: "blocked", additionId: null }), false);
  assert.equal(blockedByGoneAddition({ status: "in-sync", additionId: 7 }), false);
  assert.equal(blockedByGoneAddition({ status: "failed", additionId: 7 }), false);
});

Deno.test("reconcile: drift is a ConnectWise quantity other than the one last written", () => {
  assert.equal(hasDrift({ additionId: 7, writtenQuantity: 12 }, 12), false);
  assert.equal(hasDrift({ additionId: 7, writtenQuantity: 12 }, 11), true);
  assert.equal(hasDrift({ additionId: 7, writtenQuantity: null }, 11), false);
  assert.equal(hasDrift(null, 11), false);
});
