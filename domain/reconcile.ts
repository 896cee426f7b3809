import type { SyncStatus } from "./sync_line.ts";

/** An agreement addition as ConnectWise holds it. */
export interface RemoteAddition {
  readonly id: number;
  readonly productId: number;
  readonly quantity: number;
  readonly cancelled: boolean;
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
  | { action: "blocked"; reason: string }
  | {
    /** The owned addition was cancelled or deleted: blocked until the MSP resumes the line. */
    action: "gone";
    additionId: number;
    cause: "cancelled" | "deleted";
    reason: string;
  };

/**
 * Decides between adopt, create, update, none, blocked and gone from the
 * desired quantity, the owned addition (if any) and the product's additions
 * on the agreement as ConnectWise holds them. A write happens only when the
 * quantity in ConnectWise differs from the desired one. An owned addition
 * that was cancelled or deleted is never replaced (by a new one or another
 * active one): whoever cancelled it meant to stop billing, so the line waits
 * for the MSP to resume it (which drops the ownership).
 */
export function decide(
  desired: number,
  owned: OwnedAddition | null,
  remote: readonly RemoteAddition[],
  productId: number,
): Decision {
  const active = remote.filter((a) => a.productId === productId && !a.cancelled);
  const mine = owned ? active.find((a) => a.id === owned.additionId) : undefined;
  if (owned && !mine) return additionGone(owned.additionId, remote, productId);
  if (owned && mine) {
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
  if (active.length > 1) {
    const ids = active.map((a) => a.id).join(", ");
    return {
      action: "blocked",
      reason: `ambiguous: ${active.length} active additions of product ${productId} (ids ${ids})`,
    };
  }
  if (active.length === 1) {
    const [found] = active;
    return {
      action: "adopt",
      additionId: found.id,
      currentQuantity: found.quantity,
      quantity: desired,
      write: found.quantity !== desired,
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
 * Whether a sync line is blocked because its owned addition was cancelled or
 * deleted, the only lines the MSP may resume: `decide` blocks a line that
 * owns an addition for no other reason (ambiguous candidates block only
 * lines that own none), and a resumed line owns none.
 */
export function blockedByGoneAddition(
  line: { readonly status: SyncStatus; readonly additionId: number | null },
): boolean {
  return line.status === "blocked" && line.additionId !== null;
}
