import type { SyncStatus } from "./sync_line.ts";

/** How ConnectWise bills an addition: only `Billable` ones are invoiced. */
export const BILL_CUSTOMER = ["Billable", "DoNotBill", "NoCharge"] as const;
export type BillCustomer = typeof BILL_CUSTOMER[number];

/** An agreement addition as ConnectWise holds it. */
export interface RemoteAddition {
  readonly id: number;
  readonly productId: number;
  readonly quantity: number;
  readonly billCustomer: BillCustomer;
  /** From when it bills; null when ConnectWise leaves it out. */
  readonly effectiveDate: Date | null;
  /** From when it no longer bills; a date in the future still bills until then. */
  readonly cancelledDate: Date | null;
}

/** The addition this service owns for an (agreement, product), and what it last wrote. */
export interface OwnedAddition {
  readonly additionId: number;
  readonly writtenQuantity: number | null;
}

/** What a sync does to one (agreement, product). */
export type Decision =
  | { action: "create"; quantity: number }
  | {
    action: "adopt";
    additionId: number;
    currentQuantity: number;
    quantity: number;
    write: boolean;
  }
  | {
    action: "update";
    additionId: number;
    currentQuantity: number;
    quantity: number;
    drift: boolean;
  }
  | {
    action: "none";
    additionId: number | null;
    currentQuantity: number | null;
    quantity: number;
  }
  | {
    /** An addition the service adopts but leaves as it is until the agreement has usage. */
    action: "wait";
    additionId: number;
    currentQuantity: number;
    quantity: number;
    reason: string;
  }
  | { action: "blocked"; reason: string }
  | {
    /** The owned addition was cancelled, deleted or made non-billable: blocked until resumed. */
    action: "gone";
    additionId: number;
    cause: "cancelled" | "deleted" | "not-billable";
    reason: string;
  };

export interface DecisionContext {
  readonly owned: OwnedAddition | null;
  /** The agreement's additions (every product, live or cancelled). */
  readonly remote: readonly RemoteAddition[];
  readonly productId: number;
  /** The first day of the billing period the figures are for (its invoice). */
  readonly billingStart: Date;
  /** Whether an organization on the agreement has usage for the period pushed. */
  readonly hasUsage: boolean;
}

/** A cancelled date after `billingStart` still bills that period. */
export function billsFrom(addition: RemoteAddition, billingStart: Date): boolean {
  return addition.cancelledDate === null || addition.cancelledDate > billingStart;
}

/**
 * Writes only where ConnectWise's quantity differs. An owned addition cancelled, deleted or made
 * non-billable is never replaced: whoever did it meant to stop billing. A `Billable` addition is
 * adopted but left as it is until the agreement has usage: mapping never zeroes today's bill.
 */
export function decide(desired: number, context: DecisionContext): Decision {
  const { owned, productId, billingStart } = context;
  const live = context.remote.filter((a) =>
    a.productId === productId && billsFrom(a, billingStart)
  );
  return owned ? decideOwned(desired, owned, live, context) : decideFound(desired, live, context);
}

/** The line owns an addition: it is updated, kept, waited for or gone. */
function decideOwned(
  desired: number,
  owned: OwnedAddition,
  live: readonly RemoteAddition[],
  context: DecisionContext,
): Decision {
  const mine = live.find((a) => a.id === owned.additionId);
  if (!mine) return additionGone(owned.additionId, context.remote, context.productId);
  if (mine.billCustomer !== "Billable") return notBillable(mine);
  if (!context.hasUsage && owned.writtenQuantity === null) return waitFor(mine, desired);
  if (mine.quantity === desired) {
    return {
      action: "none",
      additionId: mine.id,
      currentQuantity: mine.quantity,
      quantity: desired,
    };
  }
  const drift = hasDrift(owned, mine.quantity);
  return {
    action: "update",
    additionId: mine.id,
    currentQuantity: mine.quantity,
    quantity: desired,
    drift,
  };
}

/** The line owns none: the one live `Billable` addition is adopted, else one is created. */
function decideFound(
  desired: number,
  live: readonly RemoteAddition[],
  context: DecisionContext,
): Decision {
  const { productId } = context;
  const billable = live.filter((a) => a.billCustomer === "Billable");
  if (billable.length > 1) {
    const ids = billable.map((a) => a.id).join(", ");
    return {
      action: "blocked",
      reason: `ambiguous: ${billable.length} active additions of product ${productId} (ids ${ids})`,
    };
  }
  if (billable.length === 1) {
    const [found] = billable;
    if (!context.hasUsage) return waitFor(found, desired);
    return {
      action: "adopt",
      additionId: found.id,
      currentQuantity: found.quantity,
      quantity: desired,
      write: found.quantity !== desired,
    };
  }
  if (live.length > 0) {
    const [first] = live;
    return {
      action: "blocked",
      reason:
        `addition ${first.id} of product ${productId} is ${first.billCustomer} in ConnectWise: ` +
        "it bills nothing; make it Billable or cancel it, then sync",
    };
  }
  if (desired === 0) {
    return { action: "none", additionId: null, currentQuantity: null, quantity: 0 };
  }
  return { action: "create", quantity: desired };
}

/** Whether ConnectWise holds something else than what the service last wrote. */
export function hasDrift(owned: OwnedAddition | null, remoteQuantity: number): boolean {
  return owned?.writtenQuantity != null && owned.writtenQuantity !== remoteQuantity;
}

function waitFor(addition: RemoteAddition, desired: number): Decision {
  return {
    action: "wait",
    additionId: addition.id,
    currentQuantity: addition.quantity,
    quantity: desired,
    reason: `addition ${addition.id} keeps its quantity ${addition.quantity} ` +
      "until an organization on the agreement reports usage",
  };
}

function notBillable(addition: RemoteAddition): Decision {
  return {
    action: "gone",
    additionId: addition.id,
    cause: "not-billable",
    reason: `addition ${addition.id} was made ${addition.billCustomer} in ConnectWise`,
  };
}

function additionGone(
  additionId: number,
  remote: readonly RemoteAddition[],
  productId: number,
): Decision {
  const listed = remote.some((a) => a.id === additionId && a.productId === productId);
  const cause = listed ? "cancelled" : "deleted";
  const reason = `addition ${additionId} was ${cause} in ConnectWise`;
  return { action: "gone", additionId, cause, reason };
}

/**
 * Whether a line is blocked by its owned addition's going, the only block the MSP may resume:
 * `decide` blocks a line that owns an addition for no other reason, and a resumed line owns none.
 */
export function blockedByGoneAddition(
  line: { readonly status: SyncStatus; readonly additionId: number | null },
): boolean {
  return line.status === "blocked" && line.additionId !== null;
}
