import type { SyncLine } from "../ports/sync_lines.ts";

export interface PushResult {
  written: number;
  failed: number;
  /** A failure worth retrying later (network, 429, 5xx). */
  retryable: boolean;
  /** Not before this: ConnectWise asked the MSP to wait (its 429); absent or null: backoff. */
  retryAt?: Date | null;
  /** The credentials or role were refused: the connection needs attention. */
  attention: string | null;
}

/** A line's state after a push, without its identity (agreement, product, kind, period). */
export type LineFields = Omit<SyncLine, "agreementId" | "productId" | "kind" | "period" | "final">;

/** The line this service owns for a product: its addition, what it last wrote, its last state. */
export type OwnedLine =
  | Pick<SyncLine, "additionId" | "writtenQuantity" | "status" | "reason">
  | undefined;
