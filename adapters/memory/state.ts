import type { CompanyMapping } from "../../domain/company_mapping.ts";
import type { Organization } from "../../domain/organization.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import type { Statement } from "../../domain/statement.ts";
import type { PeriodSummary } from "../../domain/period_summary.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import type { AgreementRecord } from "../../application/ports/agreements.ts";
import type { AuditEntry } from "../../application/ports/audit_log.ts";
import type { Connection } from "../../application/ports/connections.ts";
import type { OutboundEvent } from "../../application/ports/outbox.ts";
import type { SyncLine } from "../../application/ports/sync_lines.ts";
import { Table } from "./table.ts";
import { UndoLog } from "./undo_log.ts";

/** A queue entry as the memory adapter keeps it. */
export interface QueueRow {
  mspId: string;
  agreementId: number;
  version: number;
  attempts: number;
  notBefore: Date;
  /** When it first became due; a retry keeps it. */
  firstDue: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

/** The group of the tables that are not per MSP. */
export const GLOBAL = "";

/**
 * Everything the memory adapters hold. Each table is commented with its (group -> id). A new
 * repository adds its table here, made with `table()`, and writes only through
 * `Table.set`/`Table.delete`, which the undo log can take back; it never keeps a row it read, since
 * reads are copies.
 */
export interface MemoryState {
  readonly log: UndoLog;
  /** GLOBAL -> plan id */
  readonly plans: Table<Plan>;
  /** GLOBAL -> msp */
  readonly connections: Table<Connection>;
  /** msp -> plan id */
  readonly productMappings: Table<ProductMapping>;
  /** msp -> organization id */
  readonly organizations: Table<Organization>;
  /** msp -> organization id */
  readonly companyMappings: Table<CompanyMapping>;
  /** msp -> event id: the organization of the entry (event ids are unique per MSP) */
  readonly eventIds: Table<string>;
  /** key(msp, organization) -> event id */
  readonly ledger: Table<LedgerEntry>;
  /** key(msp, organization) -> period: what the period's entries say (`addToSummary`) */
  readonly summaries: Table<PeriodSummary>;
  /** msp -> period: the finalized periods */
  readonly finalized: Table<true>;
  /** key(msp, period) -> organization id: the final statements */
  readonly statements: Table<Statement>;
  /** msp -> lineKey */
  readonly syncLines: Table<SyncLine>;
  /** msp -> agreement id */
  readonly queue: Table<QueueRow>;
  /** msp -> agreement id: its terms as last read */
  readonly agreements: Table<AgreementRecord>;
  /** msp -> agreement id: when its terms are read again */
  readonly agreementChecks: Table<Date>;
  /** msp -> audit id */
  readonly audit: Table<AuditEntry>;
  /** The next audit id. Like a Postgres sequence it is never undone: ids are never reused. */
  nextAuditId(): number;
  /** GLOBAL -> event id */
  readonly outbox: Table<OutboundEvent>;
}

/** An empty state with its undo log. */
export function emptyState(): MemoryState {
  const log = new UndoLog();
  const table = <V>() => new Table<V>(log);
  let auditIds = 0;
  return {
    log,
    plans: table(),
    connections: table(),
    productMappings: table(),
    organizations: table(),
    companyMappings: table(),
    eventIds: table(),
    ledger: table(),
    summaries: table(),
    finalized: table(),
    statements: table(),
    syncLines: table(),
    queue: table(),
    agreements: table(),
    agreementChecks: table(),
    audit: table(),
    nextAuditId: () => ++auditIds,
    outbox: table(),
  };
}

/** The group of a record kept per MSP and something else (an organization). */
export function key(mspId: string, id: string | number): string {
  return `${mspId}\u0000${id}`;
}

/** Runs a synchronous read or change and answers like an asynchronous repository. */
export function answer<T>(compute: () => T): Promise<T> {
  try {
    return Promise.resolve(compute());
  } catch (error) {
    // A refusal rejects the promise, as a database error would; it never throws at the call.
    return Promise.reject(error);
  }
}

/** Runs a synchronous change, answering nothing. */
export function done(change: () => unknown): Promise<void> {
  return answer(() => {
    change();
  });
}
