import { type Deps, telemetryOf } from "../ports/deps.ts";
import { pushAgreement, type PushOutcome } from "../push/push_agreement.ts";
import type { PushResult } from "../lines/push_result.ts";
import { announceAttention } from "../events/attention.ts";

type PushInput = Parameters<typeof pushAgreement>[1];

function outcomeOf(result: PushResult): string {
  if (result.attention !== null) return "attention";
  if (result.failed === 0) return "ok";
  return result.retryable ? "retry" : "failed";
}

/**
 * `pushAgreement` in a span (its ConnectWise calls are child spans), counted
 * by outcome with its writes, and announcing what became blocked or failed.
 */
export function tracedPush(deps: Deps, input: PushInput): Promise<PushOutcome> {
  const telemetry = telemetryOf(deps);
  const { mspId, agreementId, period, final } = input;
  const attributes = { msp_id: mspId, agreement_id: agreementId, period, final };
  return telemetry.span("psa-sync.push_agreement", attributes, async (span) => {
    let result: PushOutcome;
    try {
      result = await pushAgreement(deps, input);
    } catch (error) {
      telemetry.count("pushes", { outcome: "error" });
      throw error;
    }
    const outcome = outcomeOf(result);
    span.set({ outcome, written: result.written, failed: result.failed });
    telemetry.count("pushes", { outcome });
    if (result.written > 0) telemetry.count("writes", { outcome: "written" }, result.written);
    if (result.failed > 0) telemetry.count("writes", { outcome: "failed" }, result.failed);
    const { before, after } = result.lines;
    await announceAttention(deps, { mspId, before, after, result });
    return result;
  });
}
