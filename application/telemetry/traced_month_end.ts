import type { Period } from "../../domain/period.ts";
import { type Deps, telemetryOf } from "../ports/deps.ts";
import type { FinalizationProgress } from "../month_end/finalize_period.ts";

/** One MSP's month end in a span: whether its period became final now or was already. */
export function tracedMonthEnd<T extends { finalized: Period[] }>(
  deps: Deps,
  input: { mspId: string; period: Period },
  work: () => Promise<T>,
): Promise<T> {
  const attributes = { msp_id: input.mspId, period: input.period };
  return telemetryOf(deps).span("psa-sync.month_end", attributes, async (span) => {
    const result = await work();
    const outcome = result.finalized.includes(input.period) ? "finalized" : "already-final";
    span.set({ outcome, periods_finalized: result.finalized.length });
    return result;
  });
}

/** Passes progress on to `next`, and to the month-end gauges. */
export function monthEndGauges(
  deps: Deps,
  next?: (p: FinalizationProgress) => void,
): (p: FinalizationProgress) => void {
  const telemetry = telemetryOf(deps);
  return (p) => {
    telemetry.gauge("month_end_msps_done", { period: p.period }, p.mspsDone);
    telemetry.gauge("month_end_msps_total", { period: p.period }, p.mspsTotal);
    next?.(p);
  };
}
