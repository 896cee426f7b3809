import { DomainError } from "../../domain/errors.ts";
import { periodOf } from "../../domain/period.ts";
import { type Deps, telemetryOf } from "../ports/deps.ts";

/** Counted as accepted, duplicate, or refused with the refusal's code as reason. */
export async function tracedReport<T extends { duplicate: boolean }>(
  deps: Deps,
  report: { mspId: string; organizationId: string; occurredAt: Date },
  work: () => Promise<T>,
): Promise<T> {
  const telemetry = telemetryOf(deps);
  const attributes = {
    msp_id: report.mspId,
    organization_id: report.organizationId,
    period: Number.isNaN(report.occurredAt.getTime()) ? "invalid" : periodOf(report.occurredAt),
  };
  // A leaf: recording a report makes no ConnectWise call and logs nothing of its own.
  return await telemetry.span("psa-sync.report_usage", attributes, async (span) => {
    try {
      const result = await work();
      const outcome = result.duplicate ? "duplicate" : "accepted";
      span.set({ outcome });
      telemetry.count("usage_reports", { outcome, reason: "" });
      return result;
    } catch (error) {
      const reason = error instanceof DomainError ? error.code : "error";
      span.set({ outcome: "refused", reason });
      telemetry.count("usage_reports", { outcome: "refused", reason });
      throw error;
    }
  }, { leaf: true });
}
