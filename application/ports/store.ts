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
  readonly audit: AuditLog;
  readonly outbox: Outbox;
}

/**
 * The repositories plus a unit of work: `transaction` runs `work` with
 * repositories bound to one transaction; everything commits or nothing does.
 * Work may run again on a serialization conflict, so it must not call ConnectWise.
 */
export interface Store extends Repositories {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
