import { currentPlan } from "../domain/plan_history.ts";
import { checkReport, type LedgerEntry } from "../domain/usage.ts";
import type { Deps } from "./deps.ts";
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
    // Periods are finalized oldest first, so every period up to the latest final one is
    // closed (also one that never had usage): one query answers for all of them.
    const lastFinal = await repos.statements.lastFinalized(mspId);
    // A known eventId is a duplicate even once its period closed: a retry of an
    // acknowledged report must not turn into an error.
    if (!(await repos.usage.append(mspId, entry))) return { duplicate: true };
    checkReport(entry, { now, lastFinal });
    if (entry.planId !== null && entry.planId !== org.planId) {
      const planId = currentPlan(await repos.usage.entries(mspId, organizationId));
      if (planId !== null && planId !== org.planId) {
        await repos.organizations.save(mspId, { ...org, planId });
      }
    }
    const mapping = await repos.companyMappings.get(mspId, organizationId);
    if (mapping) {
      const notBefore = new Date(now.getTime() + deps.settings.coalesceMs);
      await repos.syncQueue.markDirty(mspId, mapping.agreementId, notBefore);
    }
    return { duplicate: false };
  });
}
