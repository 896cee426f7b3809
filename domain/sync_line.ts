import type { Period } from "./period.ts";
import type { ProductKind } from "./product_mapping.ts";

/**
 * Every state a sync line can be in; the one list that schemas and SQL checks
 * are fed from. `held`: a final waits for its invoice (or figures for the
 * invoice before theirs); `waiting`: an adopted addition is left as it is
 * until the agreement has usage.
 */
export const SYNC_STATUSES = [
  "in-sync",
  "pending",
  "held",
  "waiting",
  "blocked",
  "failed",
] as const;

/** A sync line's state. */
export type SyncStatus = typeof SYNC_STATUSES[number];

/**
 * The status a line shows now. A line's figures are those of its last push;
 * while its agreement waits for the next one (a report changed it, or a push
 * was asked for), a line that push left `in-sync` is `pending`: its change is
 * not yet written. Every other status stands until a push changes it.
 */
export function lineStatusNow(stored: SyncStatus, agreementQueued: boolean): SyncStatus {
  return stored === "in-sync" && agreementQueued ? "pending" : stored;
}

/** What identifies a sync line: its agreement and product, or its kind when it has no product. */
export interface LineIdentity {
  readonly agreementId: number;
  readonly productId: number | null;
  readonly kind: ProductKind;
}

/**
 * The identity of a line: one per (agreement, product), since one addition
 * holds every plan's use of a product; usage blocked without a product is one
 * line per (agreement, kind).
 */
export function lineKey(line: LineIdentity): string {
  return line.productId === null
    ? `${line.agreementId}:${line.kind}:none`
    : `${line.agreementId}:${line.productId}`;
}

/** A line as far as the order of pushes cares. */
export interface LineProgress {
  readonly period: Period;
  readonly final: boolean;
  readonly status: SyncStatus;
}

/**
 * Final figures before the new period's figures: whether an agreement's
 * lines already carry the final figures of `period` (or a later period's).
 * A final line whose write failed or is still pending has not been pushed,
 * so the retry writes the final figures again before the next period's.
 */
export function finalFiguresPushed(lines: readonly LineProgress[], period: Period): boolean {
  return lines.length > 0 &&
    lines.every((l) =>
      l.period > period ||
      (l.period === period && l.final && l.status !== "pending" && l.status !== "failed")
    );
}
