import type { CompanyMapping } from "../../domain/company_mapping.ts";
import type { Organization } from "../../domain/organization.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import type { Statement } from "../../domain/statement.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import type { AuditEntry } from "../../application/ports/audit_log.ts";
import type { Connection } from "../../application/ports/connections.ts";
import type { OutboundEvent } from "../../application/ports/outbox.ts";
import type { SyncLine } from "../../application/ports/sync_lines.ts";

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

/** Everything the memory adapters hold; cloned whole for a transaction. */
export interface MemoryState {
  plans: Map<string, Plan>;
  connections: Map<string, Connection>;
  productMappings: Map<string, ProductMapping>;
  organizations: Map<string, Organization>;
  companyMappings: Map<string, CompanyMapping>;
  /** msp -> eventIds seen */
  eventIds: Map<string, Set<string>>;
  /** msp\0organization -> entries */
  ledger: Map<string, LedgerEntry[]>;
  /** msp\0period -> statements of a finalized period */
  finalized: Map<string, Statement[]>;
  /** msp\0lineKey */
  syncLines: Map<string, SyncLine>;
  /** msp\0agreementId */
  queue: Map<string, QueueRow>;
  audit: Map<string, AuditEntry[]>;
  auditSeq: number;
  outbox: Map<string, OutboundEvent>;
}

/** An empty state. */
export function emptyState(): MemoryState {
  return {
    plans: new Map(),
    connections: new Map(),
    productMappings: new Map(),
    organizations: new Map(),
    companyMappings: new Map(),
    eventIds: new Map(),
    ledger: new Map(),
    finalized: new Map(),
    syncLines: new Map(),
    queue: new Map(),
    audit: new Map(),
    auditSeq: 0,
    outbox: new Map(),
  };
}

/** The key of a per-MSP record. */
export function key(mspId: string, id: string | number): string {
  return `${mspId}\u0000${id}`;
}

/** The values of a per-MSP map that belong to one MSP. */
export function ofMsp<T>(map: Map<string, T>, mspId: string): T[] {
  const prefix = `${mspId}\u0000`;
  return [...map].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

/** Runs a synchronous change and answers like an asynchronous repository. */
export function done(change: () => unknown): Promise<void> {
  change();
  return Promise.resolve();
}
