import { ConflictError } from "../../domain/errors.ts";
import type { Agreements } from "./agreements.ts";
import type { AuditLog } from "./audit_log.ts";
import type { CompanyMappings } from "./company_mappings.ts";
import type { Connections } from "./connections.ts";
import type { Organizations } from "./organizations.ts";
import type { Outbox } from "./outbox.ts";
import type { Plans } from "./plans.ts";
import type { ProductMappings } from "./product_mappings.ts";
import type { Statements } from "./statements.ts";
import type { SyncLines } from "./sync_lines.ts";
import type { SyncQueue } from "./sync_queue.ts";
import type { UsageLedger } from "./usage_ledger.ts";

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  readonly plans: Plans;
  readonly connections: Connections;
  readonly productMappings: ProductMappings;
  readonly organizations: Organizations;
  readonly companyMappings: CompanyMappings;
  readonly usage: UsageLedger;
  readonly statements: Statements;
  readonly syncLines: SyncLines;
  readonly syncQueue: SyncQueue;
  readonly agreements: Agreements;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
}

/**
 * Work may run again on a conflict (a serialization failure, or a `TransactionConflict` it throws),
 * its earlier writes undone: it must not call ConnectWise nor change anything else.
 */
export interface Store extends Repositories {
  /** Serializable by default; `read-committed` for work that must see what its lock waited for. */
  transaction<T>(
    work: (repos: Repositories) => Promise<T>,
    options?: { isolation?: "serializable" | "read-committed" },
  ): Promise<T>;
}

/** Thrown by work that lost a race: the store undoes it and runs it again (a bounded number). */
export class TransactionConflict extends ConflictError {
  constructor(message = "The transaction conflicted with another one") {
    super("transaction-conflict", message);
    this.name = "TransactionConflict";
  }
}
