import { type Deps, telemetryOf } from "../ports/deps.ts";
import type { PushResult } from "../lines/push_result.ts";

function outcomeOf(result: PushResult): string {
  if (result.attention !== null) return "attention";
  if (result.failed === 0) return "ok";
  return result.retryable ? "retry" : "failed";
}

/** A span (its ConnectWise calls are child spans), counted by outcome with its writes. */
export function tracedPush<T extends PushResult>(
  deps: Deps,
  push: { mspId: string; agreementId: number; period: string; final: boolean },
  work: () => Promise<T>,
): Promise<T> {
  const telemetry = telemetryOf(deps);
  const { mspId, agreementId, period, final } = push;
  const attributes = { msp_id: mspId, agreement_id: agreementId, period, final };
  return telemetry.span("psa-sync.push_agreement", attributes, async (span) => {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      telemetry.count("pushes", { outcome: "error" });
      throw error;
    }
    const outcome = outcomeOf(result);
    span.set({ outcome, written: result.written, failed: result.failed });
    telemetry.count("pushes", { outcome });
    if (result.written > 0) telemetry.count("writes", { outcome: "written" }, result.written);
    if (result.failed > 0) telemetry.count("writes", { outcome: "failed" }, result.failed);
    return result;
  });
}
