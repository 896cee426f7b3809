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
 * The repositories plus a unit of work: `transaction` runs `work` with repositories bound to one
 * transaction; everything commits or nothing does. Work may run again on a conflict (a
 * serialization failure, or a `TransactionConflict` it throws): the earlier run's writes are undone
 * first and the transaction answers what the last run returned. So work must not call ConnectWise,
 * nor change anything outside the repositories it is given.
 */
export interface Store extends Repositories {
  /**
   * Runs `work` in one transaction, serializable by default. `read-committed` gives each statement
   * a fresh view: for work that takes a lock first and must then see what the lock waited for
   * (finalizing a period).
   */
  transaction<T>(
    work: (repos: Repositories) => Promise<T>,
    options?: { isolation?: "serializable" | "read-committed" },
  ): Promise<T>;
}

/**
 * The transaction met a concurrent one and must run again. `work` may throw it (for example on a
 * lost race it detects itself); every store then undoes the run and calls `work` again, a bounded
 * number of times, as it does on its database's own serialization failures.
 */
export class TransactionConflict extends ConflictError {
  constructor(message = "The transaction conflicted with another one") {
    super("transaction-conflict", message);
    this.name = "TransactionConflict";
  }
}
