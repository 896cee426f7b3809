import type { Period } from "../../domain/period.ts";
import type { AuditEntry } from "./audit_log.ts";
import type { ProductKind } from "../../domain/product_mapping.ts";
import type { SyncStatus } from "../../domain/sync_line.ts";

export type { SyncStatus };

/** The sync state of one (agreement, product) addition, or of blocked usage without a product. */
export interface SyncLine {
  readonly agreementId: number;
  /** null for usage whose plan has no product for this kind (status `blocked`). */
  readonly productId: number | null;
  readonly kind: ProductKind;
  readonly period: Period;
  /** True once the line carries the final figures of its (finalized) period. */
  readonly final: boolean;
  readonly desiredQuantity: number;
  /** What the service last wrote to ConnectWise, null before the first write. */
  readonly writtenQuantity: number | null;
  /** The owned (created or adopted) addition. */
  readonly additionId: number | null;
  readonly status: SyncStatus;
  readonly reason: string | null;
  readonly updatedAt: Date;
}

/** Sync lines per MSP. */
export interface SyncLines {
  list(mspId: string): Promise<SyncLine[]>;
  forAgreement(mspId: string, agreementId: number): Promise<SyncLine[]>;
  /** One read for many pushes. */
  forAgreements(mspId: string, agreementIds: readonly number[]): Promise<SyncLine[]>;
  save(mspId: string, line: SyncLine): Promise<void>;
  /** Removes the agreement's lines whose keys are not listed (stale blocked lines). */
  prune(mspId: string, agreementId: number, keep: readonly string[]): Promise<void>;
  /** One statement: the agreement's lines become exactly `lines`, and the entries are appended. */
  record(mspId: string, record: PushRecord): Promise<void>;
}

/** The lines an agreement has after a push, and the audit entries of the push. */
export interface PushRecord {
  readonly agreementId: number;
  /** Every one of the agreement's `agreementId`; null: the lines stay as they are. */
  readonly lines: readonly SyncLine[] | null;
  readonly audit: readonly Omit<AuditEntry, "id">[];
}
