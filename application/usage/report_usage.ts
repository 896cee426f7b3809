import { ConflictError, NotFoundError } from "../../domain/errors.ts";
import { reportRefusal } from "../../domain/report_window.ts";
import { checkReport, type LedgerEntry } from "../../domain/usage.ts";
import type { Deps } from "../ports/deps.ts";
import { tracedReport } from "../telemetry/traced_report.ts";
import { requirePlan } from "../figures/plans.ts";

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
 * Durable in one write; the push follows, coalesced per agreement. A known eventId with the same
 * content is a duplicate even once its period closed, so a retry never turns into an error.
 */
export function reportUsage(deps: Deps, report: UsageReport): Promise<{ duplicate: boolean }> {
  return tracedReport(deps, report, () => recordReport(deps, report));
}

async function recordReport(deps: Deps, report: UsageReport): Promise<{ duplicate: boolean }> {
  const { mspId, organizationId } = report;
  const entry: LedgerEntry = {
    eventId: report.eventId,
    organizationId,
    occurredAt: report.occurredAt,
    licenses: report.licenses,
    servers: report.servers,
    planId: report.planId ?? null,
  };
  const now = deps.clock.now();
  // The rules that need no storage; whether the period is final is answered by the write.
  const refusal = reportRefusal(entry.occurredAt, { now, lastFinal: null });
  if (!refusal) checkReport(entry, { now, lastFinal: null });
  if (report.planId !== undefined) await requirePlan(deps.store, report.planId);
  const notBefore = new Date(now.getTime() + deps.settings.coalesceMs);
  const recorded = await deps.store.usage.record(mspId, entry, {
    accept: refusal === null,
    notBefore,
  });
  switch (recorded.outcome) {
    case "recorded":
      return { duplicate: false };
    case "duplicate":
      return { duplicate: true };
    case "event-id-reused":
      throw new ConflictError(
        "event-id-reused",
        `eventId "${report.eventId}" was already used for a report with another ` +
          `${(recorded.differences ?? []).join(", ")}; nothing was stored: send this report ` +
          "with an eventId of its own",
      );
    case "unknown-organization":
      throw new NotFoundError(
        "organization-not-found",
        `Organization "${organizationId}" is not known`,
      );
    case "not-recorded":
      // Decided again with the last final period the write saw: it names the right oldest instant.
      throw reportRefusal(entry.occurredAt, { now, lastFinal: recorded.lastFinal }) ?? refusal!;
  }
}
