import assert from "node:assert/strict";
import {
  blockedByGoneAddition,
  decide,
  hasDrift,
  type OwnedAddition,
  type RemoteAddition,
} from "../../domain/reconcile.ts";
import { remoteAddition } from "../support/terms.ts";

const PRODUCT = 201;
/** The billing period the figures of the tests are for: December 2026 (November's invoice). */
const BILLING_START = new Date("2026-12-01T00:00:00Z");

function addition(
  id: number,
  quantity: number,
  fields: Partial<RemoteAddition> & { cancelled?: boolean } = {},
) {
  return remoteAddition({ id, productId: PRODUCT, quantity, ...fields });
}

/** `decide` for PRODUCT in December's billing period, on an agreement with usage unless told. */
function d(
  desired: number,
  owned: OwnedAddition | null,
  remote: readonly RemoteAddition[],
  hasUsage = true,
) {
  return decide(desired, {
    owned,
    remote,
    productId: PRODUCT,
    billingStart: BILLING_START,
    hasUsage,
  });
}

Deno.test("reconcile: before the first push one active addition of the product is adopted, not duplicated", () => {
  assert.deepEqual(d(12, null, [addition(7, 10)]), {
    action: "adopt",
    additionId: 7,
    currentQuantity: 10,
    quantity: 12,
    write: true,
  });
});

Deno.test("reconcile: an adopted addition that already holds the quantity needs no write", () => {
  const decision = d(10, null, [addition(7, 10)]);
  assert.equal(decision.action, "adopt");
  assert.equal(decision.action === "adopt" && decision.write, false);
});

Deno.test("reconcile: cancelled additions are never adopted candidates", () => {
  const remote = [
    addition(6, 3, { cancelled: true }),
    addition(7, 10),
    addition(8, 1, { cancelled: true }),
  ];
  const decision = d(12, null, remote);
  assert.equal(decision.action, "adopt");
  assert.equal(decision.action === "adopt" && decision.additionId, 7);
});

Deno.test("reconcile: additions of other products are not candidates", () => {
  assert.deepEqual(d(5, null, [addition(7, 10, { productId: 999 })]), {
    action: "create",
    quantity: 5,
  });
});

Deno.test("reconcile: two or more active candidates block the line (ambiguous) and nothing is written", () => {
  const decision = d(12, null, [
    addition(7, 10),
    addition(9, 2),
    addition(8, 1, { cancelled: true }),
  ]);
  assert.deepEqual(decision, {
    action: "blocked",
    reason: `ambiguous: 2 active additions of product ${PRODUCT} (ids 7, 9)`,
  });
});

Deno.test("reconcile: with no candidate and a desired quantity above 0 a new addition is created", () => {
  assert.deepEqual(d(4, null, []), { action: "create", quantity: 4 });
  assert.deepEqual(d(4, null, [addition(7, 10, { cancelled: true })]), {
    action: "create",
    quantity: 4,
  });
});

Deno.test("reconcile: with no candidate and a desired quantity of 0 nothing is created", () => {
  assert.deepEqual(d(0, null, []), {
    action: "none",
    additionId: null,
    currentQuantity: null,
    quantity: 0,
  });
});

Deno.test("reconcile: the owned addition is updated when the desired quantity changed", () => {
  assert.deepEqual(d(15, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)]), {
    action: "update",
    additionId: 7,
    currentQuantity: 12,
    quantity: 15,
    drift: false,
  });
});

Deno.test("reconcile: a quantity edited by hand in ConnectWise is overwritten and reported as drift", () => {
  assert.deepEqual(d(12, { additionId: 7, writtenQuantity: 12 }, [addition(7, 30)]), {
    action: "update",
    additionId: 7,
    currentQuantity: 30,
    quantity: 12,
    drift: true,
  });
});

Deno.test("reconcile: a push whose quantity already equals ConnectWise's makes no write", () => {
  assert.deepEqual(d(12, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)]), {
    action: "none",
    additionId: 7,
    currentQuantity: 12,
    quantity: 12,
  });
});

Deno.test("reconcile: the owned addition wins over other active additions of the product", () => {
  const remote = [addition(7, 12), addition(9, 4)];
  const decision = d(13, { additionId: 7, writtenQuantity: 12 }, remote);
  assert.equal(decision.action, "update");
  assert.equal(decision.action === "update" && decision.additionId, 7);
});

Deno.test("reconcile: a product no organization bills any more is set to 0, not deleted", () => {
  assert.deepEqual(d(0, { additionId: 7, writtenQuantity: 12 }, [addition(7, 12)]), {
    action: "update",
    additionId: 7,
    currentQuantity: 12,
    quantity: 0,
    drift: false,
  });
});

Deno.test("reconcile: an owned addition cancelled in ConnectWise blocks the line naming it; nothing is created", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  assert.deepEqual(d(12, owned, [addition(7, 12, { cancelled: true })]), {
    action: "gone",
    additionId: 7,
    cause: "cancelled",
    reason: "addition 7 was cancelled in ConnectWise",
  });
});

Deno.test("reconcile: an owned addition deleted in ConnectWise blocks the line naming it; nothing is created", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  assert.deepEqual(d(12, owned, [addition(8, 1, { cancelled: true })]), {
    action: "gone",
    additionId: 7,
    cause: "deleted",
    reason: "addition 7 was deleted in ConnectWise",
  });
});

Deno.test("reconcile: an owned addition cancelled in ConnectWise is not replaced by another active one", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  const remote = [addition(7, 12, { cancelled: true }), addition(9, 3)];
  const decision = d(12, owned, remote);
  assert.equal(decision.action, "gone");
  assert.equal(
    decision.action === "gone" && decision.reason,
    "addition 7 was cancelled in ConnectWise",
  );
});

Deno.test("reconcile: an owned addition moved to another product counts as deleted for this product", () => {
  const owned = { additionId: 7, writtenQuantity: 12 };
  const decision = d(12, owned, [addition(7, 12, { productId: 999 })]);
  assert.equal(decision.action === "gone" && decision.cause, "deleted");
});

Deno.test("reconcile: a cancelled owned addition blocks the line even when nothing is billed any more", () => {
  const owned = { additionId: 7, writtenQuantity: 0 };
  const decision = d(0, owned, [addition(7, 0, { cancelled: true })]);
  assert.equal(decision.action, "gone");
});

Deno.test("reconcile: a resumed line (owning nothing) adopts the single active addition, else creates one", () => {
  const remote = [addition(7, 12, { cancelled: true }), addition(9, 3)];
  const adopted = d(12, null, remote);
  assert.equal(adopted.action === "adopt" && adopted.additionId, 9);
  assert.deepEqual(d(12, null, [addition(7, 12, { cancelled: true })]), {
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

Deno.test("reconcile: an addition cancelled from a date after the billing period's start still bills and is adopted", () => {
  const later = new Date("2026-12-15T00:00:00Z");
  const decision = d(12, null, [addition(7, 10, { cancelledDate: later })]);
  assert.equal(decision.action === "adopt" && decision.additionId, 7);
  const owned = { additionId: 7, writtenQuantity: 10 };
  assert.equal(d(12, owned, [addition(7, 10, { cancelledDate: later })]).action, "update");
  const before = new Date("2026-12-01T00:00:00Z");
  assert.equal(d(12, owned, [addition(7, 10, { cancelledDate: before })]).action, "gone");
});

Deno.test("reconcile: a DoNotBill or NoCharge candidate is never adopted: the line is blocked naming it", () => {
  for (const billCustomer of ["DoNotBill", "NoCharge"] as const) {
    const decision = d(12, null, [addition(7, 10, { billCustomer })]);
    assert.equal(decision.action, "blocked");
    assert.match(
      decision.action === "blocked" ? decision.reason : "",
      new RegExp(`addition 7 of product ${PRODUCT} is ${billCustomer}`),
    );
  }
});

Deno.test("reconcile: beside one Billable addition an informational DoNotBill one is left alone", () => {
  const remote = [addition(6, 1, { billCustomer: "DoNotBill" }), addition(7, 10)];
  const decision = d(12, null, remote);
  assert.equal(decision.action === "adopt" && decision.additionId, 7);
});

Deno.test("reconcile: an owned addition made DoNotBill in ConnectWise blocks the line until resumed", () => {
  const decision = d(12, { additionId: 7, writtenQuantity: 10 }, [
    addition(7, 10, { billCustomer: "DoNotBill" }),
  ]);
  assert.deepEqual(decision, {
    action: "gone",
    additionId: 7,
    cause: "not-billable",
    reason: "addition 7 was made DoNotBill in ConnectWise",
  });
});

Deno.test("reconcile: before the agreement has usage an adopted addition waits, unwritten", () => {
  const waiting = d(0, null, [addition(7, 12)], false);
  assert.deepEqual(waiting, {
    action: "wait",
    additionId: 7,
    currentQuantity: 12,
    quantity: 0,
    reason: "addition 7 keeps its quantity 12 until an organization on the agreement reports usage",
  });
  // Owned since then but never written: it still waits; once there is usage it is written.
  const owned = { additionId: 7, writtenQuantity: null };
  assert.equal(d(0, owned, [addition(7, 12)], false).action, "wait");
  assert.equal(d(5, owned, [addition(7, 12)], true).action, "update");
  // What the service has written once it keeps writing, usage or not (an organization left).
  assert.equal(
    d(0, { additionId: 7, writtenQuantity: 5 }, [addition(7, 5)], false).action,
    "update",
  );
});
