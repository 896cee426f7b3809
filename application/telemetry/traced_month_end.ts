import type { Period } from "../../domain/period.ts";
import { type Deps, telemetryOf } from "../ports/deps.ts";

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

/** What the month-end gauges show of a run's progress. */
export interface GaugedProgress {
  readonly period: Period;
  readonly mspsDone: number;
  readonly mspsTotal: number;
}

/** Passes progress on to `next`, and to the month-end gauges. */
export function monthEndGauges<P extends GaugedProgress>(
  deps: Deps,
  next?: (p: P) => void,
): (p: P) => void {
  const telemetry = telemetryOf(deps);
  return (p) => {
    telemetry.gauge("month_end_msps_done", { period: p.period }, p.mspsDone);
    telemetry.gauge("month_end_msps_total", { period: p.period }, p.mspsTotal);
    next?.(p);
  };
}
