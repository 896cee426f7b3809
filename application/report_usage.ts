import { periodOf } from "../domain/period.ts";
import { checkReport, type LedgerEntry } from "../domain/usage.ts";
import type { Deps } from "./deps.ts";
import { tracedReport } from "./observability/traced_report.ts";
import { requireOrganization } from "./organizations.ts";
import { requirePlan } from "./plans.ts";

/** A usage report as the platform sends it. */
export interface UsageReport {
  readonly mspId: string;
  readonly organizationId: string;
  readonly eventId: string;
  readonly occurredAt: Date;
  readonly licenses: number;
  readonly servers: number;
  readonly planId?: string;
}

/**
 * Records a usage report durably, once per eventId: dedupe, append to the
 * ledger and mark the organization's agreement dirty in one transaction.
 * The push to ConnectWise follows asynchronously, coalesced per agreement.
 */
export function reportUsage(deps: Deps, report: UsageReport): Promise<{ duplicate: boolean }> {
  return tracedReport(deps, report, () => recordReport(deps, report));
}

function recordReport(deps: Deps, report: UsageReport): Promise<{ duplicate: boolean }> {
  const { mspId, organizationId } = report;
  return deps.store.transaction(async (repos) => {
    const org = await requireOrganization(repos, mspId, organizationId);
    if (report.planId !== undefined) await requirePlan(repos, report.planId);
    const entry: LedgerEntry = {
      eventId: report.eventId,
      organizationId,
      occurredAt: report.occurredAt,
      licenses: report.licenses,
      servers: report.servers,
      planId: report.planId ?? null,
    };
    const now = deps.clock.now();
    const period = periodOf(entry.occurredAt);
    // Periods are finalized oldest first, so every period up to the latest final one is
    // closed (also one that never had usage): one query answers for all of them.
    const lastFinal = await repos.statements.lastFinalized(mspId);
    const finalized = lastFinal !== null && period <= lastFinal;
    if (!(await repos.usage.append(mspId, entry))) return { duplicate: true };
    checkReport(entry, { now, isFinalized: () => finalized });
    if (entry.planId !== null && entry.planId !== org.planId) {
      // Only entries that set a plan decide what the organization is on now.
      const latest = (await repos.usage.entries(mspId, organizationId))
        .filter((e) => e.planId !== null)
        .every((e) => e.occurredAt <= entry.occurredAt);
      if (latest) await repos.organizations.save(mspId, { ...org, planId: entry.planId });
    }
    const mapping = await repos.companyMappings.get(mspId, organizationId);
    if (mapping) {
      const notBefore = new Date(now.getTime() + deps.settings.coalesceMs);
      await repos.syncQueue.markDirty(mspId, mapping.agreementId, notBefore);
    }
    return { duplicate: false };
  });
}
